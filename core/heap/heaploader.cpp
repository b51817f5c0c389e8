// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heaploader.h"

#include "snapshotreader.h"

#include <chrono>

namespace v8scope {

Result<LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options, const TaskControl& control)
{
    InputOptions in;
    in.maxDecompressedBytes = options.maxInputBytes;
    in.maxMemoryBytes = options.maxMemoryBytes;
    in.control = control;
    const auto t0 = std::chrono::steady_clock::now();
    auto snap = SnapshotReader::read(path, in);
    if (!snap)
        return snap.error();
    const auto t1 = std::chrono::steady_clock::now();
    auto analysis = HeapAnalysis::analyze(snap.value(), control);
    if (!analysis)
        return analysis.error();
    const auto t2 = std::chrono::steady_clock::now();
    LoadedHeap loaded;
    loaded.analysis = std::move(analysis.value());
    loaded.parseMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
    loaded.analyzeMs = std::chrono::duration<double, std::milli>(t2 - t1).count();
    return loaded;
}

} // namespace v8scope
