// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

namespace CLI {
class App;
}

namespace v8scope::cli {

// The `cpu` subcommands, one group per file.
void addCpuInfoCommands(CLI::App* cpu, int& exitCode); // info, functions, top (cpucommands.cpp)
void addCpuTreeCommands(CLI::App* cpu, int& exitCode); // tree, flame, export (cputree.cpp)
void addCpuBlockingCommands(CLI::App* cpu, int& exitCode); // blocking, diff (cpublocking.cpp)
void addCheckCommand(CLI::App& app, int& exitCode); // check (cpucheck.cpp)

} // namespace v8scope::cli
