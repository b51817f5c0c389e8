// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QLabel;
class QToolButton;
class QTreeView;

namespace v8scope {
class CancelToken;
class HeapAnalysis;
class RetainersView;
} // namespace v8scope

namespace v8scope::gui {

class GraphTreeModel;

/// Who keeps the selected object alive: its retainers, nearest to a GC root first, with the shortest path to a
/// root expanded and in bold and weak references in italics. Selecting a retainer selects that object.
/// DevTools' "Ignore this retainer" (context menu): the distances are recomputed without the ignored objects on a
/// worker (RetainersView::compute), then the rows re-sort and the new shortest path is expanded; "Stop ignoring
/// this retainer" undoes one, "Stop ignoring all" every one. The ignored set belongs to the snapshot, as in DevTools:
/// it stays while other objects are selected.
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

    /// "Ignore this retainer" / "Stop ignoring this retainer" / "Stop ignoring all": change the ignored set and
    /// recompute the distances on a worker; the rows change when the result arrives (retainersViewChanged).
    void ignoreNode(uint32_t node);
    void unignoreNode(uint32_t node);
    void unignoreAll();
    /// The ignored objects asked for, in the order they were ignored.
    const std::vector<uint32_t>& ignoredNodes() const
    {
        return m_ignored;
    }
    /// A recomputation is running (its result replaces the rows when it ends, unless another one started).
    bool isRecomputing() const
    {
        return m_pending > 0;
    }

Q_SIGNALS:
    /// A retainer row was activated (double-click / Enter): the window selects that object.
    void nodeActivated(uint32_t node);
    /// "Show Retainer Graph" on a row: the window shows that object's retainer graph.
    void graphRequested(uint32_t node);
    /// The distances for the current ignored set are in the model and the shortest path is expanded again.
    void retainersViewChanged();

private:
    void recompute();
    void applyView(std::shared_ptr<const RetainersView> view);
    void expandShortestPath();
    void updateCaption();

    GraphTreeModel* m_model;
    QTreeView* m_view;
    QLabel* m_caption;
    QToolButton* m_restore;
    QString m_pathText;
    std::vector<uint32_t> m_ignored;
    uint64_t m_generation = 0; ///< the newest recomputation; older results are dropped
    int m_pending = 0;
    std::shared_ptr<CancelToken> m_cancel; ///< cancels the running recomputation when a newer one starts
};

} // namespace v8scope::gui
