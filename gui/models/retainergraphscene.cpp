// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainergraphscene.h"

#include "format.h"

#include <heap/heapanalysis.h>
#include <report/retainergraphview.h>

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace v8scope::gui {

namespace {
constexpr double kMaxBoxWidth = 300;
constexpr double kMinBoxWidth = 60;
} // namespace

QRectF RetainerGraphScene::bounds() const
{
    return QRectF(0, 0, layout.width + 2 * kMargin, layout.height + 2 * kMargin);
}

QRectF RetainerGraphScene::box(uint32_t i) const
{
    const LayeredLayout::Box& b = layout.boxes[i];
    return QRectF(b.x + kMargin, b.y + kMargin, b.w, b.h);
}

QRectF RetainerGraphScene::expander(uint32_t i) const
{
    if (i >= graph.nodes.size() || graph.nodes[i].node == kNoNode || !graph.canExpand(i))
        return {};
    const QRectF b = box(i);
    return QRectF(b.right() - kExpander, b.top(), kExpander, b.height());
}

std::shared_ptr<const RetainerGraphScene> makeRetainerGraphScene(
    const HeapAnalysis& a, RetainerGraph graph, const QFont& font)
{
    auto scene = std::make_shared<RetainerGraphScene>();
    scene->font = font;
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF fm(font), fmBold(bold);
    scene->lineHeight = fm.height();
    const size_t n = graph.nodes.size();
    std::vector<double> widths(n);
    scene->title.resize(n);
    scene->detail.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
        const RetainerGraph::Node& node = graph.nodes[i];
        const double pad = 2 * RetainerGraphScene::kPadding;
        if (node.node == kNoNode) {
            scene->title[i] = QStringLiteral("+%1 more").arg(formatCount(node.more));
            widths[i] = fmBold.horizontalAdvance(scene->title[i]) + pad;
            continue;
        }
        const double expander = graph.canExpand(i) ? RetainerGraphScene::kExpander : 0;
        QString detail = QStringLiteral("%1 \u00b7 distance %2")
                             .arg(formatBytes(a.retainedSize[node.node]), formatDistance(a.distance[node.node]));
        if (node.rootChild)
            detail += QStringLiteral(" \u00b7 GC root");
        const QString title = nodeLabel(a, node.node);
        const double textWidth = std::max(fmBold.horizontalAdvance(title), fm.horizontalAdvance(detail));
        widths[i] = std::clamp(textWidth + pad + expander, kMinBoxWidth, kMaxBoxWidth);
        const double room = widths[i] - pad - expander;
        scene->title[i] = fmBold.elidedText(title, Qt::ElideMiddle, room);
        scene->detail[i] = fm.elidedText(detail, Qt::ElideRight, room);
    }
    scene->edgeLabel.reserve(graph.edges.size());
    for (uint32_t k = 0; k < graph.edges.size(); ++k)
        scene->edgeLabel.push_back(QString::fromStdString(report::graphEdgeLabel(a, graph, k)));

    LayeredLayoutOptions o;
    o.nodeHeight = std::ceil(2 * scene->lineHeight + 2 * RetainerGraphScene::kPadding);
    o.layerGap = std::max(56.0, std::ceil(3.5 * scene->lineHeight));
    o.nodeGap = 28;
    o.dummyWidth = 14;
    scene->layout = layoutLayered(layeredRetainerGraph(graph, widths), o);
    scene->graph = std::move(graph);
    return scene;
}

} // namespace v8scope::gui
