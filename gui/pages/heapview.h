// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <documentactions.h>
#include <models/documentloader.h>

#include <report/table.h>

#include <QWidget>

#include <optional>

#include <vector>

class QLabel;
class QTabWidget;

namespace v8scope::gui {

class SummaryPage;
class TreePage;
class RetainersPane;
class ObjectDetails;
class DominatorTreeModel;
class GraphTreeModel;
class StatisticsPage;
class TreemapPage;
class AllocationsPage;
class RetainerGraphPage;

/// Everything about one heap snapshot: the view tabs (Summary, Containment, Dominators, ...) above, and for the
/// object selected in any of them the Retainers pane and the object details below. Selections form a
/// Back/Forward history; Ctrl+L selects an object by @id.
class HeapView : public QWidget, public DocumentActions
{
    Q_OBJECT
public:
    explicit HeapView(const HeapDocument& document, QWidget* parent = nullptr);
    ~HeapView() override;

    void setSummary(const HeapSummary& summary);
    const HeapDocument& document() const
    {
        return m_document;
    }
    /// Shows `node` in the details and Retainers panes and (when `reveal`) in the current view; recorded in
    /// the Back/Forward history.
    void selectNode(uint32_t node, bool reveal = false);
    uint32_t selectedNode() const
    {
        return m_history.empty() ? UINT32_MAX : m_history[m_position];
    }

    QTabWidget* pages() const
    {
        return m_pages;
    }
    SummaryPage* summaryPage() const
    {
        return m_summary;
    }
    TreePage* dominatorsPage() const
    {
        return m_dominators;
    }
    TreePage* containmentPage() const
    {
        return m_containment;
    }
    StatisticsPage* statisticsPage() const
    {
        return m_statistics;
    }
    TreemapPage* treemapPage() const
    {
        return m_treemap;
    }
    RetainersPane* retainersPane() const
    {
        return m_retainers;
    }
    RetainerGraphPage* retainerGraphPage() const
    {
        return m_graph;
    }
    ObjectDetails* details() const
    {
        return m_details;
    }
    /// The Allocations tab (snapshots recorded with allocation tracking), once its profile is built; else null.
    AllocationsPage* allocationsPage() const
    {
        return m_allocations;
    }

    // DocumentActions
    void focusFilter() override;
    bool supportsGoToObject() const override
    {
        return true;
    }
    void goToObject(const QString& id) override;
    bool canGoBack() const override;
    bool canGoForward() const override;
    void goBack() override;
    void goForward() override;
    bool canExport() const override;
    void exportCurrentView() override;
    /// The current table page's view through core/report (Summary: the rows shown; Containment: the CLI's
    /// default view from the root; Allocations), what Export writes; nothing on the chart and map pages.
    std::optional<report::Table> currentTable() const;

Q_SIGNALS:
    /// The Allocations tab was added (its profile was built on a worker).
    void allocationsAvailable();
    /// The selection changed (also through Back/Forward): the window updates its actions.
    void selectionChanged(uint32_t node);

private:
    void showNode(uint32_t node, bool reveal);
    void revealInCurrentPage(uint32_t node);

    HeapDocument m_document;
    QLabel* m_info;
    QTabWidget* m_pages;
    SummaryPage* m_summary;
    TreePage* m_containment;
    TreePage* m_dominators;
    DominatorTreeModel* m_dominatorModel;
    GraphTreeModel* m_containmentModel;
    StatisticsPage* m_statistics;
    TreemapPage* m_treemap;
    RetainerGraphPage* m_graph;
    RetainersPane* m_retainers;
    ObjectDetails* m_details;
    AllocationsPage* m_allocations = nullptr;
    std::vector<uint32_t> m_history; ///< selected node ordinals
    size_t m_position = 0;
    bool m_revealing = false; ///< selecting a row programmatically: do not record it again
};

} // namespace v8scope::gui
