// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainingpaths.h"

#include "heapanalysis.h"

#include <algorithm>
#include <queue>

namespace v8scope {

namespace {
/// Extra cost of a path that only system roots explain, so that user paths come first.
constexpr uint64_t kSystemPathPenalty = 1u << 20;

uint64_t remainingCost(int32_t distance)
{
    if (distance >= HeapAnalysis::kBaseSystemDistance)
        return uint64_t(distance - HeapAnalysis::kBaseSystemDistance) + kSystemPathPenalty;
    return uint64_t(distance);
}

struct Partial
{
    uint64_t priority; ///< edges so far + estimate of the rest
    uint32_t step; ///< index into the step arena: the path so far, from the target backwards
};
struct Step
{
    uint32_t node;
    uint32_t edge; ///< edge from `node` to the previous step's node (UINT32_MAX for the target)
    uint32_t prev; ///< UINT32_MAX at the target
    uint32_t length; ///< edges from here to the target
};
} // namespace

std::vector<RetainingPath> findRetainingPaths(
    const HeapAnalysis& a, uint32_t target, const RetainingPathOptions& options)
{
    const HeapSnapshot& s = *a.snapshot;
    std::vector<RetainingPath> paths;
    if (target >= s.nodeCount || target == a.root() || a.distance[target] < 0)
        return paths;
    std::vector<Step> arena;
    auto cmp = [](const Partial& x, const Partial& y) {
        return x.priority != y.priority ? x.priority > y.priority : x.step > y.step;
    };
    std::priority_queue<Partial, std::vector<Partial>, decltype(cmp)> open(cmp);
    arena.push_back({ target, UINT32_MAX, UINT32_MAX, 0 });
    open.push({ remainingCost(a.distance[target]), 0 });
    uint32_t expansions = 0;
    const Retainers& r = a.retainers;
    while (!open.empty() && paths.size() < options.maxPaths && expansions++ < options.maxExpansions) {
        const Partial p = open.top();
        open.pop();
        const Step step = arena[p.step];
        bool complete = false;
        for (uint32_t k = r.firstRetainer[step.node]; k < r.firstRetainer[step.node + 1]; ++k) {
            if (s.edgeType[r.retainerEdge[k]] == s.edgeTypes.weak)
                continue;
            if (r.retainerNode[k] == a.root()) {
                complete = true;
                break;
            }
        }
        if (complete) {
            RetainingPath path;
            for (uint32_t i = p.step; i != UINT32_MAX; i = arena[i].prev) {
                path.nodes.push_back(arena[i].node);
                if (arena[i].edge != UINT32_MAX)
                    path.edges.push_back(arena[i].edge);
            }
            // Paths that differ only in parallel edges between the same nodes read the same: keep the first.
            const bool duplicate = std::any_of(
                paths.begin(), paths.end(), [&](const RetainingPath& q) { return q.nodes == path.nodes; });
            if (!duplicate)
                paths.push_back(std::move(path));
            continue;
        }
        if (step.length >= options.maxDepth)
            continue;
        const int32_t d = a.distance[step.node];
        for (uint32_t k = r.firstRetainer[step.node]; k < r.firstRetainer[step.node + 1]; ++k) {
            const uint32_t e = r.retainerEdge[k];
            const uint32_t from = r.retainerNode[k];
            if (s.edgeType[e] == s.edgeTypes.weak)
                continue;
            const int32_t fd = a.distance[from];
            if (fd < 0 || fd >= d)
                continue;
            arena.push_back({ from, e, p.step, step.length + 1 });
            open.push({ step.length + 1 + remainingCost(fd), uint32_t(arena.size() - 1) });
        }
    }
    return paths;
}

} // namespace v8scope
