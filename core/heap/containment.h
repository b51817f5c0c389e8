// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// DevTools' Containment view: the root's outgoing edges, and each object's, as the grid lists them (edge
// names and types as JSHeapSnapshotEdge shows them, children sorted by HeapSnapshotEdgesProvider.sort with the
// grid's comparator). The edges are CSR already: a node's children are its edge range, only their order is
// computed here, into a caller-owned buffer, so a tree model can keep one sorted range per expanded node and
// address rows by edge ordinal with no allocation per row.

#include <common/error.h>
#include <common/progress.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

class HeapAnalysis;
struct HeapSnapshot;

/// JavaScript parseInt(text, 10): optional leading white space and sign, then the longest digit prefix; nothing
/// when there is no digit (NaN).
std::optional<double> jsParseInt(std::string_view text);

/// DevTools' name of an edge (JSHeapSnapshotEdge.name()): the string for property, context, internal, weak and
/// shortcut edges (a shortcut whose name starts with a number shows that number: "2abc" -> "2"), the decimal
/// index for element and hidden edges.
std::string edgeName(const HeapSnapshot& s, uint32_t edge);
/// Whether edgeName(edge) == name, without building the string.
bool edgeNameEquals(const HeapSnapshot& s, uint32_t edge, std::string_view name);
/// JSHeapSnapshotEdge.hasStringName(): false for element and hidden edges and for numeric shortcut names.
bool edgeHasStringName(const HeapSnapshot& s, uint32_t edge);
/// How DevTools writes an edge in a path (JSHeapSnapshotEdge.toString): ".name" or ["name with spaces"] for
/// properties, "[3]" for elements, "->name" for context variables, "{name}" for internal and hidden, "[[name]]"
/// for weak edges.
std::string edgeLabel(const HeapSnapshot& s, uint32_t edge);

/// The node whose edge range holds `edge` (binary search in the CSR offsets): the parent of a Containment row.
uint32_t edgeSource(const HeapSnapshot& s, uint32_t edge);

/// The sortable columns of the Containment grid (HeapSnapshotObjectNode.comparator): the first key and DevTools'
/// tie-breaker for each, then the edge's position in the file.
enum class EdgeOrder : uint8_t
{
    RetainedSize, ///< retained size, then edge name ascending (DevTools' default, descending)
    ShallowSize, ///< self size, then edge name ascending
    Name, ///< edge name (__proto__ last, named before numbered), then retained size descending
    Distance, ///< the target's distance, then its display name ascending
};

/// Fills `out` with the outgoing edges of `node` (edge ordinals) in the order DevTools' Containment grid lists
/// them for `order` (descending = the grid's default for sizes). Reuses `out`'s capacity.
void sortedChildEdges(
    const HeapAnalysis& analysis, uint32_t node, EdgeOrder order, bool descending, std::vector<uint32_t>& out);

/// One row of a Containment walk: the edge from the row's parent and its target.
struct ContainmentRow
{
    uint32_t depth; ///< 1 for the start node's children
    uint32_t edge;
    uint32_t node; ///< target of `edge`
    uint32_t childCount; ///< the target's edge count (rows below it before --top)
};

/// Pre-order walk of the Containment view from `start` (usually the root): its children in DevTools' default
/// order (retained size descending), at most `top` per parent (0 = all), down to `depth` levels. Explicit stack,
/// no recursion. Returns an error when `control` is cancelled ("cancelled"), when `start` is out of range, or
/// when the walk would exceed `maxRows` rows (a graph fans out fast: every level multiplies).
Result<std::vector<ContainmentRow>> containmentRows(const HeapAnalysis& analysis, uint32_t start, uint32_t depth,
    uint32_t top, const TaskControl& control = {}, uint64_t maxRows = 5000000);

} // namespace v8scope
