// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "nodecells.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

/// The dominator tree (DevTools' Dominators view), children biggest retained first as the core sorted them.
/// internalId = node ordinal; parent() = HeapAnalysis::dominatorParent; row = rowInParent(); child = dominatedChild:
/// three array lookups, no allocation per row. The single top-level row is the snapshot's root.
///
/// Wide child lists are paged: a node shows its first kPageSize children, then a pager row ("Show next 100")
/// whose internalId is kPagerBit | the parent's ordinal; showMore() inserts the next rows before it.
class DominatorTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Columns
    {
        NameColumn,
        DistanceColumn,
        ShallowColumn,
        ShallowPercentColumn,
        RetainedColumn,
        RetainedPercentColumn,
        NUM_COLUMNS
    };
    static constexpr uint32_t kPageSize = 100;

    explicit DominatorTreeModel(QObject* parent = nullptr);
    ~DominatorTreeModel() override;

    void setAnalysis(std::shared_ptr<const HeapAnalysis> analysis);
    const HeapAnalysis* analysis() const
    {
        return m_analysis.get();
    }
    /// kNoNode for pager rows.
    uint32_t nodeAt(const QModelIndex& index) const;
    bool isPager(const QModelIndex& index) const;
    void showMore(const QModelIndex& pager, bool all);
    /// The row of `node`, paging its ancestors' child lists forward as needed.
    QModelIndex indexOfNode(uint32_t node);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static constexpr quint64 kPagerBit = quint64(1) << 32;
    uint32_t shown(uint32_t node) const;
    int rowOf(uint32_t node) const;

    std::shared_ptr<const HeapAnalysis> m_analysis;
    QHash<uint32_t, uint32_t> m_shown; ///< children shown, only for nodes paged past kPageSize
    uint32_t m_hiddenPager = UINT32_MAX; ///< parent whose pager showMore() is removing
};

} // namespace v8scope::gui
