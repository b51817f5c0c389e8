// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "dominatortreemodel.h"

#include "format.h"
#include "roles.h"

#include <heap/heapanalysis.h>

#include <QFont>

#include <algorithm>
#include <vector>

namespace v8scope::gui {

namespace {
const NodeField kFields[] = { NodeField::Name, NodeField::Distance, NodeField::Shallow, NodeField::ShallowPercent,
    NodeField::Retained, NodeField::RetainedPercent };
}

DominatorTreeModel::DominatorTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

DominatorTreeModel::~DominatorTreeModel() = default;

void DominatorTreeModel::setAnalysis(std::shared_ptr<const HeapAnalysis> analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    m_shown.clear();
    endResetModel();
}

uint32_t DominatorTreeModel::shown(uint32_t node) const
{
    const auto it = m_shown.constFind(node);
    return it != m_shown.constEnd() ? *it : std::min(m_analysis->dominatedCount(node), kPageSize);
}

int DominatorTreeModel::rowOf(uint32_t node) const
{
    return node == m_analysis->root() ? 0 : int(m_analysis->rowInParent(node));
}

QModelIndex DominatorTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!m_analysis || row < 0 || column < 0 || column >= NUM_COLUMNS)
        return {};
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, quintptr(m_analysis->root())) : QModelIndex();
    if (row >= rowCount(parent))
        return {};
    const uint32_t p = uint32_t(parent.internalId());
    if (uint32_t(row) == shown(p))
        return createIndex(row, column, quintptr(kPagerBit | p));
    return createIndex(row, column, quintptr(m_analysis->dominatedChild(p, uint32_t(row))));
}

QModelIndex DominatorTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || !m_analysis)
        return {};
    const quint64 id = child.internalId();
    const uint32_t p = (id & kPagerBit) ? uint32_t(id) : m_analysis->dominatorParent(uint32_t(id));
    if (p == kNoNode)
        return {};
    return createIndex(rowOf(p), 0, quintptr(p));
}

int DominatorTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!m_analysis)
        return 0;
    if (!parent.isValid())
        return 1;
    if (parent.column() != 0 || isPager(parent))
        return 0;
    const uint32_t node = uint32_t(parent.internalId());
    const uint32_t s = shown(node);
    return int(s + (s < m_analysis->dominatedCount(node) && node != m_hiddenPager ? 1 : 0));
}

int DominatorTreeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() && parent.column() != 0 ? 0 : NUM_COLUMNS;
}

bool DominatorTreeModel::hasChildren(const QModelIndex& parent) const
{
    return rowCount(parent) > 0;
}

bool DominatorTreeModel::isPager(const QModelIndex& index) const
{
    return index.isValid() && (quint64(index.internalId()) & kPagerBit);
}

uint32_t DominatorTreeModel::nodeAt(const QModelIndex& index) const
{
    return !index.isValid() || isPager(index) ? kNoNode : uint32_t(index.internalId());
}

void DominatorTreeModel::showMore(const QModelIndex& pager, bool all)
{
    if (!isPager(pager))
        return;
    const uint32_t p = uint32_t(pager.internalId());
    const QModelIndex parentIndex = parent(pager);
    const uint32_t total = m_analysis->dominatedCount(p);
    const uint32_t old = shown(p);
    const uint32_t next = all ? total : std::min<uint32_t>(total, old + kPageSize);
    if (next <= old)
        return;
    if (next == total) {
        beginRemoveRows(parentIndex, int(old), int(old));
        m_hiddenPager = p;
        endRemoveRows();
    }
    beginInsertRows(parentIndex, int(old), int(next) - 1);
    m_shown.insert(p, next);
    m_hiddenPager = UINT32_MAX;
    endInsertRows();
}

QModelIndex DominatorTreeModel::indexOfNode(uint32_t node)
{
    if (!m_analysis || node >= m_analysis->nodeCount())
        return {};
    std::vector<uint32_t> chain; // node, its dominator, ..., up to (not including) the root
    for (uint32_t n = node; n != m_analysis->root(); n = m_analysis->dominatorParent(n))
        chain.push_back(n);
    QModelIndex current = index(0, 0);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const uint32_t parentNode = uint32_t(current.internalId());
        const uint32_t row = m_analysis->rowInParent(*it);
        while (shown(parentNode) <= row) {
            const uint32_t remaining = m_analysis->dominatedCount(parentNode) - shown(parentNode);
            showMore(index(int(shown(parentNode)), 0, current), row - shown(parentNode) >= remaining / 2);
        }
        current = index(int(row), 0, current);
    }
    return current;
}

QVariant DominatorTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_analysis)
        return {};
    if (isPager(index)) {
        if (role == MoreRowRole)
            return true;
        if (role == NodeRole)
            return uint(kNoNode);
        if (index.column() != NameColumn)
            return {};
        const uint32_t p = uint32_t(index.internalId());
        const uint32_t remaining = m_analysis->dominatedCount(p) - shown(p);
        if (role == Qt::DisplayRole)
            return tr("Show %1 more of %2 (right-click: show all)")
                .arg(kPageSize)
                .arg(formatCount(m_analysis->dominatedCount(p)));
        if (role == Qt::ToolTipRole)
            return tr("%1 children not shown yet; double-click or Enter shows %2 more, the context menu all")
                .arg(formatCount(remaining))
                .arg(kPageSize);
        if (role == Qt::FontRole) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    }
    const uint32_t node = uint32_t(index.internalId());
    if (role == MoreRowRole)
        return false;
    return nodeCell(*m_analysis, node, kFields[index.column()], role);
}

QVariant DominatorTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    if (role == Qt::DisplayRole)
        return nodeFieldTitle(kFields[section]);
    if (role == Qt::ToolTipRole)
        return nodeFieldHelp(kFields[section]);
    if (role == Qt::TextAlignmentRole)
        return section == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace v8scope::gui
