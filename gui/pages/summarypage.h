// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/documentloader.h>
#include <report/table.h>

#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace v8scope::gui {

class SummaryModel;

/// DevTools' Summary: a class filter line and the filter combo above the class tree (class -> objects -> edges).
/// The combo has DevTools' entries: All objects, its presets (duplicated strings, objects retained by detached
/// DOM nodes, ...), and with other snapshots open "Objects allocated before S1" / "between S1 and S2" (the open
/// snapshots in tab order, as DevTools' snapshot list). A filter other than All objects recomputes the rows in the
/// core on a worker (makeFilteredSummary); the class filter line applies on top.
class SummaryPage : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryPage(QWidget* parent = nullptr);
    ~SummaryPage() override;
    /// The Summary of all objects (what the loader computed).
    void setSummary(const HeapSummary& summary);
    /// The open snapshots in tab order (this one among them): the "allocated before/between" entries.
    void setSnapshotList(const QStringList& names, const std::vector<std::weak_ptr<const HeapAnalysis>>& snapshots);
    QComboBox* filterCombo() const
    {
        return m_preset;
    }
    /// The rows shown (this filter, the classes the filter line keeps) as core/report's summaryTable, in the
    /// CLI's order for the sort column (`v8scope summary --sort`): what Export writes.
    report::Table table() const;
    /// Whether a filtered Summary is being computed.
    bool isFiltering() const
    {
        return m_pending > 0;
    }
    SummaryModel* model() const
    {
        return m_model;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    QLineEdit* filterLine() const
    {
        return m_filter;
    }
    /// Selects `node`'s row (paging forward as needed); false when its class is not shown.
    bool selectNode(uint32_t node);

Q_SIGNALS:
    void nodeSelected(uint32_t node);
    /// "Show Retainer Graph" on an object's row.
    void graphRequested(uint32_t node);
    /// The rows of the combo's current filter are shown.
    void filterApplied();
    void failed(const QString& message);

private:
    void updateStatus();
    void applyFilter();

    struct FilterEntry
    {
        QString title;
        SummaryFilterSpec spec;
    };
    std::vector<FilterEntry> m_entries; ///< the combo's entries, in order
    HeapSummary m_all; ///< the All objects Summary
    int m_generation = 0;
    int m_pending = 0;

    SummaryModel* m_model;
    QTreeView* m_view;
    QLineEdit* m_filter;
    QComboBox* m_preset;
    QLabel* m_status;
};

} // namespace v8scope::gui
