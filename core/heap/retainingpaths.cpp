// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainingpaths.h"

#include "heapanalysis.h"
#include "retainersview.h"

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
    uint32_t slot; ///< retainer slot of the previous step's node naming `node` (kNoNode for the target)
    uint32_t prev; ///< kNoNode at the target
    uint32_t length; ///< edges from here to the target
};

/// The distances a search follows and the retainers it may step to: the analysis', or the Retainers view's
/// without its ignored nodes and edges.
struct Graph
{
    const HeapAnalysis& a;
    const RetainersView* view;
    int32_t distance(uint32_t node) const
    {
        return view ? view->bfsDistance(node) : a.distance[node];
    }
    /// A retainer slot of `node` a path may take: not weak, not into or through what the view ignores.
    bool usable(uint32_t node, uint32_t slot) const
    {
        if (a.retainers.weak.get(slot))
            return false;
        if (!view)
            return true;
        return !view->isIgnored(a.retainers.retainerNode[slot])
            && !view->isEdgeIgnored(a.retainers.edge(*a.snapshot, node, slot));
    }
};

/// A found path with the rank it was found at (edges + the system-root penalty).
struct Ranked
{
    RetainingPath path;
    uint64_t priority;
};

/// Best-first search toward the roots. With `through` set, the first step from the target is that retainer edge
/// (index into the retainers list) only.
std::vector<Ranked> search(const Graph& g, uint32_t target, const RetainingPathOptions& options, uint32_t maxPaths,
    uint32_t through = UINT32_MAX)
{
    const HeapAnalysis& a = g.a;
    std::vector<Ranked> paths;
    std::vector<Step> arena;
    auto cmp = [](const Partial& x, const Partial& y) {
        return x.priority != y.priority ? x.priority > y.priority : x.step > y.step;
    };
    std::priority_queue<Partial, std::vector<Partial>, decltype(cmp)> open(cmp);
    arena.push_back({ target, kNoNode, kNoNode, 0 });
    if (through == UINT32_MAX) {
        open.push({ remainingCost(g.distance(target)), 0 });
    } else {
        const uint32_t from = a.retainers.retainerNode[through];
        arena.push_back({ from, through, 0, 1 });
        open.push({ 1 + remainingCost(g.distance(from)), 1 });
    }
    uint32_t expansions = 0;
    const Retainers& r = a.retainers;
    while (!open.empty() && paths.size() < maxPaths && expansions++ < options.maxExpansions) {
        const Partial p = open.top();
        open.pop();
        const Step step = arena[p.step];
        bool complete = false;
        for (uint32_t k = r.firstRetainer[step.node]; k < r.firstRetainer[step.node + 1]; ++k) {
            if (!g.usable(step.node, k))
                continue;
            if (r.retainerNode[k] == a.root()) {
                complete = true;
                break;
            }
        }
        if (complete) {
            RetainingPath path;
            for (uint32_t i = p.step; i != kNoNode; i = arena[i].prev) {
                path.nodes.push_back(arena[i].node);
                if (arena[i].slot != kNoNode)
                    path.edges.push_back(r.edge(*a.snapshot, arena[arena[i].prev].node, arena[i].slot));
            }
            // Paths that differ only in parallel edges between the same nodes read the same: keep the first.
            const bool duplicate
                = std::any_of(paths.begin(), paths.end(), [&](const Ranked& q) { return q.path.nodes == path.nodes; });
            if (!duplicate)
                paths.push_back({ std::move(path), p.priority });
            continue;
        }
        if (step.length >= options.maxDepth)
            continue;
        const int32_t d = g.distance(step.node);
        for (uint32_t k = r.firstRetainer[step.node]; k < r.firstRetainer[step.node + 1]; ++k) {
            const uint32_t from = r.retainerNode[k];
            if (!g.usable(step.node, k))
                continue;
            const int32_t fd = g.distance(from);
            if (fd < 0 || fd >= d)
                continue;
            arena.push_back({ from, k, p.step, step.length + 1 });
            open.push({ step.length + 1 + remainingCost(fd), uint32_t(arena.size() - 1) });
        }
    }
    return paths;
}
} // namespace

std::vector<RetainingPath> findRetainingPaths(
    const HeapAnalysis& a, uint32_t target, const RetainingPathOptions& options)
{
    const HeapSnapshot& s = *a.snapshot;
    const Graph g { a, options.view };
    std::vector<RetainingPath> out;
    if (target >= s.nodeCount || target == a.root() || g.distance(target) < 0)
        return out;
    std::vector<Ranked> found;
    if (options.distinctRetainers) {
        // One shortest path through each direct retainer that can lead to the roots (closer than the target, not
        // weak), best first; parallel edges from one retainer count once. The retainers closest to the roots are
        // tried first, at most 8 per path asked for, so that a target held by thousands of slots stays cheap.
        const Retainers& r = a.retainers;
        std::vector<uint32_t> candidates;
        for (uint32_t k = r.firstRetainer[target]; k < r.firstRetainer[target + 1]; ++k) {
            const uint32_t from = r.retainerNode[k];
            const int32_t fd = g.distance(from);
            if (!g.usable(target, k) || fd < 0 || fd >= g.distance(target))
                continue;
            if (std::none_of(
                    candidates.begin(), candidates.end(), [&](uint32_t c) { return r.retainerNode[c] == from; }))
                candidates.push_back(k);
        }
        std::stable_sort(candidates.begin(), candidates.end(), [&](uint32_t x, uint32_t y) {
            return remainingCost(g.distance(r.retainerNode[x])) < remainingCost(g.distance(r.retainerNode[y]));
        });
        if (candidates.size() > size_t(options.maxPaths) * 8)
            candidates.resize(size_t(options.maxPaths) * 8);
        if (candidates.size() > 1) {
            for (const uint32_t k : candidates) {
                if (r.retainerNode[k] == a.root())
                    continue; // the target is a root's child: the plain search finds that one-node path
                auto one = search(g, target, options, 1, k);
                if (!one.empty())
                    found.push_back(std::move(one.front()));
            }
            std::stable_sort(
                found.begin(), found.end(), [](const Ranked& x, const Ranked& y) { return x.priority < y.priority; });
            if (found.size() > options.maxPaths)
                found.resize(options.maxPaths);
        }
    }
    if (found.size() < options.maxPaths) {
        for (Ranked& p : search(g, target, options, options.maxPaths)) {
            if (found.size() >= options.maxPaths)
                break;
            if (std::none_of(found.begin(), found.end(), [&](const Ranked& q) { return q.path.nodes == p.path.nodes; }))
                found.push_back(std::move(p));
        }
    }
    out.reserve(found.size());
    for (Ranked& p : found)
        out.push_back(std::move(p.path));
    return out;
}

} // namespace v8scope
