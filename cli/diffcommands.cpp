// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"

namespace v8scope::cli {

void registerDiffCommands(CLI::App& app, int& exitCode)
{
    // `diff` and `leaks` are added here by the diff engine (issue 3).
    (void)app;
    (void)exitCode;
}

} // namespace v8scope::cli
