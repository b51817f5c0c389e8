// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "calltreemodel.h"

#include "roles.h"

namespace v8scope::gui {

namespace {

QString percentText(double share)
{
    return QString::number(share * 100.0, 'f', 1) + QStringLiteral(" %");
}

} // namespace

CallTreeModel::CallTreeModel(Kind kind, QObject* parent)
    : QAbstractItemModel(parent)
    , m_kind(kind)
{
}

void CallTreeModel::setAnalysis(CpuAnalysisPtr analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    endResetModel();
}

const CallTree* CallTreeModel::tree() const
{
    if (!m_analysis)
        return nullptr;
    return m_kind == Kind::TopDown ? &m_analysis->topDown : &m_analysis->bottomUp;
}

uint32_t CallTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? uint32_t(index.internalId()) : 0;
}

QModelIndex CallTreeModel::indexOfNode(uint32_t node, int column) const
{
    const CallTree* t = tree();
    if (!t || node == 0 || node >= t->size())
        return {};
    return createIndex(int(t->rowInParent[node]), column, quintptr(node));
}

QModelIndex CallTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    const CallTree* t = tree();
    if (!t || row < 0 || column < 0 || column >= NUM_COLUMNS || (parent.isValid() && parent.column() != 0))
        return {};
    const uint32_t p = nodeOf(parent);
    if (uint32_t(row) >= t->childCount(p))
        return {};
    return createIndex(row, column, quintptr(t->childAt(p, uint32_t(row))));
}

QModelIndex CallTreeModel::parent(const QModelIndex& child) const
{
    const CallTree* t = tree();
    if (!t || !child.isValid())
        return {};
    const uint32_t p = t->parent[nodeOf(child)];
    if (p == 0 || p == CallTree::kNoNode)
        return {};
    return createIndex(int(t->rowInParent[p]), 0, quintptr(p));
}

int CallTreeModel::rowCount(const QModelIndex& parent) const
{
    const CallTree* t = tree();
    if (!t || (parent.isValid() && parent.column() != 0))
        return 0;
    return int(t->childCount(nodeOf(parent)));
}

int CallTreeModel::columnCount(const QModelIndex& parent) const
{
    return NUM_COLUMNS;
}

QVariant CallTreeModel::data(const QModelIndex& index, int role) const
{
    const CallTree* t = tree();
    if (!t || !index.isValid())
        return {};
    const CpuAnalysis& a = *m_analysis;
    const uint32_t x = nodeOf(index);
    const uint32_t f = t->function[x];
    const double denom = double(std::max<int64_t>(a.denominator(), 1));
    const double totalShare = double(t->total[x]) / denom;
    const double selfShare = double(t->self[x]) / denom;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FunctionColumn:
            return a.functionName(f);
        case TotalColumn:
            return a.formatWeight(t->total[x]);
        case TotalPercentColumn:
            return percentText(totalShare);
        case SelfColumn:
            return a.formatWeight(t->self[x]);
        case SelfPercentColumn:
            return percentText(selfShare);
        case LocationColumn:
            return a.shortLocation(f);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case FunctionColumn:
            return a.functionName(f);
        case TotalColumn:
        case TotalPercentColumn:
            return a.weightValue(t->total[x]);
        case SelfColumn:
        case SelfPercentColumn:
            return a.weightValue(t->self[x]);
        case LocationColumn:
            return a.functionLocation(f);
        }
        break;
    case ShareRole:
        if (index.column() == TotalPercentColumn)
            return totalShare;
        if (index.column() == SelfPercentColumn)
            return selfShare;
        break;
    case NodeRole:
        return uint(x);
    case Qt::TextAlignmentRole:
        if (index.column() != FunctionColumn && index.column() != LocationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole: {
        QString tip = a.functionName(f);
        const QString loc = a.functionLocation(f);
        if (!loc.isEmpty())
            tip += QLatin1Char('\n') + loc;
        tip += QStringLiteral("\nTotal: %1 (%2)\nSelf: %3 (%4)")
                   .arg(a.formatWeight(t->total[x]), percentText(totalShare), a.formatWeight(t->self[x]),
                       percentText(selfShare));
        if (m_kind == Kind::BottomUp && t->depth[x] > 1)
            tip += tr("\n(the part of the function's time that came through this chain of callers)");
        return tip;
    }
    }
    return {};
}

QVariant CallTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    const bool heap = m_analysis && m_analysis->isHeap();
    if (role == Qt::TextAlignmentRole)
        return int((section == FunctionColumn || section == LocationColumn ? Qt::AlignLeft : Qt::AlignRight)
            | Qt::AlignVCenter);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case FunctionColumn:
            return m_kind == Kind::TopDown ? tr("Function") : tr("Function / callers");
        case TotalColumn:
            return heap ? tr("Total bytes") : tr("Total");
        case TotalPercentColumn:
            return tr("Total %");
        case SelfColumn:
            return heap ? tr("Self bytes") : tr("Self");
        case SelfPercentColumn:
            return tr("Self %");
        case LocationColumn:
            return tr("Location");
        }
    }
    if (role == Qt::ToolTipRole) {
        const QString of = heap ? tr("all sampled bytes") : tr("non-idle time in the selected range");
        switch (section) {
        case FunctionColumn:
            return m_kind == Kind::TopDown ? tr("Functions as they called each other, from the outermost frame")
                                           : tr("Functions by their own time; expand a row to see who called it");
        case TotalColumn:
            return heap ? tr("Bytes allocated by the function and everything it called")
                        : tr("Time in the function and everything it called (DevTools' Total Time)");
        case TotalPercentColumn:
            return tr("Total as a share of %1").arg(of);
        case SelfColumn:
            return heap ? tr("Bytes allocated by the function itself")
                        : tr("Time in the function's own code (DevTools' Self Time)");
        case SelfPercentColumn:
            return tr("Self as a share of %1").arg(of);
        case LocationColumn:
            return tr("Script URL and 1-based line of the function");
        }
    }
    return {};
}

} // namespace v8scope::gui
