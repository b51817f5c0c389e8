// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainersview.h"

#include "heapsteps.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace v8scope {

namespace {
/// One (value, pair name) of a WeakMap edge that leaves an unreachable node: DevTools' unreachableWeakMapEdges.
struct PendingHalf
{
    uint32_t target;
    std::string_view duplicatedPart;
    bool operator<(const PendingHalf& o) const
    {
        return target != o.target ? target < o.target : duplicatedPart < o.duplicatedPart;
    }
    bool operator==(const PendingHalf& o) const = default;
};

/// #updateIgnoredEdgesInRetainersView: for every WeakMap edge that leaves an unreachable node, every edge into the
/// same value with the same pair name (the other half, and the edge itself) is ignored.
std::vector<uint32_t> weakMapHalves(const HeapAnalysis& a, const DistanceColumn& distance,
    heapsteps::WeakMapEdgeCache& weakMaps, const TaskControl& control)
{
    const HeapSnapshot& s = *a.snapshot;
    const int internal = s.edgeTypes.internal;
    std::vector<PendingHalf> pending;
    for (uint32_t node = 0; node < s.nodeCount; ++node) {
        if (heapsteps::stopRequested(control, node))
            return {};
        if (distance[node] != HeapAnalysis::kNoDistance)
            continue;
        for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e) {
            if (s.edgeType[e] != internal)
                continue;
            if (const WeakMapEdgeName* w = weakMaps.get(s.edgeNameOrIndex[e]))
                pending.push_back({ s.edgeTarget[e], w->duplicatedPart });
        }
    }
    std::sort(pending.begin(), pending.end());
    pending.erase(std::unique(pending.begin(), pending.end()), pending.end());
    std::vector<uint32_t> edges, slotEdges;
    const Retainers& r = a.retainers;
    for (size_t i = 0; i < pending.size();) {
        const uint32_t target = pending[i].target;
        size_t end = i;
        while (end < pending.size() && pending[end].target == target)
            ++end;
        r.edges(s, target, slotEdges);
        for (const uint32_t e : slotEdges) {
            if (e == kNoNode || s.edgeType[e] != internal)
                continue;
            const WeakMapEdgeName* w = weakMaps.get(s.edgeNameOrIndex[e]);
            if (w
                && std::binary_search(
                    pending.begin() + i, pending.begin() + end, PendingHalf { target, w->duplicatedPart }))
                edges.push_back(e);
        }
        i = end;
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    return edges;
}
} // namespace

std::shared_ptr<const RetainersView> RetainersView::compute(
    std::shared_ptr<const HeapAnalysis> analysis, std::vector<uint32_t> ignoredNodes, const TaskControl& control)
{
    auto view = std::make_shared<RetainersView>();
    const HeapAnalysis& a = *analysis;
    view->m_analysis = std::move(analysis);
    const uint32_t n = a.nodeCount();
    std::erase_if(ignoredNodes, [n](uint32_t node) { return node >= n; });
    std::sort(ignoredNodes.begin(), ignoredNodes.end());
    ignoredNodes.erase(std::unique(ignoredNodes.begin(), ignoredNodes.end()), ignoredNodes.end());
    view->m_ignoredNodes = std::move(ignoredNodes);
    if (view->m_ignoredNodes.empty())
        return view; // DevTools drops its array: the view shows the ordinary distances and ignores no edge
    BitVector ignored(n);
    for (const uint32_t node : view->m_ignoredNodes)
        ignored.set(node);
    heapsteps::WeakMapEdgeCache weakMaps(*a.snapshot);
    heapsteps::computeDistances(*a.snapshot, weakMaps, &ignored, view->m_distance, control);
    if (control.cancelled())
        return nullptr;
    view->m_ignoredEdges = weakMapHalves(a, view->m_distance, weakMaps, control);
    if (control.cancelled())
        return nullptr;
    return view;
}

bool RetainersView::isIgnored(uint32_t node) const
{
    return std::binary_search(m_ignoredNodes.begin(), m_ignoredNodes.end(), node);
}

bool RetainersView::isEdgeIgnored(uint32_t edge) const
{
    return std::binary_search(m_ignoredEdges.begin(), m_ignoredEdges.end(), edge);
}

int32_t RetainersView::distance(uint32_t node) const
{
    const int32_t d = bfsDistance(node);
    if (d != HeapAnalysis::kNoDistance)
        return d;
    return std::max(0, m_analysis->distance[node]) + kBaseUnreachableDistance;
}

} // namespace v8scope
