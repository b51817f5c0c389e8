// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"

namespace v8scope::cli {

void registerCpuCommands(CLI::App& app, int& exitCode)
{
    // `cpu ...` and `check` are added here by the CPU engine (issue 4).
    (void)app;
    (void)exitCode;
}

} // namespace v8scope::cli
