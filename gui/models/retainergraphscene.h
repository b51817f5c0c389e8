// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/layeredlayout.h>
#include <heap/retainergraph.h>

#include <QFont>
#include <QRectF>
#include <QString>

#include <memory>
#include <vector>

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

/// Everything the Retainer Graph view draws, computed off the GUI thread (makeRetainerGraphScene): the graph
/// (core/heap/retainergraph.h), each box's texts measured with the view's font, and the layered layout in scene
/// pixels. Immutable once made; an expansion makes a new scene from a copy of the graph.
struct RetainerGraphScene
{
    RetainerGraph graph;
    LayeredLayout layout;
    std::vector<QString> title; ///< per node: "Session @108097" (elided to the box), "+7 more"
    std::vector<QString> detail; ///< per node: "688 B · distance 6 · GC root"; empty for "+K more"
    std::vector<QString> edgeLabel; ///< per edge: "4925 (internal)" as the CLI prints it; empty from "+K more"
    double lineHeight = 0; ///< of the font the texts were measured with
    QFont font; ///< that font

    static constexpr double kPadding = 6; ///< inside a box, around the text
    static constexpr double kExpander = 18; ///< the "+" button's width at a box's right end
    static constexpr double kMargin = 24; ///< around the laid-out graph

    /// The laid-out graph with the margin, in scene pixels (from 0, 0).
    QRectF bounds() const;
    /// Node i's box in scene pixels.
    QRectF box(uint32_t i) const;
    /// Node i's "+" button (empty when it cannot expand, and for "+K more" nodes, which are buttons whole).
    QRectF expander(uint32_t i) const;
    /// The graph node of a snapshot ordinal, or kNoNode.
    uint32_t find(uint32_t node) const
    {
        return graph.find(node);
    }
};

/// Measures the graph's texts with `font` and lays it out. Safe on a worker thread (QFontMetricsF only).
std::shared_ptr<const RetainerGraphScene> makeRetainerGraphScene(
    const HeapAnalysis& analysis, RetainerGraph graph, const QFont& font);

} // namespace v8scope::gui
