// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainergraphwidget.h"

#include "classcolors.h"

#include <heap/heapanalysis.h>
#include <models/format.h>

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace v8scope::gui {

namespace {
constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 4.0;
constexpr double kLabelMaxWidth = 150;
constexpr double kArrow = 7;

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

/// The shortest path's colour: a strong red that reads on both palettes' backgrounds.
QColor pathColor(const QPalette& palette)
{
    return isDark(palette) ? QColor(255, 122, 99) : QColor(192, 57, 43);
}

QPointF cubicPoint(const QPointF& p0, const QPointF& c1, const QPointF& c2, const QPointF& p1, double t)
{
    const double u = 1 - t;
    return u * u * u * p0 + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * p1;
}

QPointF pt(const LayeredLayout::Point& p)
{
    return { p.x + RetainerGraphScene::kMargin, p.y + RetainerGraphScene::kMargin };
}
} // namespace

RetainerGraphWidget::RetainerGraphWidget(QWidget* parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setMinimumSize(200, 150);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QSize RetainerGraphWidget::sizeHint() const
{
    return { 900, 600 };
}

void RetainerGraphWidget::setAnalysis(std::shared_ptr<const HeapAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_scene.reset();
    m_current = kNoNode;
    update();
}

void RetainerGraphWidget::setScene(std::shared_ptr<const RetainerGraphScene> scene, uint32_t anchor)
{
    const uint32_t currentObject
        = m_scene && m_current < m_scene->graph.nodes.size() ? m_scene->graph.nodes[m_current].node : kNoNode;
    QPointF anchorView;
    bool keep = false;
    if (m_scene && scene && anchor != kNoNode) {
        const uint32_t before = m_scene->find(anchor);
        keep = before != kNoNode && scene->find(anchor) != kNoNode;
        if (keep)
            anchorView = viewRect(before).center();
    }
    m_scene = std::move(scene);
    m_current = kNoNode;
    if (m_scene && !m_scene->graph.nodes.empty()) {
        m_current = currentObject != kNoNode ? m_scene->find(currentObject) : kNoNode;
        if (m_current == kNoNode)
            m_current = 0;
    }
    if (keep) {
        const QPointF centre = m_scene->box(m_scene->find(anchor)).center();
        m_offset = anchorView - centre * m_scale;
    } else {
        fitToView();
    }
    update();
}

bool RetainerGraphWidget::setCurrentObject(uint32_t node)
{
    const uint32_t i = m_scene ? m_scene->find(node) : kNoNode;
    if (i == kNoNode)
        return false;
    if (i != m_current) {
        m_current = i;
        ensureVisible(i);
        update();
    }
    return true;
}

void RetainerGraphWidget::setCurrentIndex(uint32_t index)
{
    if (!m_scene || index >= m_scene->graph.nodes.size())
        return;
    m_current = index;
    ensureVisible(index);
    update();
}

QPointF RetainerGraphWidget::toScene(const QPointF& view) const
{
    return (view - m_offset) / m_scale;
}

QRectF RetainerGraphWidget::viewRect(uint32_t i) const
{
    if (!m_scene || i >= m_scene->graph.nodes.size())
        return {};
    const QRectF b = m_scene->box(i);
    return QRectF(b.topLeft() * m_scale + m_offset, b.size() * m_scale);
}

uint32_t RetainerGraphWidget::nodeAt(const QPointF& pos) const
{
    if (!m_scene)
        return kNoNode;
    const QPointF s = toScene(pos);
    for (uint32_t i = 0; i < m_scene->graph.nodes.size(); ++i)
        if (m_scene->box(i).contains(s))
            return i;
    return kNoNode;
}

bool RetainerGraphWidget::onExpander(const QPointF& pos) const
{
    const uint32_t i = nodeAt(pos);
    if (i == kNoNode)
        return false;
    if (m_scene->graph.nodes[i].node == kNoNode)
        return true;
    return m_scene->expander(i).contains(toScene(pos));
}

void RetainerGraphWidget::zoomBy(double factor, const QPointF& anchor)
{
    const double scale = std::clamp(m_scale * factor, kMinZoom, kMaxZoom);
    const QPointF s = toScene(anchor);
    m_scale = scale;
    m_offset = anchor - s * m_scale;
    update();
}

void RetainerGraphWidget::fitToView()
{
    if (!m_scene)
        return;
    if (width() <= 1 || height() <= 1 || !isVisible()) {
        m_fitPending = true; // no size yet: fit when it has one
    }
    const QRectF b = m_scene->bounds();
    const double w = std::max(1, width()), h = std::max(1, height());
    // Never blow a small graph up beyond 1.25x: text would look odd; never below the readable minimum either.
    m_scale = std::clamp(std::min(w / b.width(), h / b.height()), kMinZoom, 1.25);
    m_offset = QPointF((w - b.width() * m_scale) / 2, (h - b.height() * m_scale) / 2);
    // A graph too wide to fit readably: start at its bottom, where the object is.
    if (m_scale < 0.5 && m_current != kNoNode) {
        m_scale = 0.5;
        const QPointF c = m_scene->box(m_current).center();
        m_offset = QPointF(w / 2, h - 60) - QPointF(c.x(), m_scene->box(m_current).bottom()) * m_scale;
    }
    update();
}

void RetainerGraphWidget::ensureVisible(uint32_t i)
{
    const QRectF r = viewRect(i).adjusted(-20, -20, 20, 20);
    QPointF d;
    if (r.left() < 0)
        d.rx() = -r.left();
    else if (r.right() > width())
        d.rx() = width() - r.right();
    if (r.top() < 0)
        d.ry() = -r.top();
    else if (r.bottom() > height())
        d.ry() = height() - r.bottom();
    m_offset += d;
}

void RetainerGraphWidget::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_fitPending && width() > 1 && height() > 1) {
        m_fitPending = false;
        fitToView();
    }
}

QImage RetainerGraphWidget::renderImage(double scale) const
{
    if (!m_scene)
        return {};
    const QRectF b = m_scene->bounds();
    QImage image(QSize(int(std::ceil(b.width() * scale)), int(std::ceil(b.height() * scale))), QImage::Format_RGB32);
    image.fill(palette().color(QPalette::Base));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(scale, scale);
    paintScene(p);
    return image;
}

void RetainerGraphWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_scene || m_scene->graph.nodes.empty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(
            rect(), Qt::AlignCenter, m_analysis ? tr("Select an object in any view to see who retains it") : QString());
        return;
    }
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(m_offset);
    p.scale(m_scale, m_scale);
    paintScene(p);
}

void RetainerGraphWidget::paintScene(QPainter& p) const
{
    paintEdges(p);
    paintNodes(p);
}

void RetainerGraphWidget::paintEdges(QPainter& p) const
{
    const RetainerGraphScene& s = *m_scene;
    const QPalette& pal = palette();
    const QColor path = pathColor(pal);
    QColor plain = pal.color(QPalette::Text);
    plain.setAlpha(120);
    QFont small = s.font;
    small.setPointSizeF(std::max(6.0, s.font.pointSizeF() * 0.9));
    const QFontMetricsF fm(small);
    std::vector<QRectF> labels; // placed label rectangles: a label that would cover another is left to the tooltip
    /// Where an edge's label may go, best first: along the segment leaving the retainer (near it, where edges
    /// into one object are still apart), else the arc's top.
    struct Label
    {
        std::array<QPointF, 4> at;
        uint32_t edge;
    };
    std::vector<Label> wanted;
    // Path edges last, so they are drawn over the others and their labels are placed first.
    std::vector<uint32_t> order(s.graph.edges.size());
    for (uint32_t k = 0; k < order.size(); ++k)
        order[k] = k;
    std::stable_partition(order.begin(), order.end(), [&](uint32_t k) { return !s.graph.edges[k].onPath; });
    for (const uint32_t k : order) {
        const RetainerGraph::Edge& e = s.graph.edges[k];
        const LayeredLayout::Route& r = s.layout.routes[k];
        QPainterPath line;
        Label label { {}, k };
        line.moveTo(pt(r.points.front()));
        if (r.kind == LayeredLayout::RouteKind::Flat) {
            const QPointF a = pt(r.points[0]), m = pt(r.points[1]), b = pt(r.points[2]);
            const double lift = (m.y() - a.y()) * 1.33;
            line.cubicTo(QPointF(a.x(), a.y() + lift), QPointF(b.x(), b.y() + lift), b);
            label.at.fill(m);
        } else {
            for (size_t i = 0; i + 1 < r.points.size(); ++i) {
                const QPointF a = pt(r.points[i]), b = pt(r.points[i + 1]);
                const double mid = (a.y() + b.y()) / 2;
                const QPointF c1(a.x(), mid), c2(b.x(), mid);
                line.cubicTo(c1, c2, b);
                if (i == 0)
                    label.at = { cubicPoint(a, c1, c2, b, 0.4), cubicPoint(a, c1, c2, b, 0.22),
                        cubicPoint(a, c1, c2, b, 0.6), cubicPoint(a, c1, c2, b, 0.78) };
            }
        }
        const bool back = r.kind != LayeredLayout::RouteKind::Down;
        QPen pen(e.onPath ? path : plain, e.onPath ? 2.5 : 1.2);
        if (back || e.edge == kNoNode)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPath(line);
        // Arrowhead into the retained object: down onto its top, or up into its bottom for a back edge.
        const QPointF tip = pt(r.points.back());
        const double dir = r.kind == LayeredLayout::RouteKind::Up ? -1 : 1;
        QPolygonF head;
        head << tip << tip + QPointF(-kArrow / 2, -dir * kArrow) << tip + QPointF(kArrow / 2, -dir * kArrow);
        p.setPen(Qt::NoPen);
        p.setBrush(pen.color());
        p.drawPolygon(head);
        if (e.edge != kNoNode)
            wanted.push_back(label);
    }
    if (m_scale < 0.45)
        return; // unreadable: the tooltips still say it
    p.setFont(small);
    std::reverse(wanted.begin(), wanted.end()); // path labels first
    std::vector<QRectF> boxes;
    for (uint32_t i = 0; i < s.graph.nodes.size(); ++i)
        boxes.push_back(s.box(i));
    QColor back = pal.color(QPalette::Base);
    back.setAlpha(225);
    for (const Label& l : wanted) {
        const QString text = fm.elidedText(s.edgeLabel[l.edge], Qt::ElideMiddle, kLabelMaxWidth);
        const double w = fm.horizontalAdvance(text) + 6, h = fm.height();
        QRectF r;
        for (const QPointF& at : l.at) {
            const QRectF candidate(at.x() - w / 2, at.y() - h / 2, w, h);
            const auto covers = [&](const QRectF& o) { return o.intersects(candidate); };
            if (std::none_of(labels.begin(), labels.end(), covers)
                && std::none_of(boxes.begin(), boxes.end(), covers)) {
                r = candidate;
                break;
            }
        }
        if (r.isNull())
            continue; // no room: the tooltip names the edge
        labels.push_back(r);
        p.setPen(Qt::NoPen);
        p.setBrush(back);
        p.drawRoundedRect(r, 3, 3);
        p.setPen(s.graph.edges[l.edge].onPath ? pathColor(pal) : pal.color(QPalette::Text));
        p.drawText(r, Qt::AlignCenter, text);
    }
}

void RetainerGraphWidget::paintNodes(QPainter& p) const
{
    const RetainerGraphScene& s = *m_scene;
    const QPalette& pal = palette();
    QFont bold = s.font;
    bold.setBold(true);
    const double pad = RetainerGraphScene::kPadding;
    for (uint32_t i = 0; i < s.graph.nodes.size(); ++i) {
        const RetainerGraph::Node& n = s.graph.nodes[i];
        const QRectF box = s.box(i);
        if (n.node == kNoNode) {
            QPen pen(pal.color(QPalette::Mid), 1, Qt::DashLine);
            p.setPen(i == m_current ? QPen(pal.color(QPalette::Highlight), 3) : pen);
            p.setBrush(pal.color(QPalette::Button));
            p.drawRoundedRect(box, 8, 8);
            p.setFont(bold);
            p.setPen(pal.color(QPalette::ButtonText));
            p.drawText(box, Qt::AlignCenter, s.title[i]);
            continue;
        }
        const std::string_view cls = m_analysis ? m_analysis->className(n.node) : std::string_view();
        const QColor fill = classColor(cls);
        QPen border(fill.darker(170), 1);
        if (n.onPath)
            border = QPen(pathColor(pal), i == 0 ? 3 : 2);
        if (i == m_current)
            border = QPen(pal.color(QPalette::Highlight), 3);
        p.setPen(border);
        p.setBrush(fill);
        p.drawRoundedRect(box, 4, 4);
        // Fills are light in both palettes: dark text.
        const QRectF text = box.adjusted(pad, pad / 2, -pad, -pad / 2);
        p.setFont(bold);
        p.setPen(Qt::black);
        p.drawText(
            QRectF(text.left(), text.top(), text.width(), s.lineHeight), Qt::AlignLeft | Qt::AlignVCenter, s.title[i]);
        p.setFont(s.font);
        p.setPen(QColor(40, 40, 40));
        p.drawText(QRectF(text.left(), text.bottom() - s.lineHeight, text.width(), s.lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter, s.detail[i]);
        const QRectF plus = s.expander(i);
        if (!plus.isEmpty()) {
            const QPointF c = plus.center();
            p.setPen(QPen(fill.darker(200), 1));
            p.setBrush(fill.lighter(130));
            p.drawEllipse(c, 7, 7);
            p.setPen(QPen(Qt::black, 1.5));
            p.drawLine(c + QPointF(-4, 0), c + QPointF(4, 0));
            p.drawLine(c + QPointF(0, -4), c + QPointF(0, 4));
        }
    }
}

QString RetainerGraphWidget::pathToObject(uint32_t start) const
{
    if (!m_scene || !m_analysis || start >= m_scene->graph.nodes.size())
        return {};
    const RetainerGraph& g = m_scene->graph;
    // Breadth-first along the edges (retainer -> retained) from `start` until the object (node 0).
    std::vector<uint32_t> via(g.nodes.size(), kNoNode); // the edge that reached each node
    std::vector<uint32_t> queue { start };
    std::vector<uint8_t> seen(g.nodes.size(), 0);
    seen[start] = 1;
    for (size_t q = 0; q < queue.size() && !seen[0]; ++q)
        for (uint32_t k = 0; k < g.edges.size(); ++k) {
            const RetainerGraph::Edge& e = g.edges[k];
            if (e.from == queue[q] && e.edge != kNoNode && !seen[e.to]) {
                seen[e.to] = 1;
                via[e.to] = k;
                queue.push_back(e.to);
            }
        }
    if (!seen[0])
        return {};
    QStringList steps;
    for (uint32_t n = 0; n != start; n = g.edges[via[n]].from)
        steps.prepend(
            QStringLiteral("  -> %1 -> %2").arg(m_scene->edgeLabel[via[n]], nodeLabel(*m_analysis, g.nodes[n].node)));
    steps.prepend(nodeLabel(*m_analysis, g.nodes[start].node));
    return steps.join(QLatin1Char('\n'));
}

QString RetainerGraphWidget::toolTipAt(const QPointF& pos) const
{
    const uint32_t i = nodeAt(pos);
    if (i == kNoNode || !m_analysis)
        return {};
    const RetainerGraph::Node& n = m_scene->graph.nodes[i];
    const HeapAnalysis& a = *m_analysis;
    if (n.node == kNoNode)
        return tr("%1 more objects retain %2, farther from a GC root.\nClick to show the next ones.")
            .arg(formatCount(n.more), nodeLabel(a, m_scene->graph.nodes[n.owner].node));
    QString text
        = tr("%1\nretained %2 (%3), self %4, distance %5")
              .arg(nodeLabel(a, n.node), formatBytes(a.retainedSize[n.node]), exactBytes(a.retainedSize[n.node]),
                  formatBytes(a.selfSize[n.node]), formatDistance(a.distance[n.node]));
    if (n.rootChild)
        text += tr("\nReferenced by the snapshot's root: a GC root category or a global.");
    if (i != 0)
        text += tr("\n\nHow it retains the object:\n%1").arg(pathToObject(i));
    if (onExpander(pos))
        text += tr("\n\nClick + to show its retainers (one more level).");
    else if (n.expanded && n.retainerCount)
        text += tr("\n\n%1 retaining objects, %2 shown.").arg(formatCount(n.retainerCount), formatCount(n.shown));
    return text;
}

bool RetainerGraphWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void RetainerGraphWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_drag.press(event->position());
    m_pressOffset = m_offset;
}

void RetainerGraphWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    if (m_drag.move(this, event->position())) {
        m_offset = m_pressOffset + (event->position() - m_drag.pressPos());
        update();
    }
}

void RetainerGraphWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_drag.release(this))
        return;
    const uint32_t i = nodeAt(event->position());
    if (i == kNoNode)
        return;
    m_current = i;
    update();
    const uint32_t object = m_scene->graph.nodes[i].node;
    if (object != kNoNode)
        Q_EMIT objectClicked(object);
    if (onExpander(event->position()))
        Q_EMIT expandRequested(i);
}

void RetainerGraphWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    const uint32_t i = nodeAt(event->position());
    if (i != kNoNode && !onExpander(event->position()) && m_scene->graph.canExpand(i))
        Q_EMIT expandRequested(i);
}

void RetainerGraphWidget::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.15, steps), event->position());
    event->accept();
}

void RetainerGraphWidget::moveCurrent(int key)
{
    const RetainerGraphScene& s = *m_scene;
    if (m_current == kNoNode) {
        setCurrentIndex(0);
        return;
    }
    const uint32_t level = s.graph.nodes[m_current].level;
    const auto& layers = s.layout.layers;
    uint32_t next = kNoNode;
    if (key == Qt::Key_Left || key == Qt::Key_Right) {
        const auto& layer = layers[level];
        const auto it = std::find(layer.begin(), layer.end(), m_current);
        const ptrdiff_t at = it - layer.begin() + (key == Qt::Key_Left ? -1 : 1);
        if (at >= 0 && at < ptrdiff_t(layer.size()))
            next = layer[size_t(at)];
    } else {
        // Up: toward the roots (one level up, drawn above); Down: toward the object. The box nearest in x.
        const uint32_t target = key == Qt::Key_Up ? level + 1 : level - 1;
        if ((key == Qt::Key_Down && level == 0) || target >= layers.size())
            return;
        const double x = s.box(m_current).center().x();
        double best = 0;
        for (const uint32_t i : layers[target]) {
            const double d = std::abs(s.box(i).center().x() - x);
            if (next == kNoNode || d < best) {
                next = i;
                best = d;
            }
        }
    }
    if (next == kNoNode)
        return;
    setCurrentIndex(next);
    if (s.graph.nodes[next].node != kNoNode)
        Q_EMIT objectClicked(s.graph.nodes[next].node);
}

void RetainerGraphWidget::keyPressEvent(QKeyEvent* event)
{
    if (!m_scene || m_scene->graph.nodes.empty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const QPointF centre(width() / 2.0, height() / 2.0);
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
        moveCurrent(event->key());
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_current != kNoNode && m_scene->graph.canExpand(m_current))
            Q_EMIT expandRequested(m_current);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25, centre);
        break;
    case Qt::Key_Minus:
        zoomBy(0.8, centre);
        break;
    case Qt::Key_0:
        fitToView();
        break;
    case Qt::Key_Home:
        setCurrentIndex(0);
        Q_EMIT objectClicked(m_scene->graph.nodes[0].node);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void RetainerGraphWidget::contextMenuEvent(QContextMenuEvent* event)
{
    const uint32_t i = nodeAt(event->pos());
    if (i != kNoNode) {
        m_current = i;
        update();
    }
    Q_EMIT contextMenuRequested(i, event->globalPos());
}

} // namespace v8scope::gui
