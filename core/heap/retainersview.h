// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "heapanalysis.h"

#include <common/progress.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace v8scope {

/// The Retainers view with DevTools' "Ignore this retainer" (HeapSnapshot.ts: ignoreNodeInRetainersView,
/// unignoreNodeInRetainersView, unignoreAllNodesInRetainersView, getDistanceForRetainersView,
/// isEdgeIgnoredInRetainersView). Ignoring a node recomputes the distances the view sorts and shows by, as if no
/// edge led into an ignored node (the same two BFS passes and filters as HeapAnalysis::distance; user roots keep
/// distance 1 even when ignored, as in DevTools). When a WeakMap value's key or table becomes unreachable, the
/// other half of the pair is ignored too (#updateIgnoredEdgesInRetainersView): one half cannot keep the value alive.
///
/// DevTools keeps one mutable set per snapshot; here the set is the input and the result is immutable, so undo is
/// computing again with a smaller set (what unignoreNodeInRetainersView does), and nothing ignored is the analysis'
/// own distances (unignoreAllNodesInRetainersView). Flat arrays: a DistanceColumn (2 bytes a node), the sorted ignored
/// edges.
class RetainersView
{
public:
    /// Added to an unreachable node's distance so that it sorts after every reachable one (DevTools'
    /// baseUnreachableDistance). Shown as "-", like system distances (>= HeapAnalysis::kBaseSystemDistance).
    static constexpr int32_t kBaseUnreachableDistance = 2 * HeapAnalysis::kBaseSystemDistance;

    /// The view with `ignoredNodes` (ordinals, any order, duplicates and out-of-range ordinals dropped) ignored.
    /// Null when `control` cancels.
    static std::shared_ptr<const RetainersView> compute(std::shared_ptr<const HeapAnalysis> analysis,
        std::vector<uint32_t> ignoredNodes, const TaskControl& control = {});

    const HeapAnalysis& analysis() const
    {
        return *m_analysis;
    }
    /// The ignored nodes, ascending ordinals.
    const std::vector<uint32_t>& ignoredNodes() const
    {
        return m_ignoredNodes;
    }
    bool hasIgnoredNodes() const
    {
        return !m_ignoredNodes.empty();
    }
    bool isIgnored(uint32_t node) const;
    /// A retaining edge that the WeakMap rule hides (isEdgeIgnoredInRetainersView).
    bool isEdgeIgnored(uint32_t edge) const;
    /// The ignored edges, ascending ordinals.
    const std::vector<uint32_t>& ignoredEdges() const
    {
        return m_ignoredEdges;
    }
    /// The BFS distance without the ignored nodes (HeapAnalysis::distance when none): kNoDistance where unreached.
    int32_t bfsDistance(uint32_t node) const
    {
        return m_distance.empty() ? m_analysis->distance[node] : m_distance[node];
    }
    /// getDistanceForRetainersView: bfsDistance, or for an unreached node kBaseUnreachableDistance plus its
    /// ordinary distance (0 if that is unreached too).
    int32_t distance(uint32_t node) const;
    /// The distance a retainer row sorts and shows by (JSHeapSnapshotRetainerEdge's): kBaseUnreachableDistance when
    /// the row's edge is ignored, else distance(retainer).
    int32_t retainerDistance(uint32_t edge, uint32_t retainer) const
    {
        return isEdgeIgnored(edge) ? kBaseUnreachableDistance : distance(retainer);
    }
    /// DevTools' isReachable() of a retainer row (drawn faded when not).
    static bool isReachable(int32_t viewDistance)
    {
        return viewDistance < kBaseUnreachableDistance;
    }

private:
    std::shared_ptr<const HeapAnalysis> m_analysis;
    std::vector<uint32_t> m_ignoredNodes;
    DistanceColumn m_distance; ///< empty when nothing is ignored
    std::vector<uint32_t> m_ignoredEdges;
};

} // namespace v8scope
