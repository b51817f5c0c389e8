// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "comparisondata.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace v8scope::gui {

/// The Comparison view as a tree: one row per class (DevTools' columns plus base, head and delta retained size);
/// a class expands to its new objects (paged through fetchMore, largest retained first), an object to its
/// outgoing edges. No allocation per row: an index's internalId encodes its level and its parent's row.
class ComparisonModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Columns
    {
        ClassColumn,
        NewColumn,
        DeletedColumn,
        DeltaColumn,
        AllocSizeColumn,
        FreedSizeColumn,
        SizeDeltaColumn,
        BaseRetainedColumn,
        HeadRetainedColumn,
        RetainedDeltaColumn,
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole, ///< the raw number (or the class name)
        NodeOrdinalRole, ///< object and edge rows: the head node's ordinal (edge rows: the target); -1 otherwise
        ClassNameRole, ///< the row's class name
    };
    static constexpr int kPageSize = 100; ///< new objects fetched per fetchMore

    explicit ComparisonModel(QObject* parent = nullptr);
    void setComparison(std::shared_ptr<const ComparisonData> data);
    const ComparisonData* comparison() const
    {
        return m_data.get();
    }
    /// The class row named `name`, or an invalid index.
    QModelIndex indexOfClass(const QString& name) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    enum Level : quintptr
    {
        ClassLevel = 0,
        ObjectLevel = 1,
        EdgeLevel = 2
    };
    static Level levelOf(const QModelIndex& index);
    uint32_t objectOrdinal(int classRow, int objectRow) const;
    QVariant classData(int row, int column, int role) const;
    QVariant objectData(int classRow, int row, int column, int role) const;
    QVariant edgeData(int classRow, int objectRow, int row, int column, int role) const;

    std::shared_ptr<const ComparisonData> m_data;
    std::vector<int> m_loaded; ///< per class row: new objects fetched so far
};

/// Display helpers shared by the comparison and leak models (one format everywhere: grouped counts, SI sizes).
QString countText(qint64 n, bool sign = false);
QString sizeText(qint64 bytes, bool sign = false);

} // namespace v8scope::gui
