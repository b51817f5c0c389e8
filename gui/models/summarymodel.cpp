// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "summarymodel.h"

#include "format.h"
#include "nodecells.h"
#include "roles.h"

#include <heap/heapanalysis.h>

#include <QFont>

#include <algorithm>

namespace v8scope::gui {

static_assert(sizeof(quintptr) == 8, "SummaryModel packs class and position into a 64-bit internalId");

SummaryModel::SummaryModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

SummaryModel::~SummaryModel() = default;

void SummaryModel::setSummary(const HeapSummary& summary)
{
    beginResetModel();
    m_summary = summary;
    m_analysis = summary.analysis.get();
    const size_t n = summary.rows ? summary.rows->size() : 0;
    m_shown.assign(n, 0);
    for (size_t c = 0; c < n; ++c)
        m_shown[c] = std::min<uint32_t>(uint32_t((*summary.rows)[c].nodes.size()), kPageSize);
    m_edgesShown.clear();
    rebuildVisible();
    endResetModel();
}

void SummaryModel::setFilter(const QString& text)
{
    if (text == m_filter)
        return;
    beginResetModel();
    m_filter = text;
    rebuildVisible();
    endResetModel();
}

void SummaryModel::rebuildVisible()
{
    m_visible.clear();
    const size_t n = m_summary.rows ? m_summary.rows->size() : 0;
    m_visibleRow.assign(n, UINT32_MAX);
    if (!n)
        return;
    const auto& rows = *m_summary.rows;
    const QByteArray needle = m_filter.toLower().toUtf8();
    for (uint32_t c = 0; c < n; ++c) {
        if (!needle.isEmpty()) {
            const std::string& name = rows[c].name;
            // ASCII case folding on UTF-8 bytes: class names are matched as the CLI's --filter matches them.
            auto it = std::search(name.begin(), name.end(), needle.begin(), needle.end(),
                [](char a, char b) { return (a >= 'A' && a <= 'Z' ? char(a + 32) : a) == b; });
            if (it == name.end())
                continue;
        }
        m_visible.push_back(c);
    }
    // Rows come in the CLI's order (retained desc, then name, key); another column sorts the visible ones.
    if (m_sortColumn != RetainedColumn || m_sortOrder != Qt::DescendingOrder) {
        const int column = m_sortColumn;
        const bool desc = m_sortOrder == Qt::DescendingOrder;
        std::stable_sort(m_visible.begin(), m_visible.end(), [&](uint32_t x, uint32_t y) {
            const ClassAggregate& a = rows[x];
            const ClassAggregate& b = rows[y];
            auto cmp = [&](auto u, auto v) { return desc ? v < u : u < v; };
            switch (column) {
            case DistanceColumn:
                return a.distance != b.distance && cmp(a.distance, b.distance);
            case CountColumn:
                return a.count != b.count && cmp(a.count, b.count);
            case ShallowColumn:
            case ShallowPercentColumn:
                return a.shallow != b.shallow && cmp(a.shallow, b.shallow);
            case RetainedColumn:
            case RetainedPercentColumn:
                return a.retained != b.retained && cmp(a.retained, b.retained);
            default:
                return a.name != b.name ? cmp(a.name, b.name) : cmp(a.key, b.key);
            }
        });
    }
    for (uint32_t row = 0; row < m_visible.size(); ++row)
        m_visibleRow[m_visible[row]] = row;
}

void SummaryModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= NUM_COLUMNS)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    m_sortColumn = column;
    m_sortOrder = order;
    rebuildVisible();
    // Only class rows move; objects and edges keep their rows (their ids carry their positions).
    const QModelIndexList persistent = persistentIndexList();
    for (const QModelIndex& old : persistent) {
        if (old.parent().isValid() || kindOf(old.internalId()) != kClass)
            continue;
        const uint32_t c = classOf(old.internalId());
        changePersistentIndex(old, createIndex(int(m_visibleRow[c]), old.column(), old.internalId()));
    }
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

uint32_t SummaryModel::objectNode(uint32_t c, uint32_t p) const
{
    return (*m_summary.rows)[c].nodes[p];
}

uint32_t SummaryModel::edgeCount(uint32_t node) const
{
    const auto& s = *m_analysis->snapshot;
    return s.firstEdge[node + 1] - s.firstEdge[node];
}

uint32_t SummaryModel::edgesShown(uint32_t c, uint32_t p) const
{
    const auto it = m_edgesShown.constFind((quint64(c) << 32) | p);
    return it != m_edgesShown.constEnd() ? *it : std::min(edgeCount(objectNode(c, p)), kPageSize);
}

QModelIndex SummaryModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= NUM_COLUMNS || !m_analysis)
        return {};
    if (!parent.isValid()) {
        if (size_t(row) >= m_visible.size())
            return {};
        return createIndex(row, column, makeId(kClass, m_visible[size_t(row)], 0));
    }
    if (row >= rowCount(parent))
        return {};
    const quintptr pid = parent.internalId();
    const uint32_t c = classOf(pid);
    switch (kindOf(pid)) {
    case kClass:
        if (uint32_t(row) == m_shown[c])
            return createIndex(row, column, makeId(kPager, c, 0));
        return createIndex(row, column, makeId(kObject, c, uint32_t(row)));
    case kObject: {
        const uint32_t p = positionOf(pid);
        if (uint32_t(row) == edgesShown(c, p))
            return createIndex(row, column, makeId(kPager, c, p, true));
        return createIndex(row, column, makeId(kEdge, c, p));
    }
    default:
        return {};
    }
}

QModelIndex SummaryModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const quintptr id = child.internalId();
    const uint32_t c = classOf(id);
    switch (kindOf(id)) {
    case kObject:
        return createIndex(int(m_visibleRow[c]), 0, makeId(kClass, c, 0));
    case kEdge:
        return createIndex(int(positionOf(id)), 0, makeId(kObject, c, positionOf(id)));
    case kPager:
        if (isEdgePager(id))
            return createIndex(int(positionOf(id)), 0, makeId(kObject, c, positionOf(id)));
        return createIndex(int(m_visibleRow[c]), 0, makeId(kClass, c, 0));
    default:
        return {};
    }
}

int SummaryModel::rowCount(const QModelIndex& parent) const
{
    if (!m_analysis)
        return 0;
    if (!parent.isValid())
        return int(m_visible.size());
    if (parent.column() != 0)
        return 0;
    const quintptr id = parent.internalId();
    const uint32_t c = classOf(id);
    switch (kindOf(id)) {
    case kClass: {
        const uint32_t total = uint32_t((*m_summary.rows)[c].nodes.size());
        return int(m_shown[c] + (pagerShown(makeId(kPager, c, 0), m_shown[c], total) ? 1 : 0));
    }
    case kObject: {
        const uint32_t p = positionOf(id);
        const uint32_t total = edgeCount(objectNode(c, p));
        const uint32_t shown = edgesShown(c, p);
        return int(shown + (pagerShown(makeId(kPager, c, p, true), shown, total) ? 1 : 0));
    }
    default:
        return 0;
    }
}

int SummaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() && parent.column() != 0 ? 0 : NUM_COLUMNS;
}

bool SummaryModel::hasChildren(const QModelIndex& parent) const
{
    return rowCount(parent) > 0;
}

bool SummaryModel::isPager(const QModelIndex& index) const
{
    return index.isValid() && kindOf(index.internalId()) == kPager;
}

uint32_t SummaryModel::nodeAt(const QModelIndex& index) const
{
    if (!index.isValid())
        return kNoNode;
    const quintptr id = index.internalId();
    switch (kindOf(id)) {
    case kObject:
        return objectNode(classOf(id), positionOf(id));
    case kEdge:
        return m_analysis->snapshot->edgeTarget[edgeAt(index)];
    default:
        return kNoNode;
    }
}

uint32_t SummaryModel::edgeAt(const QModelIndex& index) const
{
    if (!index.isValid() || kindOf(index.internalId()) != kEdge)
        return kNoNode;
    const uint32_t node = objectNode(classOf(index.internalId()), positionOf(index.internalId()));
    return m_analysis->snapshot->firstEdge[node] + uint32_t(index.row());
}

void SummaryModel::showMore(const QModelIndex& pager, bool all)
{
    if (!isPager(pager))
        return;
    const QModelIndex parentIndex = parent(pager);
    const quintptr id = pager.internalId();
    const uint32_t c = classOf(id);
    const uint32_t p = positionOf(id);
    const bool objects = !isEdgePager(id);
    const uint32_t total = objects ? uint32_t((*m_summary.rows)[c].nodes.size()) : edgeCount(objectNode(c, p));
    const uint32_t old = objects ? m_shown[c] : edgesShown(c, p);
    const uint32_t next = all ? total : std::min<uint32_t>(total, old + kPageSize);
    if (next <= old)
        return;
    auto setShown = [&](uint32_t value) {
        if (objects)
            m_shown[c] = value;
        else
            m_edgesShown.insert((quint64(c) << 32) | p, value);
    };
    if (next == total) {
        // The last rows: the pager row goes, then the rows come.
        beginRemoveRows(parentIndex, int(old), int(old));
        m_hiddenPager = id;
        endRemoveRows();
    }
    beginInsertRows(parentIndex, int(old), int(next) - 1);
    setShown(next);
    m_hiddenPager = ~quint64(0);
    endInsertRows();
}

QModelIndex SummaryModel::indexOfNode(uint32_t node)
{
    if (!m_analysis || node >= m_analysis->nodeCount())
        return {};
    const auto& rows = *m_summary.rows;
    for (uint32_t c = 0; c < rows.size(); ++c) {
        const auto& nodes = rows[c].nodes;
        const auto it = std::find(nodes.begin(), nodes.end(), node);
        if (it == nodes.end())
            continue;
        if (m_visibleRow[c] == UINT32_MAX)
            return {};
        const uint32_t p = uint32_t(it - nodes.begin());
        const QModelIndex classIndex = index(int(m_visibleRow[c]), 0);
        while (m_shown[c] <= p) {
            const uint32_t remaining = uint32_t(nodes.size()) - m_shown[c];
            showMore(index(int(m_shown[c]), 0, classIndex), p - m_shown[c] >= remaining / 2);
        }
        return index(int(p), 0, classIndex);
    }
    return {};
}

QVariant SummaryModel::pagerData(uint32_t shown, uint32_t total, int column, int role) const
{
    if (column != NameColumn)
        return {};
    const uint32_t remaining = total - shown;
    switch (role) {
    case Qt::DisplayRole:
        return tr("Show %1 more of %2 (right-click: show all)").arg(kPageSize).arg(formatCount(total));
    case Qt::ToolTipRole:
        return tr("Double-click or press Enter to show the next %1 rows; the context menu shows all %2")
            .arg(kPageSize)
            .arg(formatCount(remaining));
    case Qt::FontRole: {
        QFont f;
        f.setItalic(true);
        return f;
    }
    case MoreRowRole:
        return true;
    case NodeRole:
    case EdgeRole:
        return uint(kNoNode);
    default:
        return {};
    }
}

QVariant SummaryModel::classData(uint32_t c, int column, int role) const
{
    const ClassAggregate& row = (*m_summary.rows)[c];
    const double total = double(m_analysis->totalSize());
    if (role == Qt::DisplayRole) {
        switch (column) {
        case NameColumn:
            return QString::fromStdString(row.name);
        case DistanceColumn:
            return formatDistance(row.distance);
        case CountColumn:
            return formatCount(row.count);
        case ShallowColumn:
            return formatBytes(row.shallow);
        case ShallowPercentColumn:
            return formatPercent(double(row.shallow), total);
        case RetainedColumn:
            return formatBytes(row.retained);
        case RetainedPercentColumn:
            return formatPercent(double(row.retained), total);
        }
    } else if (role == SortRole) {
        switch (column) {
        case NameColumn:
            return QString::fromStdString(row.name);
        case DistanceColumn:
            return row.distance;
        case CountColumn:
            return row.count;
        case ShallowColumn:
        case ShallowPercentColumn:
            return qulonglong(row.shallow);
        case RetainedColumn:
        case RetainedPercentColumn:
            return qulonglong(row.retained);
        }
    } else if (role == ShareRole) {
        if (column == ShallowColumn)
            return total > 0 ? double(row.shallow) / total : 0.0;
        if (column == RetainedColumn)
            return total > 0 ? double(row.retained) / total : 0.0;
    } else if (role == Qt::ToolTipRole) {
        if (column == NameColumn)
            return tr("%1\nclass key %2\n%3 objects")
                .arg(QString::fromStdString(row.name), QString::fromStdString(row.key), formatCount(row.count));
        if (column == ShallowColumn || column == ShallowPercentColumn)
            return exactBytes(row.shallow);
        if (column == RetainedColumn || column == RetainedPercentColumn)
            return exactBytes(row.retained);
    } else if (role == NodeRole || role == EdgeRole) {
        return uint(kNoNode);
    }
    return {};
}

QVariant SummaryModel::nodeData(uint32_t node, int column, int role) const
{
    static const NodeField kFields[] = { NodeField::Name, NodeField::Distance, NodeField::Name, NodeField::Shallow,
        NodeField::ShallowPercent, NodeField::Retained, NodeField::RetainedPercent };
    if (column == CountColumn && role != NodeRole)
        return {};
    return nodeCell(*m_analysis, node, kFields[column], role);
}

QVariant SummaryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_analysis)
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const quintptr id = index.internalId();
    const uint32_t c = classOf(id);
    const uint32_t p = positionOf(id);
    switch (kindOf(id)) {
    case kClass:
        return classData(c, index.column(), role);
    case kPager:
        if (isEdgePager(id))
            return pagerData(edgesShown(c, p), edgeCount(objectNode(c, p)), index.column(), role);
        return pagerData(m_shown[c], uint32_t((*m_summary.rows)[c].nodes.size()), index.column(), role);
    case kObject:
        if (role == MoreRowRole)
            return false;
        if (role == EdgeRole)
            return uint(kNoNode);
        return nodeData(objectNode(c, p), index.column(), role);
    case kEdge: {
        const uint32_t object = objectNode(c, p);
        const auto& s = *m_analysis->snapshot;
        const uint32_t edge = s.firstEdge[object] + uint32_t(index.row());
        const uint32_t target = s.edgeTarget[edge];
        const bool weak = s.edgeType[edge] == s.edgeTypes.weak;
        switch (role) {
        case MoreRowRole:
            return false;
        case EdgeRole:
            return uint(edge);
        case WeakRole:
            return weak;
        case Qt::DisplayRole:
        case Qt::ToolTipRole:
            if (index.column() == NameColumn) {
                const QString name = QString::fromStdString(s.edgeName(edge));
                const bool element = s.edgeType[edge] == s.edgeTypes.element;
                return (element ? QStringLiteral("[%1]").arg(name) : name) + QStringLiteral(" :: ")
                    + nodeLabel(*m_analysis, target) + (weak ? tr("  (weak)") : QString());
            }
            break;
        case Qt::FontRole:
            if (weak) {
                QFont f;
                f.setItalic(true);
                return f;
            }
            return {};
        default:
            break;
        }
        return nodeData(target, index.column(), role);
    }
    }
    return {};
}

QVariant SummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    static const char* const kTitles[]
        = { "Constructor", "Distance", "Objects", "Shallow size", "%", "Retained size", "%" };
    static const char* const kHelp[] = {
        "Class (constructor) name; expand a class to its objects, biggest retained first, and an object to its "
        "outgoing references",
        "Fewest references from a GC root to any object of the class (- when reachable only through system roots)",
        "Number of objects of the class (objects of self size 0 are not counted, as in DevTools)",
        "Bytes held by the objects themselves (DevTools' shallow size)",
        "Shallow size as a share of the total heap",
        "Bytes freed if every object of the class were collected (DevTools' retained size; nested members counted "
        "once)",
        "Retained size as a share of the total heap",
    };
    if (role == Qt::DisplayRole)
        return tr(kTitles[section]);
    if (role == Qt::ToolTipRole)
        return tr(kHelp[section]);
    if (role == Qt::TextAlignmentRole)
        return section == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace v8scope::gui
