// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "traceflame.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace v8scope {

FlameRows traceFlameChartRows(
    const CpuProfile& p, const std::vector<TimelineEntry>& entries, const FlameChartOptions& o)
{
    FlameRows r;
    const int64_t end = std::max(p.endTime, p.lastSampleEnd) - p.startTime;
    const int64_t w0 = o.windowEnd > o.windowStart ? o.windowStart : 0;
    const int64_t w1 = o.windowEnd > o.windowStart ? o.windowEnd : end;
    r.extent0 = w0;
    r.extent1 = w1;
    if (entries.empty() || p.isHeap()) {
        r.rowBegin = { 0 };
        return r;
    }
    // Depth from the nesting: entries come in time order, parents before their children, and every child ends
    // within its parent (treify left out the others), so a stack of open ends gives each entry's depth.
    const size_t n = entries.size();
    std::vector<uint32_t> depth(n), parent(n, UINT32_MAX);
    std::vector<double> childTime(n, 0);
    std::vector<uint32_t> open;
    for (uint32_t i = 0; i < n; ++i) {
        const TimelineEntry& e = entries[i];
        while (!open.empty() && e.ts >= entries[open.back()].ts + entries[open.back()].dur)
            open.pop_back();
        depth[i] = uint32_t(open.size());
        if (!open.empty()) {
            parent[i] = open.back();
            childTime[open.back()] += e.dur;
        }
        open.push_back(i);
    }
    // Frames clipped to the window (µs from the profile's start), then grouped by (depth, x0).
    const double start = double(p.startTime);
    std::vector<uint32_t> kept;
    std::vector<int64_t> x0(n), x1(n);
    for (uint32_t i = 0; i < n; ++i) {
        const TimelineEntry& e = entries[i];
        x0[i] = std::max<int64_t>(std::llround(e.ts - start), w0);
        x1[i] = std::min<int64_t>(std::llround(e.ts + e.dur - start), w1);
        if (x1[i] > x0[i])
            kept.push_back(i);
    }
    std::stable_sort(kept.begin(), kept.end(),
        [&](uint32_t a, uint32_t b) { return depth[a] != depth[b] ? depth[a] < depth[b] : x0[a] < x0[b]; });
    const uint32_t rows = kept.empty() ? 0 : depth[kept.back()] + 1;
    r.rowBegin.assign(rows + 1, 0);
    for (uint32_t i : kept) {
        r.x0.push_back(x0[i]);
        r.x1.push_back(x1[i]);
        r.depth.push_back(depth[i]);
        r.node.push_back(entries[i].node == UINT32_MAX ? FlameRows::kNoFrame : entries[i].node);
        r.function.push_back(entries[i].function);
        r.self.push_back(std::max<int64_t>(std::llround(entries[i].dur - childTime[i]), 0));
        r.total.push_back(std::llround(entries[i].dur));
        ++r.rowBegin[depth[i] + 1];
    }
    std::partial_sum(r.rowBegin.begin(), r.rowBegin.end(), r.rowBegin.begin());
    return r;
}

} // namespace v8scope
