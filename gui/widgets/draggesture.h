// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QPointF>
#include <QWidget>

namespace v8scope::gui {

/// Press-drag-release bookkeeping shared by the painted views (flame graph, retainer graph): a press becomes a drag
/// once the pointer has moved more than 4 pixels (the cursor then shows a closed hand); a release ends it and says
/// whether it was a click.
class DragGesture
{
public:
    void press(const QPointF& pos)
    {
        m_pressPos = pos;
        m_dragging = false;
    }
    /// A move with the button down: whether it is (now) a drag.
    bool move(QWidget* widget, const QPointF& pos)
    {
        if (!m_dragging && (pos - m_pressPos).manhattanLength() > 4) {
            m_dragging = true;
            widget->setCursor(Qt::ClosedHandCursor);
        }
        return m_dragging;
    }
    /// The button went up: true for a click (no drag); a drag ends and the cursor is restored.
    bool release(QWidget* widget)
    {
        if (!m_dragging)
            return true;
        m_dragging = false;
        widget->unsetCursor();
        return false;
    }
    /// Where the button went down, widget coordinates.
    QPointF pressPos() const
    {
        return m_pressPos;
    }

private:
    QPointF m_pressPos;
    bool m_dragging = false;
};

} // namespace v8scope::gui
