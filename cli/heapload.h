// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/heapanalysis.h>
#include <heap/heaploader.h>

#include <memory>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace v8scope::cli {

/// Options every heap command shares.
struct HeapLoadOptions
{
    uint64_t maxInputBytes = uint64_t(32) << 30;
    uint64_t maxMemoryBytes = 0; ///< 0: no limit
    bool noCache = false;
    v8scope::HeapCacheOptions cache;
};

/// Adds `--max-input BYTES` (the decompressed-size limit, e.g. 1048576 or 8GiB), `--max-memory`, and the analysis
/// cache's `--no-cache`, `--cache-dir DIR`, `--cache-max BYTES` to a heap command.
void addMaxInputOption(CLI::App* cmd, HeapLoadOptions& options);

/// The core's load options for these (what loadHeap and SnapshotHeapClaims take).
v8scope::HeapLoadOptions coreLoadOptions(const HeapLoadOptions& options);

struct LoadedHeap
{
    std::shared_ptr<const HeapAnalysis> analysis;
    double parseMs = 0;
    double analyzeMs = 0;
    bool fromCache = false;
    double cacheStoreMs = 0;
    HeapCacheStatus cache;
};

/// Parses and analyzes a snapshot with a terminal progress bar (when stderr is a TTY and the file is big).
/// On failure prints the one-line error and returns null.
std::unique_ptr<LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options = {});

} // namespace v8scope::cli
