// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuanalysis.h"

#include <QAbstractTableModel>

namespace v8scope::gui {

/// Self/total per function, script URL, npm package or category (core rollup.h rows, already sorted by self):
/// the "group by" table of the CPU view. Roles as CallTreeModel (SortRole raw, ShareRole on percent columns).
// TODO: switch to the shared TableModel over report::Table once core/report's cpu views (issue 8) land.
class CpuFunctionsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        NameColumn,
        SelfColumn,
        SelfPercentColumn,
        TotalColumn,
        TotalPercentColumn,
        NUM_COLUMNS
    };

    explicit CpuFunctionsModel(QObject* parent = nullptr);
    void setAnalysis(CpuAnalysisPtr analysis, RollupKey by);
    RollupKey groupBy() const
    {
        return m_by;
    }
    /// The function of a row (RollupKey::Function), or UINT32_MAX.
    uint32_t functionAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const std::vector<RollupRow>* rows() const;
    const RollupRow* rowAt(int row) const;
    /// Whether a row is (idle) (shown without a percentage: idle is outside the non-idle denominator); sets
    /// `hidden` for (idle), (program) and GC rows the filter hides.
    bool isMeta(const RollupRow& row, bool* hidden) const;
    CpuAnalysisPtr m_analysis;
    RollupKey m_by = RollupKey::Function;
    std::vector<uint32_t> m_shown; ///< rows of the core's list shown, in its order (one vector per reset)
};

/// Event-loop blocking stretches at or above the threshold (core blocking.h), in time order: start, duration,
/// GC share, samples, what ran. Selecting a row selects its time range in the timeline.
class CpuBlockingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        FunctionsColumn,
        StartColumn,
        DurationColumn,
        GcColumn,
        SamplesColumn,
        NUM_COLUMNS
    };

    explicit CpuBlockingModel(QObject* parent = nullptr);
    void setAnalysis(CpuAnalysisPtr analysis);
    const CpuAnalysisPtr& analysis() const
    {
        return m_analysis;
    }
    /// [start, end) µs from the profile's startTime of a row.
    std::pair<int64_t, int64_t> rangeAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString functionsText(const BlockingStretch& s) const;
    CpuAnalysisPtr m_analysis;
};

} // namespace v8scope::gui
