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
void printNodes(const HeapAnalysis& a, Format format);
/// A size cell: human ("12.3 MB") or plain bytes.
std::string sizeCell(uint64_t bytes, bool human);
/// DevTools prints distances of 100000000 and more (only system roots reach them) and unreached ones as "-".
std::string distanceCell(int32_t distance);
/// "Name @id" as DevTools labels an object.
std::string nodeLabel(const HeapAnalysis& a, uint32_t node);

/// `retainers` and `dominators`.
void registerHeapTreeCommands(CLI::App& app, int& exitCode);

} // namespace v8scope::cli
