// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"

#include <cstdio>

int main(int argc, char** argv)
{
    using namespace v8scope::cli;
    CLI::App app { "v8scope: fast, DevTools-exact analysis of V8 heap snapshots and CPU profiles" };
    app.set_version_flag("--version", std::string("v8scope ") + V8SCOPE_VERSION);
    app.require_subcommand(1);
    int exitCode = kExitOk;
    registerHeapCommands(app, exitCode);
    registerDiffCommands(app, exitCode);
    registerCpuCommands(app, exitCode);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kExitBadInput;
    }
    return exitCode;
}
