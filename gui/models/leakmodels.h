// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "comparisondata.h"

#include <QAbstractTableModel>

#include <memory>

namespace v8scope::gui {

/// The leak suspects of a LeakResult (memlab's clusters, ranked by retained size): one row per cluster.
class LeakSuspectModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        RankColumn,
        LeakedColumn,
        ObjectsColumn,
        ShallowColumn,
        RetainedColumn,
        HoldsColumn,
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
        ClusterRole, ///< the row's index into LeakResult::clusters
    };
    explicit LeakSuspectModel(QObject* parent = nullptr);
    void setLeaks(std::shared_ptr<const LeakData> data);
    const LeakData* leaks() const
    {
        return m_data.get();
    }
    /// "system / Context x3000 (996 kB), Session x1500 (936 kB)": what a cluster holds.
    static QString holdsText(const LeakCluster& cluster);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const LeakData> m_data;
};

/// Classes that grow in every step over the snapshots (LeakResult::classes with growsEveryStep()).
class GrowthModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        ClassColumn,
        CountColumn,
        RetainedColumn,
        CountDeltaColumn,
        RetainedDeltaColumn,
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
        SeriesRole, ///< the row's index into LeakResult::classes
    };
    explicit GrowthModel(QObject* parent = nullptr);
    void setLeaks(std::shared_ptr<const LeakData> data);
    /// The series of row `row`, or null.
    const GrowthSeries* series(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const LeakData> m_data;
    std::vector<uint32_t> m_rows; ///< indices into LeakResult::classes
};

} // namespace v8scope::gui
