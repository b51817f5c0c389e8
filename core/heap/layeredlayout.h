// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

namespace v8scope {

/// A graph whose nodes already have a layer (0 at the bottom), for layoutLayered. Edges may join any two layers:
/// an edge from an upper to a lower layer points down, one from a lower to an upper layer is a back edge (a
/// cycle), one within a layer is flat.
struct LayeredGraph
{
    struct Edge
    {
        uint32_t from;
        uint32_t to;
    };
    std::vector<uint32_t> layer; ///< per node
    std::vector<double> width; ///< per node, in the caller's unit (pixels in the viewer)
    std::vector<Edge> edges;
};

struct LayeredLayoutOptions
{
    double nodeHeight = 40; ///< every node's box height
    double layerGap = 56; ///< vertical room between two layers (for the edges and their labels)
    double nodeGap = 24; ///< horizontal room between two boxes of a layer
    double dummyWidth = 10; ///< the width an edge passing through a layer takes there
    uint32_t sweeps = 12; ///< barycenter sweeps (one up, one down each)
};

/// Where layoutLayered put everything. Layer k's boxes are at y = (maxLayer - k) * (nodeHeight + layerGap), so
/// layer 0 is at the bottom; x grows to the right from 0.
struct LayeredLayout
{
    struct Box
    {
        double x, y, w, h;
        uint32_t order; ///< position in its layer, 0 = leftmost (dummies counted)
    };
    enum class RouteKind : uint8_t
    {
        Down, ///< from an upper layer to a lower one: leaves the bottom of `from`, enters the top of `to`
        Up, ///< a back edge, from a lower layer to an upper one: leaves the top of `from`, enters the bottom of `to`
        Flat, ///< both ends in one layer: an arc through the gap above it
    };
    struct Point
    {
        double x, y;
    };
    struct Route
    {
        std::vector<Point> points; ///< from the edge's `from` box to its `to` box, through its dummies
        RouteKind kind;
    };
    std::vector<Box> boxes; ///< per input node
    std::vector<Route> routes; ///< per input edge
    std::vector<std::vector<uint32_t>> layers; ///< per layer, the real nodes left to right
    double width = 0;
    double height = 0;
    uint32_t crossings = 0; ///< edge crossings between adjacent layers (each long edge counted per segment)
};

/// Sugiyama's layered layout for small graphs (hundreds of nodes), no recursion: every edge spanning several
/// layers gets a dummy node in each layer between its ends; node order within each layer by barycenter sweeps
/// (the ordering with the fewest crossings kept), then adjacent swaps while they remove crossings; x coordinates
/// by repeated averaging over the neighbours, each layer projected onto non-overlapping positions in its order
/// (weighted isotonic regression, pool-adjacent-violators), so no two boxes overlap. Deterministic.
LayeredLayout layoutLayered(const LayeredGraph& graph, const LayeredLayoutOptions& options = {});

} // namespace v8scope
