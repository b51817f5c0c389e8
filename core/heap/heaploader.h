// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/error.h>
#include <common/progress.h>
#include <heap/heapanalysis.h>
#include <heap/heapcache.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace v8scope {

/// Limits every heap load honours (the CLI's --max-input and --max-memory, the viewer's settings).
struct HeapLoadOptions
{
    /// Bytes of text after decompression before reading stops with an error (gzip bomb guard).
    uint64_t maxInputBytes = uint64_t(32) << 30;
    /// Memory the analysis may need, estimated from the header's counts before allocating; 0 = no limit.
    uint64_t maxMemoryBytes = 0;
    /// The analysis cache (on by default): a snapshot analysed before and unchanged since is read back from a
    /// binary cache file instead of being parsed and analysed again (heapcache.h).
    HeapCacheOptions cache;
    /// Threads for the parallel parse of the numeric sections; 0 = all the hardware's.
    unsigned parseThreads = 0;
    /// The Summary's members sorted (biggest retained first), as the viewer lists them when a class expands;
    /// without, they stay in file order (HeapAnalysis::analyze's `sortMembers`: the CLI never reads their order).
    bool sortSummaryMembers = true;
};

/// A parsed and analysed snapshot with how long each half took.
struct LoadedHeap
{
    std::shared_ptr<const HeapAnalysis> analysis;
    double parseMs = 0; ///< reading and parsing, milliseconds
    double analyzeMs = 0; ///< DevTools' analysis pipeline, milliseconds
    bool fromCache = false; ///< read back from the analysis cache (parseMs is then the cache read)
    double cacheStoreMs = 0; ///< writing the cache file after a full load
    HeapCacheStatus cache;
};

/// The one way to load a heap snapshot (CLI commands, diff/leaks/check, the viewer): from the analysis cache when
/// it holds this file unchanged, else parse, analyse and store the result in the cache; with progress and
/// cancellation from `control`. Errors come back as values (file, byte offset, message); cache problems are never
/// errors (the cache is then ignored).
Result<LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options, const TaskControl& control);

/// Called between parsing and analysis of a snapshot that was not in the cache, with the parsed graph: `diff`
/// finishes the base side there and frees the base's digest before the head's analysis allocates (docs/diff.md).
using ParsedHook = std::function<void(const std::shared_ptr<const HeapSnapshot>& parsed)>;
Result<LoadedHeap> loadHeap(
    const std::string& path, const HeapLoadOptions& options, const TaskControl& control, const ParsedHook& parsed);

} // namespace v8scope
