// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/heapanalysis.h>

#include <memory>
#include <string>

namespace v8scope::cli {

/// Options every heap command shares.
struct HeapLoadOptions
{
    uint64_t maxInputBytes = uint64_t(32) << 30;
};

struct LoadedHeap
{
    std::shared_ptr<const HeapAnalysis> analysis;
    double parseMs = 0;
    double analyzeMs = 0;
};

/// Parses and analyzes a snapshot with a terminal progress bar (when stderr is a TTY and the file is big).
/// On failure prints the one-line error and returns null.
std::unique_ptr<LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options = {});

} // namespace v8scope::cli
