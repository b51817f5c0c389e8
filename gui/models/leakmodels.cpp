// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "leakmodels.h"

#include "comparisonmodel.h"

namespace v8scope::gui {

namespace {
QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

template <class T> QString seriesText(const std::vector<T>& values, bool bytes)
{
    QStringList parts;
    for (const T& v : values)
        parts << (bytes ? sizeText(qint64(v)) : countText(qint64(v)));
    return parts.join(QStringLiteral(" \u2192 "));
}

QVariant alignment(int column, int textColumn, int textColumn2 = -1)
{
    return column == textColumn || column == textColumn2 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                         : QVariant(Qt::AlignRight | Qt::AlignVCenter);
}
} // namespace

LeakSuspectModel::LeakSuspectModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LeakSuspectModel::setLeaks(std::shared_ptr<const LeakData> data)
{
    beginResetModel();
    m_data = std::move(data);
    endResetModel();
}

QString LeakSuspectModel::holdsText(const LeakCluster& c)
{
    QStringList parts;
    for (const HeldClass& h : c.holds)
        parts << QStringLiteral("%1 x%2 (%3)").arg(text(h.className), countText(h.count), sizeText(qint64(h.retained)));
    return parts.join(QStringLiteral(", "));
}

int LeakSuspectModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_data ? 0 : int(m_data->result.clusters.size());
}

int LeakSuspectModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant LeakSuspectModel::data(const QModelIndex& index, int role) const
{
    if (!m_data || !index.isValid() || index.row() >= rowCount())
        return {};
    const LeakCluster& c = m_data->result.clusters[size_t(index.row())];
    if (role == ClusterRole)
        return index.row();
    if (role == Qt::TextAlignmentRole)
        return alignment(index.column(), LeakedColumn, HoldsColumn);
    if (role == Qt::ToolTipRole && index.column() == LeakedColumn)
        return tr("Retaining path signature: %1").arg(text(c.signature));
    if (role == Qt::ToolTipRole && index.column() == HoldsColumn)
        return holdsText(c);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (Columns(index.column())) {
    case RankColumn:
        return index.row() + 1;
    case LeakedColumn:
        return sort ? QVariant(text(c.className))
                    : QVariant(QStringLiteral("%1 x%2").arg(text(c.className)).arg(c.roots));
    case ObjectsColumn:
        return sort ? QVariant(qint64(c.count)) : countText(c.count);
    case ShallowColumn:
        return sort ? QVariant(qint64(c.shallow)) : sizeText(qint64(c.shallow));
    case RetainedColumn:
        return sort ? QVariant(qint64(c.retained)) : sizeText(qint64(c.retained));
    case HoldsColumn:
        return sort ? QVariant(c.holds.empty() ? qint64(0) : qint64(c.holds.front().retained)) : holdsText(c);
    case NUM_COLUMNS:
        break;
    }
    return {};
}

QVariant LeakSuspectModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    static const char* const titles[NUM_COLUMNS]
        = { "#", "Leaked", "Objects", "Shallow", "Retained", "Holds (by retained size)" };
    static const char* const help[NUM_COLUMNS] = { "Rank by retained size",
        "Class of the top-level leaked objects x how many (allocated between snapshots 1 and 2, alive in the last)",
        "Leaked objects in the cluster, nested ones included", "Shallow bytes of the leaked objects",
        "Bytes the top-level leaked objects keep alive",
        "Classes inside the leaked objects by retained size: what the suspect holds" };
    if (role == Qt::DisplayRole)
        return tr(titles[section]);
    if (role == Qt::ToolTipRole)
        return tr(help[section]);
    return {};
}

GrowthModel::GrowthModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void GrowthModel::setLeaks(std::shared_ptr<const LeakData> data)
{
    beginResetModel();
    m_data = std::move(data);
    m_rows.clear();
    if (m_data)
        for (uint32_t i = 0; i < m_data->result.classes.size(); ++i)
            if (m_data->result.classes[i].growsEveryStep())
                m_rows.push_back(i);
    endResetModel();
}

const GrowthSeries* GrowthModel::series(int row) const
{
    if (!m_data || row < 0 || size_t(row) >= m_rows.size())
        return nullptr;
    return &m_data->result.classes[m_rows[size_t(row)]];
}

int GrowthModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int GrowthModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant GrowthModel::data(const QModelIndex& index, int role) const
{
    const GrowthSeries* g = index.isValid() ? series(index.row()) : nullptr;
    if (!g)
        return {};
    if (role == SeriesRole)
        return qint64(m_rows[size_t(index.row())]);
    if (role == Qt::TextAlignmentRole)
        return alignment(index.column(), ClassColumn);
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    const bool sort = role == SortRole;
    switch (Columns(index.column())) {
    case ClassColumn:
        return text(g->name);
    case CountColumn:
        return sort ? QVariant(qint64(g->count.back())) : seriesText(g->count, false);
    case RetainedColumn:
        return sort ? QVariant(qint64(g->retained.back())) : seriesText(g->retained, true);
    case CountDeltaColumn:
        return sort ? QVariant(qint64(g->countDelta())) : countText(g->countDelta(), true);
    case RetainedDeltaColumn:
        return sort ? QVariant(qint64(g->retainedDelta())) : sizeText(g->retainedDelta(), true);
    case NUM_COLUMNS:
        break;
    }
    return {};
}

QVariant GrowthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    static const char* const titles[NUM_COLUMNS] = { "Class", "Count", "Retained", "Count Delta", "Retained Delta" };
    static const char* const help[NUM_COLUMNS]
        = { "Class (each snapshot's own Summary)", "Objects per snapshot, oldest first",
              "Class retained size per snapshot", "Last minus first count", "Last minus first retained size" };
    if (role == Qt::DisplayRole)
        return tr(titles[section]);
    if (role == Qt::ToolTipRole)
        return tr(help[section]);
    return {};
}

} // namespace v8scope::gui
