// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QVariant>

#include <cstdint>

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

/// The per-object columns the heap trees share (Summary objects and edges, Dominators, Containment, Retainers).
enum class NodeField
{
    Name,
    Distance,
    Shallow,
    ShallowPercent,
    Retained,
    RetainedPercent,
};

/// One cell of an object row for `role`: Display = formatted (sizes "12.3 MB", percent of the total heap),
/// SortRole = raw number, ShareRole = share of the heap total on the size columns, ToolTip = exact bytes,
/// TextAlignment = right for numbers, NodeRole = the node.
QVariant nodeCell(const HeapAnalysis& analysis, uint32_t node, NodeField field, int role);

/// Header title and tooltip of a NodeField column.
QString nodeFieldTitle(NodeField field);
QString nodeFieldHelp(NodeField field);

} // namespace v8scope::gui
