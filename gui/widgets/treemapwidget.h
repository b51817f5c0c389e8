// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/treemaplayout.h>

#include <QWidget>

#include <memory>
#include <vector>

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

/// The Retained-size map: the dominator tree below a focus node as a custom-painted treemap (layoutTreemap),
/// each frame's area its retained size, coloured by class with a stable colour per class name. Clicking a frame
/// selects its object and zooms into it; frames under a pixel are not drawn; hovering shows class, size and the
/// dominator path.
class TreemapWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TreemapWidget(QWidget* parent = nullptr);
    void setAnalysis(std::shared_ptr<const HeapAnalysis> analysis);
    void setFocusNode(uint32_t node);
    uint32_t focusNode() const
    {
        return m_focus;
    }
    /// The node whose frame is drawn at `pos` (the deepest), or kNoNode.
    uint32_t nodeAt(const QPoint& pos) const;
    const std::vector<TreemapRect>& rects() const
    {
        return m_rects;
    }
    /// Lays out now if needed (benchmarks and tests; painting does it lazily).
    void ensureLayout();
    QSize sizeHint() const override;

Q_SIGNALS:
    void nodeClicked(uint32_t node);
    void focusChanged(uint32_t node);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    std::shared_ptr<const HeapAnalysis> m_analysis;
    uint32_t m_focus = UINT32_MAX;
    std::vector<TreemapRect> m_rects;
    bool m_dirty = true;
};

} // namespace v8scope::gui
