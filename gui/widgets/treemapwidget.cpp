// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "treemapwidget.h"

#include "classcolors.h"

#include <heap/heapanalysis.h>
#include <models/format.h>

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace v8scope::gui {

namespace {
constexpr double kHeader = 15;
}

TreemapWidget::TreemapWidget(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(false);
    setMinimumSize(200, 150);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setToolTip(tr("Click a frame to select its object and zoom into it"));
}

QSize TreemapWidget::sizeHint() const
{
    return { 900, 600 };
}

void TreemapWidget::setAnalysis(std::shared_ptr<const HeapAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_focus = m_analysis ? m_analysis->root() : kNoNode;
    m_dirty = true;
    update();
}

void TreemapWidget::setFocusNode(uint32_t node)
{
    if (!m_analysis || node >= m_analysis->nodeCount() || node == m_focus)
        return;
    m_focus = node;
    m_dirty = true;
    update();
    Q_EMIT focusChanged(node);
}

void TreemapWidget::ensureLayout()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    m_rects.clear();
    if (!m_analysis || m_focus == kNoNode)
        return;
    const HeapAnalysis& a = *m_analysis;
    const TreemapTree tree { a.firstDominated.data(), a.dominated.data(), a.retainedSize, a.selfSize };
    TreemapOptions o;
    o.minSide = 2; // a frame has a 1 px border: under 2 px nothing of it would show
    o.padding = 2;
    o.headerHeight = kHeader;
    m_rects = layoutTreemap(tree, m_focus, width(), height(), o);
}

void TreemapWidget::resizeEvent(QResizeEvent* event)
{
    m_dirty = true;
    QWidget::resizeEvent(event);
}

void TreemapWidget::paintEvent(QPaintEvent*)
{
    ensureLayout();
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_analysis)
        return;
    const HeapAnalysis& a = *m_analysis;
    const QFontMetrics fm(font());
    for (const TreemapRect& r : m_rects) {
        const QRectF box(r.x, r.y, r.w, r.h);
        const std::string_view cls = a.className(r.node);
        QColor fill = classColor(cls);
        // Deeper frames a little lighter, so nesting reads without thick borders.
        fill = fill.lighter(100 + std::min<int>(int(r.depth) * 6, 40));
        p.fillRect(box, fill);
        p.setPen(QPen(fill.darker(160), 1));
        p.drawRect(box.adjusted(0, 0, -1, -1));
        if (r.w > 40 && r.h > kHeader) {
            const QString label = QStringLiteral("%1  %2").arg(
                QString::fromUtf8(cls.data(), qsizetype(cls.size())), formatBytes(a.retainedSize[r.node]));
            p.setPen(Qt::black); // fills are light in both palettes
            p.drawText(QRectF(r.x + 3, r.y + 1, r.w - 6, kHeader - 2), Qt::AlignLeft | Qt::AlignVCenter,
                fm.elidedText(label, Qt::ElideMiddle, int(r.w - 6)));
        }
    }
}

uint32_t TreemapWidget::nodeAt(const QPoint& pos) const
{
    for (auto it = m_rects.rbegin(); it != m_rects.rend(); ++it)
        if (pos.x() >= it->x && pos.x() < it->x + it->w && pos.y() >= it->y && pos.y() < it->y + it->h)
            return it->node;
    return kNoNode;
}

void TreemapWidget::mousePressEvent(QMouseEvent* event)
{
    const uint32_t node = nodeAt(event->position().toPoint());
    if (node == kNoNode || event->button() != Qt::LeftButton)
        return;
    Q_EMIT nodeClicked(node);
    if (node != m_focus && m_analysis->dominatedCount(node) > 0)
        setFocusNode(node);
}

bool TreemapWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_analysis) {
        auto* help = static_cast<QHelpEvent*>(event);
        const uint32_t node = nodeAt(help->pos());
        if (node == kNoNode) {
            QToolTip::hideText();
            return true;
        }
        const HeapAnalysis& a = *m_analysis;
        QStringList path;
        for (uint32_t n = node; n != kNoNode && n != m_focus && path.size() < 8; n = a.dominatorParent(n))
            path.prepend(nodeLabel(a, n));
        QToolTip::showText(help->globalPos(),
            tr("%1\nretained %2 (%3 of the heap), self %4\n%5")
                .arg(nodeLabel(a, node), formatBytes(a.retainedSize[node]),
                    formatPercent(double(a.retainedSize[node]), double(a.totalSize())), formatBytes(a.selfSize[node]),
                    path.join(QStringLiteral(" > "))),
            this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace v8scope::gui
