// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/error.h>
#include <common/progress.h>
#include <heap/heapanalysis.h>

#include <cstdint>
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
};

/// A parsed and analysed snapshot with how long each half took.
struct LoadedHeap
{
    std::shared_ptr<const HeapAnalysis> analysis;
    double parseMs = 0; ///< reading and parsing, milliseconds
    double analyzeMs = 0; ///< DevTools' analysis pipeline, milliseconds
};

/// The one way to load a heap snapshot (CLI commands, diff/leaks/check, the viewer): parse, then analyse, with
/// progress and cancellation from `control`. Errors come back as values (file, byte offset, message).
Result<LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options, const TaskControl& control);

} // namespace v8scope
