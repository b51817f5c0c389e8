// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heaploader.h"

#include "snapshotreader.h"
#include "summary.h"

#include <common/bigblocks.h>
#include <common/filekind.h>

#include <chrono>

namespace v8scope {

Result<LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options, const TaskControl& control)
{
    return loadHeap(path, options, control, {});
}

Result<LoadedHeap> loadHeap(
    const std::string& path, const HeapLoadOptions& options, const TaskControl& control, const ParsedHook& parsed)
{
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a, Clock::time_point b) {
        return std::chrono::duration<double, std::milli>(b - a).count();
    };
    // The parse's and the analysis' freed arrays are moved into the next ones instead of unmapped, and what is left
    // is unmapped when this returns (common/bigblocks.h).
    bigblocks::ReuseScope reuse;
    LoadedHeap loaded;
    const auto t0 = Clock::now();
    auto cached = heapcache::load(path, options.cache, loaded.cache);
    if (cached) {
        // The limits hold for cached snapshots too: past one, parse the file and report it like the reader does.
        const HeapSnapshot& s = *cached->snapshot;
        if (s.sourceBytes > options.maxInputBytes
            || (options.maxMemoryBytes
                && HeapSnapshot::estimatedPeakBytes(s.nodeCount, s.edgeCount) > options.maxMemoryBytes)) {
            cached.reset();
            loaded.cache.lookup = "bypassed (limits)";
        }
    }
    if (cached) {
        // A cache entry stored by a load that did not sort the Summary's members (the CLI's) is sorted now when
        // this one wants them: the analysis was just read, nothing else holds it yet.
        if (options.sortSummaryMembers && !cached->summaryMembersSorted && cached.use_count() == 1
            && !sortSummaryMembers(const_cast<HeapAnalysis&>(*cached), control.cancel))
            return ParseError::general(path, "cancelled");
        loaded.analysis = std::move(cached);
        loaded.fromCache = true;
        loaded.parseMs = ms(t0, Clock::now());
        return loaded;
    }
    InputOptions in;
    in.maxDecompressedBytes = options.maxInputBytes;
    in.maxMemoryBytes = options.maxMemoryBytes;
    in.parseThreads = options.parseThreads;
    in.control = control;
    auto snap = SnapshotReader::read(path, in);
    if (!snap) // a CPU profile given to a heap command: say so instead of the parser's byte offset
        return wrongKindError(path, FileKind::HeapSnapshot, snap.error());
    const auto t1 = Clock::now();
    if (parsed)
        parsed(snap.value());
    auto analysis = HeapAnalysis::analyze( // the only reference to the snapshot: see analyze()
        std::move(snap.value()), control, nullptr, options.sortSummaryMembers);
    if (!analysis)
        return analysis.error();
    const auto t2 = Clock::now();
    loaded.analysis = std::move(analysis.value());
    loaded.parseMs = ms(t0, t1);
    loaded.analyzeMs = ms(t1, t2);
    if (loaded.cache.lookup != "off" && loaded.cache.lookup != "skipped") {
        heapcache::store(path, *loaded.analysis, options.cache, loaded.cache);
        loaded.cacheStoreMs = ms(t2, Clock::now());
    }
    return loaded;
}

} // namespace v8scope
