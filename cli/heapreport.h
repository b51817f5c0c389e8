// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "heapload.h"
#include "output.h"

#include <heap/summary.h>

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace v8scope::cli {

void printInfo(const LoadedHeap& loaded, Format format);

/// `retainers` and `dominators`.
void registerHeapTreeCommands(CLI::App& app, int& exitCode);

} // namespace v8scope::cli
