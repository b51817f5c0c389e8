// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "comparisonmodel.h"
#include "format.h"

#include <heap/heapanalysis.h>

#include <QLocale>

namespace v8scope::gui {

namespace {
constexpr int kLevelShift = 62;
constexpr quintptr kLowMask = (quintptr(1) << 31) - 1;

QString text(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

QString countText(qint64 n, bool sign)
{
    const QString s = QLocale::system().toString(n < 0 ? -n : n);
    if (n < 0)
        return QStringLiteral("\u2212") + s;
    return (sign && n > 0 ? QStringLiteral("+") : QString()) + s;
}

QString sizeText(qint64 bytes, bool sign)
{
    const QString s = formatBytes(uint64_t(bytes < 0 ? -bytes : bytes)); // core/report's humanSize
    if (bytes < 0)
        return QStringLiteral("\u2212") + s;
    return (sign && bytes > 0 ? QStringLiteral("+") : QString()) + s;
}

ComparisonModel::ComparisonModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

void ComparisonModel::setComparison(std::shared_ptr<const ComparisonData> data)
{
    beginResetModel();
    m_data = std::move(data);
    m_loaded.assign(m_data ? m_data->rows.size() : 0, 0);
    endResetModel();
}

ComparisonModel::Level ComparisonModel::levelOf(const QModelIndex& index)
{
    return Level(index.internalId() >> kLevelShift);
}

QModelIndex ComparisonModel::indexOfClass(const QString& name) const
{
    if (!m_data)
        return {};
    for (size_t r = 0; r < m_data->rows.size(); ++r)
        if (text(m_data->diff.classes[m_data->rows[r]].name) == name)
            return index(int(r), 0);
    return {};
}

QModelIndex ComparisonModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!m_data || row < 0 || column < 0 || column >= NUM_COLUMNS || row >= rowCount(parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    switch (levelOf(parent)) {
    case ClassLevel:
        return createIndex(row, column, (quintptr(ObjectLevel) << kLevelShift) | quintptr(parent.row()));
    case ObjectLevel:
        return createIndex(row, column,
            (quintptr(EdgeLevel) << kLevelShift) | ((parent.internalId() & kLowMask) << 31) | quintptr(parent.row()));
    case EdgeLevel:
        break;
    }
    return {};
}

QModelIndex ComparisonModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const quintptr id = child.internalId();
    switch (levelOf(child)) {
    case ClassLevel:
        return {};
    case ObjectLevel:
        return createIndex(int(id & kLowMask), 0, quintptr(0));
    case EdgeLevel: {
        const int classRow = int((id >> 31) & kLowMask);
        return createIndex(int(id & kLowMask), 0, (quintptr(ObjectLevel) << kLevelShift) | quintptr(classRow));
    }
    }
    return {};
}

uint32_t ComparisonModel::objectOrdinal(int classRow, int objectRow) const
{
    return m_data->newObjects[size_t(classRow)][size_t(objectRow)];
}

int ComparisonModel::rowCount(const QModelIndex& parent) const
{
    if (!m_data)
        return 0;
    if (!parent.isValid())
        return int(m_data->rows.size());
    if (parent.column() != 0)
        return 0;
    switch (levelOf(parent)) {
    case ClassLevel:
        return m_loaded[size_t(parent.row())];
    case ObjectLevel: {
        const HeapSnapshot& s = *m_data->head->snapshot;
        const uint32_t o = objectOrdinal(int(parent.internalId() & kLowMask), parent.row());
        return int(s.firstEdge[o + 1] - s.firstEdge[o]);
    }
    case EdgeLevel:
        return 0;
    }
    return 0;
}

int ComparisonModel::columnCount(const QModelIndex&) const
{
    return NUM_COLUMNS;
}

bool ComparisonModel::hasChildren(const QModelIndex& parent) const
{
    if (!m_data)
        return false;
    if (!parent.isValid())
        return !m_data->rows.empty();
    if (parent.column() != 0)
        return false;
    switch (levelOf(parent)) {
    case ClassLevel:
        return !m_data->newObjects[size_t(parent.row())].empty();
    case ObjectLevel:
        return rowCount(parent) > 0;
    case EdgeLevel:
        return false;
    }
    return false;
}

bool ComparisonModel::canFetchMore(const QModelIndex& parent) const
{
    if (!m_data || !parent.isValid() || levelOf(parent) != ClassLevel || parent.column() != 0)
        return false;
    return size_t(m_loaded[size_t(parent.row())]) < m_data->newObjects[size_t(parent.row())].size();
}

void ComparisonModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    const size_t row = size_t(parent.row());
    const int total = int(m_data->newObjects[row].size());
    const int first = m_loaded[row];
    const int last = std::min(total, first + kPageSize) - 1;
    beginInsertRows(parent, first, last);
    m_loaded[row] = last + 1;
    endInsertRows();
}

QVariant ComparisonModel::data(const QModelIndex& index, int role) const
{
    if (!m_data || !index.isValid())
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == ClassColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                             : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const quintptr id = index.internalId();
    switch (levelOf(index)) {
    case ClassLevel:
        return classData(index.row(), index.column(), role);
    case ObjectLevel:
        return objectData(int(id & kLowMask), index.row(), index.column(), role);
    case EdgeLevel:
        return edgeData(int((id >> 31) & kLowMask), int(id & kLowMask), index.row(), index.column(), role);
    }
    return {};
}

QVariant ComparisonModel::classData(int row, int column, int role) const
{
    const ClassDiff& c = m_data->diff.classes[m_data->rows[size_t(row)]];
    if (role == ClassNameRole)
        return text(c.name);
    if (role == NodeOrdinalRole)
        return -1;
    if (role == Qt::ToolTipRole && column == ClassColumn)
        return c.inComparison ? text(c.name)
                              : tr("%1: no object added or deleted; its retained size changed").arg(text(c.name));
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (Columns(column)) {
    case ClassColumn:
        return text(c.name);
    case NewColumn:
        return sort ? QVariant(qint64(c.added)) : countText(c.added);
    case DeletedColumn:
        return sort ? QVariant(qint64(c.removed)) : countText(c.removed);
    case DeltaColumn:
        return sort ? QVariant(qint64(c.countDelta)) : countText(c.countDelta, true);
    case AllocSizeColumn:
        return sort ? QVariant(qint64(c.addedSize)) : sizeText(qint64(c.addedSize));
    case FreedSizeColumn:
        return sort ? QVariant(qint64(c.removedSize)) : sizeText(qint64(c.removedSize));
    case SizeDeltaColumn:
        return sort ? QVariant(qint64(c.sizeDelta)) : sizeText(c.sizeDelta, true);
    case BaseRetainedColumn:
        return sort ? QVariant(qint64(c.baseRetained)) : sizeText(qint64(c.baseRetained));
    case HeadRetainedColumn:
        return sort ? QVariant(qint64(c.headRetained)) : sizeText(qint64(c.headRetained));
    case RetainedDeltaColumn:
        return sort ? QVariant(qint64(c.retainedDelta)) : sizeText(c.retainedDelta, true);
    case NUM_COLUMNS:
        break;
    }
    return {};
}

QVariant ComparisonModel::objectData(int classRow, int row, int column, int role) const
{
    const HeapAnalysis& a = *m_data->head;
    const uint32_t o = objectOrdinal(classRow, row);
    if (role == NodeOrdinalRole)
        return qint64(o);
    if (role == ClassNameRole)
        return text(a.className(o));
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    const bool sort = role == SortRole;
    switch (Columns(column)) {
    case ClassColumn:
        if (sort)
            return qint64(a.snapshot->nodeId[o]);
        return QStringLiteral("%1 @%2").arg(text(a.displayName(o)).left(120)).arg(a.snapshot->nodeId[o]);
    case AllocSizeColumn:
        return sort ? QVariant(qint64(a.selfSize[o])) : sizeText(qint64(a.selfSize[o]));
    case HeadRetainedColumn:
        return sort ? QVariant(qint64(a.retainedSize[o])) : sizeText(qint64(a.retainedSize[o]));
    default:
        return sort ? QVariant(qint64(0)) : QVariant();
    }
}

QVariant ComparisonModel::edgeData(int classRow, int objectRow, int row, int column, int role) const
{
    const HeapAnalysis& a = *m_data->head;
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t o = objectOrdinal(classRow, objectRow);
    const uint32_t e = s.firstEdge[o] + uint32_t(row);
    const uint32_t t = s.edgeTarget[e];
    if (role == NodeOrdinalRole)
        return qint64(t);
    if (role == ClassNameRole)
        return text(a.className(t));
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    const bool sort = role == SortRole;
    switch (Columns(column)) {
    case ClassColumn:
        if (sort)
            return row;
        return QStringLiteral("%1 \u2192 %2 @%3")
            .arg(QString::fromStdString(s.edgeName(e)), text(a.displayName(t)).left(120))
            .arg(s.nodeId[t]);
    case AllocSizeColumn:
        return sort ? QVariant(qint64(a.selfSize[t])) : sizeText(qint64(a.selfSize[t]));
    case HeadRetainedColumn:
        return sort ? QVariant(qint64(a.retainedSize[t])) : sizeText(qint64(a.retainedSize[t]));
    default:
        return sort ? QVariant(qint64(0)) : QVariant();
    }
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    static const char* const titles[NUM_COLUMNS] = { "Class", "# New", "# Deleted", "# Delta", "Alloc. Size",
        "Freed Size", "Size Delta", "Base Retained", "Head Retained", "Retained Delta" };
    static const char* const help[NUM_COLUMNS] = { "Constructor (class) name, as DevTools groups objects",
        "Objects in the head snapshot and not in the base (by object id)",
        "Objects in the base snapshot and not in the head", "New minus deleted objects",
        "Shallow bytes of the new objects (objects: their own shallow size)", "Shallow bytes of the deleted objects",
        "Alloc. size minus freed size", "The class's retained size in the base (nested members counted once)",
        "The class's retained size in the head (objects: their retained size)", "Head minus base retained size" };
    if (role == Qt::DisplayRole)
        return tr(titles[section]);
    if (role == Qt::ToolTipRole)
        return tr(help[section]);
    return {};
}

} // namespace v8scope::gui
