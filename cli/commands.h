// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace v8scope::cli {

/// Exit codes shared by every command: 0 ok, 1 a CI gate or claim failed, 2 bad usage or bad input.
enum ExitCode
{
    kExitOk = 0,
    kExitGateFailed = 1,
    kExitBadInput = 2,
};

/// Each command group adds its subcommands to the app. A subcommand's callback stores its exit code in `exitCode`.
void registerHeapCommands(CLI::App& app, int& exitCode);
void registerDiffCommands(CLI::App& app, int& exitCode);
void registerCpuCommands(CLI::App& app, int& exitCode);

} // namespace v8scope::cli
