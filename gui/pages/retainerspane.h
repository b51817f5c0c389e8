// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QTreeView;

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

class GraphTreeModel;

/// Who keeps the selected object alive: its retainers, nearest to a GC root first, with the shortest path to a
/// root expanded and in bold and weak references in italics. Selecting a retainer selects that object.
class RetainersPane : public QWidget
{
    Q_OBJECT
public:
    explicit RetainersPane(QWidget* parent = nullptr);
    void setAnalysis(std::shared_ptr<const HeapAnalysis> analysis);
    void setTarget(uint32_t node);
    GraphTreeModel* model() const
    {
        return m_model;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    /// The shortest retaining path of the current target as text (one edge per line), empty when none.
    QString shortestPathText() const;

Q_SIGNALS:
    /// A retainer row was activated (double-click / Enter): the window selects that object.
    void nodeActivated(uint32_t node);
    /// "Show Retainer Graph" on a row: the window shows that object's retainer graph.
    void graphRequested(uint32_t node);

private:
    GraphTreeModel* m_model;
    QTreeView* m_view;
    QLabel* m_caption;
    QString m_pathText;
};

} // namespace v8scope::gui
