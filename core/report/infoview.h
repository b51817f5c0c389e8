// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "writers.h"

#include <cstdint>
#include <string>
#include <vector>

namespace v8scope {
struct LoadedHeap;
}

/// `v8scope info`: what a snapshot holds (format, counts, sizes, DevTools' Statistics) and how it was loaded.
namespace v8scope::report {

struct InfoRow
{
    std::string key; ///< stable: the TSV key, the JSON key (docs/heap.md)
    std::string text; ///< for text values
    uint64_t number = 0; ///< for numeric values
    bool isNumber = false;
};

/// The rows in the documented order. `peakRssBytes` is the caller's (the process' peak resident set; 0 if unknown).
std::vector<InfoRow> heapInfoRows(const LoadedHeap& loaded, uint64_t peakRssBytes);
/// The report in `format`: text shows sizes as "1.2 MB (1234567)", TSV and Markdown raw; JSON one object with typed
/// values (the *_ms timings as numbers with one decimal).
std::string heapInfoReport(const LoadedHeap& loaded, uint64_t peakRssBytes, Format format);

} // namespace v8scope::report
