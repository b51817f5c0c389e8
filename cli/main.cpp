// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"

#include <cstdio>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int main(int argc, char** argv)
{
    using namespace v8scope::cli;
#if defined(__GLIBC__)
    // Big analysis arrays are freed and allocated in turn; glibc raises its mmap threshold after the first big
    // free and then keeps later arrays on the heap, where freed memory is not returned. A fixed threshold keeps
    // every array over 1 MiB in its own mapping (measured: -27 MB peak RSS on a 300 MB snapshot).
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
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
