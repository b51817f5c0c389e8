// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// What the fuzz targets run on a successfully analyzed snapshot: every report the CLI can print, so that hostile
// graphs reach the code behind summary, nodes, retainers and dominators too.

#include <heap/heapanalysis.h>
#include <heap/retainingpaths.h>
#include <heap/summary.h>

#include <cstdlib>

namespace fuzzutil {

/// Aborts (a crash libFuzzer records) when an invariant of the analysis does not hold.
inline void require(bool ok)
{
    if (!ok)
        std::abort();
}

inline void runHeapReports(const v8scope::HeapAnalysis& a)
{
    const uint32_t n = a.nodeCount();
    require(a.dominator.size() == n && a.retainedSize.size() == n && a.distance.size() == n);
    require(a.firstDominated.size() == size_t(n) + 1 && a.dominated.size() <= n);
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; ++i) {
        require(a.dominator[i] < n);
        require(a.retainedSize[i] >= a.selfSize[i]);
        total += a.selfSize[i];
        (void)a.className(i);
        if (i < 64) // displayName may walk up to 100k cons-string steps per node: a sample keeps runs fast
            (void)a.displayName(i);
    }
    require(a.retainedSize[a.root()] <= total);
    const auto rows = v8scope::buildSummary(a, a.classes);
    uint64_t shallow = 0;
    for (const auto& r : rows)
        shallow += r.shallow;
    require(shallow <= total);
    (void)a.statistics();
    v8scope::RetainingPathOptions options;
    options.maxExpansions = 20000;
    for (uint32_t node : { n - 1, n / 2, uint32_t(0) }) {
        for (const auto& path : v8scope::findRetainingPaths(a, node, options))
            require(path.nodes.size() == path.edges.size() + 1 || path.nodes.size() == path.edges.size());
        (void)a.nodeForId(a.snapshot->nodeId[node]);
    }
}

} // namespace fuzzutil
