// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <documentactions.h>
#include <models/cpuanalysis.h>
#include <report/document.h>

#include <QWidget>

#include <functional>

#include <vector>

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTreeView;

namespace v8scope::gui {

class CallTreeModel;
class CpuBlockingModel;
class CpuComparePage;
class CpuFlamePage;
class CpuFunctionsModel;
class CpuTimeline;

/// The document view of a CPU profile (.cpuprofile, trace, .heapprofile): tabs Flame Graph, Top-Down,
/// Bottom-Up, Functions (group by function / URL / package / category), Blocking; the timeline below them;
/// above them the filter bar (time range with Undo and Clear, hide idle / program / GC, blocking threshold).
/// Every change of the filter recomputes the CpuAnalysis in the core on a worker; a newer request drops
/// older results.
class CpuView : public QWidget, public DocumentActions
{
    Q_OBJECT
public:
    CpuView(std::shared_ptr<const CpuProfile> profile, QWidget* parent = nullptr);
    ~CpuView() override;

    enum Tab
    {
        FlameTab,
        TopDownTab,
        BottomUpTab,
        FunctionsTab,
        BlockingTab,
    };

    /// The analysis shown (nullptr until the first one arrives).
    const CpuAnalysisPtr& analysis() const
    {
        return m_analysis;
    }
    const CpuViewOptions& options() const
    {
        return m_options;
    }
    /// Changes the filter and recomputes; `recordUndo` pushes the old range for Undo.
    void setOptions(const CpuViewOptions& options, bool recordUndo = false);
    void setRange(std::optional<std::pair<int64_t, int64_t>> range);
    void undoRange();
    /// Shows the functions a claim measured (the claims panel): the whole profile (the range is cleared, with
    /// Undo), the Functions tab grouped by function with their rows selected (the first, the heaviest, current),
    /// and the flame graph's search set to `search` (nothing when empty). Waits for a pending recompute.
    void showFunctions(const std::vector<uint32_t>& functions, const QString& search);
    /// Shows the busy stretch [startUs, endUs) (the claims panel): its row in the Blocking tab when it is listed
    /// (at or above the threshold), else the flame graph; every view is filtered to its range.
    void showStretch(int64_t startUs, int64_t endUs);
    /// Loads `path` on a worker as the baseline and shows the Compare tab (this profile minus the baseline).
    void compareWith(const QString& path);
    CpuComparePage* comparePage() const
    {
        return m_comparePage;
    }
    bool isComputing() const
    {
        return m_pending > 0;
    }

    QTabWidget* tabs() const
    {
        return m_tabs;
    }
    CpuFlamePage* flamePage() const
    {
        return m_flamePage;
    }
    QTreeView* treeView(Tab tab) const;
    CpuTimeline* timeline() const
    {
        return m_timeline;
    }
    CallTreeModel* topDownModel() const
    {
        return m_topDown;
    }
    CallTreeModel* bottomUpModel() const
    {
        return m_bottomUp;
    }
    CpuFunctionsModel* functionsModel() const
    {
        return m_functions;
    }
    CpuBlockingModel* blockingModel() const
    {
        return m_blocking;
    }

    // DocumentActions: Ctrl+F searches the flame graph (or filters nothing on the table tabs), Back/Forward walk
    // the flame graph's zoom history, Export saves the current tab (flame graph: SVG/PNG/folded/pprof).
    void focusFilter() override;
    bool canGoBack() const override;
    bool canGoForward() const override;
    void goBack() override;
    void goForward() override;
    bool canExport() const override;
    /// What Export Current View writes for a table tab (Top-Down, Bottom-Up, Functions, Blocking): the core/report
    /// view the CLI prints (`cpu tree [--bottom-up]`, `cpu top --by KEY --top 0`, `cpu blocking`), over this
    /// view's analysis; with no range and nothing hidden, the same bytes as the CLI. Empty for other tabs.
    std::optional<report::Document> tableDocument(int tab) const;
    void exportCurrentView() override;

Q_SIGNALS:
    /// The window's Back/Forward/Export actions may have changed.
    void actionsChanged();
    /// A new analysis is shown (after load or a filter change).
    void analysisAvailable(const v8scope::gui::CpuAnalysisPtr& analysis);
    void failed(const QString& message);
    /// The Compare tab is filled.
    void comparisonAvailable();
    void statusMessage(const QString& text);

private:
    void recompute();
    void apply(CpuAnalysisPtr analysis);
    void updateFilterBar();
    QTreeView* addTreeTab(QAbstractItemModel* model, const QString& title, const QString& tip, int sortColumn);

    std::shared_ptr<const CpuProfile> m_profile;
    CpuViewOptions m_options;
    std::vector<std::optional<std::pair<int64_t, int64_t>>> m_undo;
    CpuAnalysisPtr m_analysis;
    int m_generation = 0;
    int m_pending = 0;

    QLabel* m_rangeLabel;
    QPushButton* m_undoButton;
    QPushButton* m_clearButton;
    QPushButton* m_compareButton;
    CpuComparePage* m_comparePage = nullptr;
    QCheckBox* m_hideIdle;
    QCheckBox* m_hideProgram;
    QCheckBox* m_hideGc;
    QSpinBox* m_threshold;
    QComboBox* m_groupBy;
    QTabWidget* m_tabs;
    CpuFlamePage* m_flamePage;
    CpuTimeline* m_timeline;
    CallTreeModel* m_topDown;
    CallTreeModel* m_bottomUp;
    CpuFunctionsModel* m_functions;
    CpuBlockingModel* m_blocking;
    std::vector<QTreeView*> m_views;
    std::function<void()> m_afterAnalysis; ///< run once by apply() (showFunctions/showStretch after a recompute)
};

} // namespace v8scope::gui
