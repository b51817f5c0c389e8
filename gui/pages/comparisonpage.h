// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <documentactions.h>
#include <models/comparisondata.h>
#include <report/writers.h>

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;
class QChartView;
class QChart;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;

namespace v8scope::gui {

class ComparisonModel;
class GateDialog;

/// The Comparison page: pick a base among the open snapshots (a combo box, as DevTools has) for the current one;
/// DevTools' Comparison columns plus base, head and delta retained size, sortable and filterable; a class
/// expands to its new objects (paged), an object to its edges; the Retainers pane follows the selection; a bar
/// chart of the top classes by retained growth (clicking a bar selects the class). Cross-process pairs are
/// compared per class name and the page says so. The comparison runs on a worker thread.
class ComparisonPage : public QWidget, public DocumentActions
{
    Q_OBJECT
public:
    explicit ComparisonPage(QWidget* parent = nullptr);
    ~ComparisonPage() override;

    /// The open snapshots (display names and refs) and the one the page compares (the head).
    void setSnapshots(const QStringList& names, const std::vector<SnapshotRef>& snapshots, int head);
    const std::vector<SnapshotRef>& snapshots() const
    {
        return m_snapshots;
    }
    /// How snapshots read from their files load (the window's cache and limits; MainWindow::heapLoadOptions).
    void setLoadOptions(const HeapLoadOptions& options)
    {
        m_load = options;
    }
    /// File > Export Current View: the comparison as `v8scope diff BASE HEAD --format F` prints it (core/report).
    bool canExport() const override;
    void exportCurrentView() override;
    /// The bytes that export writes in `format` (tests).
    std::string exportText(report::Format format) const;
    /// Shows `text` in the status line (while the snapshots are still being read: Compare Files).
    void showStatus(const QString& text);
    /// Chooses the base (index into the snapshots) and starts the comparison.
    void setBase(int base);
    int baseIndex() const;
    int headIndex() const
    {
        return m_head;
    }

    ComparisonModel* model() const
    {
        return m_model;
    }
    QSortFilterProxyModel* proxy() const
    {
        return m_proxy;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    QChart* chart() const;
    QComboBox* baseCombo() const
    {
        return m_base;
    }
    QLineEdit* filterEdit() const
    {
        return m_filter;
    }
    QListWidget* retainersPane() const
    {
        return m_retainers;
    }
    QString statusText() const;
    /// Selects the class row named `name` (the bar chart does this on a click).
    void selectClass(const QString& name);
    /// "Make a CI gate from this" for the selected class (none selected: the whole heap); shown, not modal.
    GateDialog* openGateDialog();

Q_SIGNALS:
    void comparisonReady();
    void failed(const QString& message);

private:
    void onFinished();
    void onCurrentChanged(const QModelIndex& current);
    void updateChart();

    QComboBox* m_base;
    QLineEdit* m_filter;
    QLabel* m_status;
    QPushButton* m_gateButton;
    QTreeView* m_view;
    QListWidget* m_retainers;
    QChartView* m_chartView;
    ComparisonModel* m_model;
    QSortFilterProxyModel* m_proxy;
    std::vector<SnapshotRef> m_snapshots;
    HeapLoadOptions m_load;
    int m_head = -1;
    std::shared_ptr<CancelToken> m_cancel;
    QFutureWatcher<Result<std::shared_ptr<const ComparisonData>>> m_watcher;
    QFutureWatcher<PathText> m_pathWatcher;
};

} // namespace v8scope::gui
