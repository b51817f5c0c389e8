// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuanalysis.h"

#include <QAbstractItemModel>

namespace v8scope::gui {

/// The top-down or bottom-up call tree of a CpuAnalysis (DevTools' Call Tree and Bottom-Up tabs, hotspot's
/// Top Down / Bottom Up). A thin adapter that allocates nothing per row: internalId is the CallTree node,
/// parent() is CallTree::parent, rows come from childBegin/children/rowInParent. Under a bottom-up row are the
/// function's callers. Rows come in the core's order (total descending); sort with a proxy.
///
/// Roles: Display (formatted), SortRole (raw: ms or bytes, percent, name), ShareRole (percent columns: the
/// row's share of the denominator, for the cost bars), NodeRole (the CallTree node), ToolTip.
class CallTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Kind
    {
        TopDown,
        BottomUp,
    };
    enum Columns
    {
        FunctionColumn,
        TotalColumn,
        TotalPercentColumn,
        SelfColumn,
        SelfPercentColumn,
        LocationColumn,
        NUM_COLUMNS
    };

    explicit CallTreeModel(Kind kind, QObject* parent = nullptr);

    void setAnalysis(CpuAnalysisPtr analysis);
    const CpuAnalysisPtr& analysis() const
    {
        return m_analysis;
    }
    Kind kind() const
    {
        return m_kind;
    }
    /// The tree shown (nullptr before setAnalysis).
    const CallTree* tree() const;
    uint32_t nodeOf(const QModelIndex& index) const;
    QModelIndex indexOfNode(uint32_t node, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Kind m_kind;
    CpuAnalysisPtr m_analysis;
};

} // namespace v8scope::gui
