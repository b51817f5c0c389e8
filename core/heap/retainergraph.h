// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "layeredlayout.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace v8scope {

class HeapAnalysis;

struct RetainerGraphOptions
{
    uint32_t depth = 3; ///< levels of retainers collected above the object
    /// Retainers shown per object, nearest to a GC root first (DevTools distance, then id); the rest are one
    /// "+K more" node, which expands to the next fanIn.
    uint32_t fanIn = 8;
    /// Nodes ("+K more" ones included) buildRetainerGraph stops at; an expansion the user asks for adds its
    /// retainers regardless (at most fanIn + 1 nodes).
    uint32_t maxNodes = 120;
};

/// An object's retainers N levels up as a graph, not a tree: each object appears once, so retainers shared by
/// several paths converge and cycles show as edges back down. The edges are the ones DevTools' Retainers view
/// lists (JSHeapSnapshot.retainingEdgesFilter: every incoming edge except weak and invisible edges and the
/// root's own edges). Plain data; grown by expandRetainerGraph.
struct RetainerGraph
{
    struct Node
    {
        uint32_t node; ///< snapshot ordinal; kNoNode for a "+K more" node
        uint32_t level; ///< BFS level at discovery: 0 the object, 1 its retainers, ...
        uint32_t owner; ///< "+K more": the graph node whose remaining retainers it stands for; else kNoNode
        uint32_t more; ///< "+K more": K, retaining objects not shown; else 0
        uint32_t shown; ///< retaining objects of this node placed in the graph so far (in the sorted order)
        uint32_t retainerCount; ///< distinct retaining objects (the filtered edges), known once expanded
        bool expanded; ///< its retainers were collected (some of them, fanIn at a time)
        bool hasRetainers; ///< at least one edge of the filter retains it (so there is something to expand)
        bool rootChild; ///< the snapshot's root references it: a GC root category or a user global, a top
        bool onPath; ///< on the shortest path from the object to a GC root (as far as the graph reaches)
    };
    struct Edge
    {
        uint32_t from; ///< graph node of the retainer (or the "+K more" node)
        uint32_t to; ///< graph node of the retained object
        uint32_t edge; ///< snapshot edge ordinal (the first of parallel edges); kNoNode from a "+K more" node
        uint32_t parallel; ///< further edges from the same retainer to the same object (a Context's two slots)
        bool onPath;
    };
    uint32_t target = UINT32_MAX; ///< snapshot ordinal of the object; nodes[0]
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    std::unordered_map<uint32_t, uint32_t> index; ///< snapshot ordinal -> graph node

    /// The graph node of a snapshot ordinal, or kNoNode.
    uint32_t find(uint32_t node) const;
    uint32_t levelCount() const;
    /// Whether node i can grow: an object with retainers not collected yet, or a "+K more" node.
    bool canExpand(uint32_t i) const;
};

/// The retainer graph of `target`: breadth-first over the retainers, up to options.depth levels, fanIn retainers
/// per object and maxNodes nodes; the shortest path to a GC root marked. An invalid target gives an empty graph.
RetainerGraph buildRetainerGraph(const HeapAnalysis& analysis, uint32_t target, const RetainerGraphOptions& options);

/// Expands graph node `i` one level: an object's next fanIn retainers (new objects one level above it, edges to
/// objects already shown), or for a "+K more" node its owner's next fanIn. Returns the number of nodes added
/// (a "+K more" node that becomes empty is removed, so indexes after it shift down by one).
uint32_t expandRetainerGraph(
    RetainerGraph& graph, const HeapAnalysis& analysis, uint32_t i, const RetainerGraphOptions& options);

/// The layered graph for layoutLayered: layer = level, edges retainer -> retained; `width` per graph node.
LayeredGraph layeredRetainerGraph(const RetainerGraph& graph, const std::vector<double>& width);

} // namespace v8scope
