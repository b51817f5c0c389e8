// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/retainergraph.h>

#include <cstdint>
#include <string>
#include <vector>

namespace v8scope {
class HeapAnalysis;
}

/// `v8scope retainers FILE --id ID --graph`: the retainer graph (core/heap/retainergraph.h) as text, JSON or
/// Graphviz DOT; the viewer's Graph tab draws the same graph.
namespace v8scope::report {

enum class GraphFormat
{
    Text,
    Json,
    Dot,
};

/// "4925 (internal)": the edge as `retainers` prints it; "" for a "+K more" link.
std::string graphEdgeLabel(const HeapAnalysis& analysis, const RetainerGraph& graph, uint32_t edge);

/// Each graph node's position among the nodes of its level, left to right, as layoutLayered orders them (widths:
/// the text labels' lengths), so the CLI lists a level in the order the viewer draws it.
std::vector<uint32_t> retainerGraphOrder(const HeapAnalysis& analysis, const RetainerGraph& graph);

/// Text: a heading, then level by level (the object first) each node with the references that retain it:
///   * (array) @96345  retained 34.6 kB, distance 5
///       <- table (internal) <- Map @75559 *
/// `*` marks the shortest path to a GC root.
std::string retainerGraphText(const HeapAnalysis& analysis, const RetainerGraph& graph);
/// {"id", "class", "depth", "fan_in", "max_nodes", "nodes": [...], "edges": [{"from", "to", ...}]} (docs/heap.md).
std::string retainerGraphJson(
    const HeapAnalysis& analysis, const RetainerGraph& graph, const RetainerGraphOptions& options);
/// A Graphviz digraph: one box per object, edges from retainer to retained, one rank per level, the shortest path
/// bold (`dot -Tsvg`).
std::string retainerGraphDot(const HeapAnalysis& analysis, const RetainerGraph& graph);
std::string retainerGraphReport(
    const HeapAnalysis& analysis, const RetainerGraph& graph, const RetainerGraphOptions& options, GraphFormat format);

} // namespace v8scope::report
