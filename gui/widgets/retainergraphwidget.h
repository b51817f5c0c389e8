// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "draggesture.h"

#include <models/retainergraphscene.h>

#include <QWidget>

#include <memory>

class QPainter;

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

/// The retainer graph, custom-painted: one box per object (class colour, "Class @id", retained size, distance),
/// edges from retainer to retained with their names, the shortest path to a GC root in a strong colour, edges back
/// down (cycles) dashed. Roots toward the top, the object at the bottom. Click a box to select its object, its
/// "+" (or double-click, or Enter) to expand its retainers; wheel zooms, dragging pans; arrows move between boxes,
/// +/- zoom, 0 fits the graph in the view.
class RetainerGraphWidget : public QWidget
{
    Q_OBJECT
public:
    explicit RetainerGraphWidget(QWidget* parent = nullptr);
    void setAnalysis(std::shared_ptr<const HeapAnalysis> analysis);
    /// Shows `scene`. When `anchor` (a snapshot ordinal) is in both the old and the new scene, its box stays where
    /// it was on screen (an expansion does not jump); otherwise the graph is fitted to the view.
    void setScene(std::shared_ptr<const RetainerGraphScene> scene, uint32_t anchor = UINT32_MAX);
    const RetainerGraphScene* scene() const
    {
        return m_scene.get();
    }
    /// Marks the object's box as the current one (when it is in the graph); returns whether it is.
    bool setCurrentObject(uint32_t node);
    uint32_t currentIndex() const
    {
        return m_current;
    }
    void setCurrentIndex(uint32_t index);

    /// The graph node whose box is at `pos` (widget coordinates), or kNoNode.
    uint32_t nodeAt(const QPointF& pos) const;
    /// Whether `pos` is on a box's "+" button or on a "+K more" node (a click there expands).
    bool onExpander(const QPointF& pos) const;
    /// Graph node i's box in widget coordinates.
    QRectF viewRect(uint32_t i) const;
    double zoom() const
    {
        return m_scale;
    }
    void zoomBy(double factor, const QPointF& anchor);
    void fitToView();
    /// The whole graph at `scale` (not just what the view shows), in this widget's palette: Save as PNG.
    QImage renderImage(double scale = 1.0) const;
    /// Node i's way down to the object through the graph: "Map @1 -> table (internal) -> (array) @2 -> ...".
    QString pathToObject(uint32_t i) const;
    QSize sizeHint() const override;

Q_SIGNALS:
    /// A box was clicked (or reached with the arrow keys): the window selects its object.
    void objectClicked(uint32_t node);
    /// A "+" button, a "+K more" node, a double-click or Enter asks for more retainers of graph node `index`.
    void expandRequested(uint32_t index);
    void contextMenuRequested(uint32_t index, const QPoint& globalPos);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;

private:
    /// Paints the graph in scene coordinates (the caller sets the transform and the background).
    void paintScene(QPainter& p) const;
    void paintEdges(QPainter& p) const;
    void paintNodes(QPainter& p) const;
    QPointF toScene(const QPointF& view) const;
    void ensureVisible(uint32_t i);
    void moveCurrent(int key);
    QString toolTipAt(const QPointF& pos) const;

    std::shared_ptr<const HeapAnalysis> m_analysis;
    std::shared_ptr<const RetainerGraphScene> m_scene;
    uint32_t m_current = UINT32_MAX; ///< graph node with the keyboard focus and the selection frame
    double m_scale = 1; ///< view = scene * m_scale + m_offset
    QPointF m_offset;
    bool m_fitPending = false; ///< fit once the widget has its size
    DragGesture m_drag;
    QPointF m_pressOffset;
};

} // namespace v8scope::gui
