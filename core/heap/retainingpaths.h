// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace v8scope {

class HeapAnalysis;
class RetainersView;

/// A retaining path: nodes[0] is a direct child of the root (a GC root category or a user global), edges[i]
/// leads from nodes[i] to nodes[i+1], and the last node is the object asked about.
struct RetainingPath
{
    std::vector<uint32_t> nodes;
    std::vector<uint32_t> edges;
};

struct RetainingPathOptions
{
    uint32_t maxPaths = 3;
    uint32_t maxDepth = 50; ///< edges
    uint32_t maxExpansions = 200000; ///< bounds the work on pathological graphs
    /// Prefer paths through different direct retainers of the target: first the shortest path through each of
    /// them (by the same ranking), then, when fewer than maxPaths retainers exist, the next shortest paths. Without
    /// it the k shortest paths often differ only near the roots (`diags[0]`, `diags[1]`) and say the same thing.
    bool distinctRetainers = false;
    /// The Retainers view with ignored nodes (DevTools' "Ignore this retainer"): paths then follow its distances and
    /// never pass through an ignored node or an ignored WeakMap edge. Null: the analysis' distances.
    const RetainersView* view = nullptr;
};

/// Up to maxPaths shortest retaining paths from the root to `target`, shortest first, never through weak edges;
/// paths that differ only in parallel edges between the same nodes count once.
/// Paths through user roots (globals, DOM trees; DevTools distance < 100000000) rank before paths that only
/// system roots explain. Each step goes to a retainer with a strictly smaller DevTools distance, so paths are
/// simple and the search always ends.
std::vector<RetainingPath> findRetainingPaths(
    const HeapAnalysis& analysis, uint32_t target, const RetainingPathOptions& options = {});

} // namespace v8scope
