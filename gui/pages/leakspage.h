// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <documentactions.h>
#include <models/comparisondata.h>
#include <report/writers.h>

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QLabel;
class QTableView;
class QChartView;
class QChart;
class QPushButton;

namespace v8scope::gui {

class LeakSuspectModel;
class GateDialog;
class GrowthModel;

/// The Leaks page (3+ snapshots of one process): memlab's suspects ranked by retained size, the selected one's
/// retaining path drawn as a chain with edge names and what it holds; the classes growing in every step; a line
/// chart of the total size and the selected classes' retained size across the snapshots (hover shows values,
/// clicking a point asks to open that snapshot). findLeaks runs on a worker thread.
class LeaksPage : public QWidget, public DocumentActions
{
    Q_OBJECT
public:
    explicit LeaksPage(QWidget* parent = nullptr);
    ~LeaksPage() override;

    /// Starts the leak search over `paths` (oldest first, at least 3).
    void setSnapshots(const std::vector<std::string>& paths);
    /// How the snapshots load (the window's cache and limits; MainWindow::heapLoadOptions). Before setSnapshots.
    void setLoadOptions(const HeapLoadOptions& options)
    {
        m_load = options;
    }
    const LeakData* leaks() const;
    /// File > Export Current View: the suspects as `v8scope leaks S1 S2 ... --format F` prints them (core/report).
    bool canExport() const override;
    void exportCurrentView() override;
    /// The bytes that export writes in `format` (tests).
    std::string exportText(report::Format format) const;
    LeakSuspectModel* suspectModel() const
    {
        return m_suspects;
    }
    GrowthModel* growthModel() const
    {
        return m_growth;
    }
    QTableView* suspectView() const
    {
        return m_suspectView;
    }
    QTableView* growthView() const
    {
        return m_growthView;
    }
    QChart* chart() const;
    QChartView* chartView() const
    {
        return m_chartView;
    }
    /// The selected suspect's retaining path as plain text, one "edge -> Class @id" step per line (for tests).
    QString pathText() const
    {
        return m_pathPlain;
    }
    QString statusText() const;
    /// "Make a CI gate from this" for `className` (empty: the whole series, leaks>0); shown, not modal. The
    /// button passes the selected growing class when exactly one is selected.
    GateDialog* openGateDialog(const QString& className = {});

Q_SIGNALS:
    void leaksReady();
    void failed(const QString& message);
    /// A point of the line chart was clicked: open snapshot `index` (0 = oldest).
    void openSnapshotRequested(int index);

private:
    HeapLoadOptions m_load;
    void onFinished();
    void showSuspect(int row);
    void updateChart();

    QLabel* m_status;
    QTableView* m_suspectView;
    QLabel* m_chain;
    QLabel* m_holds;
    QLabel* m_filtered;
    QTableView* m_growthView;
    QChartView* m_chartView;
    QPushButton* m_gateButton;
    LeakSuspectModel* m_suspects;
    GrowthModel* m_growth;
    QString m_pathPlain;
    std::shared_ptr<CancelToken> m_cancel;
    QFutureWatcher<Result<std::shared_ptr<const LeakData>>> m_watcher;
};

} // namespace v8scope::gui
