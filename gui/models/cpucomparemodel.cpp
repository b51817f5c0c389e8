// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpucomparemodel.h"

#include "colors.h"
#include "roles.h"

#include <cpu/flamediff.h>

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace v8scope::gui {

namespace {

QString signedMs(double ms)
{
    return (ms > 0 ? QStringLiteral("+") : QString()) + formatMs(ms);
}

} // namespace

std::vector<QColor> CpuComparison::nodeColors() const
{
    double scale = 0;
    for (size_t x = 1; x < pathDelta.size(); ++x)
        scale = std::max(scale, std::abs(double(pathDelta[x])));
    std::vector<QColor> out(pathDelta.size());
    for (size_t x = 0; x < pathDelta.size(); ++x)
        out[x] = deltaColor(double(pathDelta[x]), scale);
    return out;
}

CpuComparisonPtr compareProfiles(CpuAnalysisPtr base, CpuAnalysisPtr head)
{
    auto c = std::make_shared<CpuComparison>();
    c->diff = diffProfiles(*base->profile, base->timing, *head->profile, head->timing, false);
    c->pathDelta = pathTotalDeltas(*base->profile, base->topDown, *head->profile, head->topDown);
    c->base = std::move(base);
    c->head = std::move(head);
    return c;
}

CpuCompareModel::CpuCompareModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CpuCompareModel::setComparison(CpuComparisonPtr comparison)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    endResetModel();
}

int CpuCompareModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_comparison ? 0 : int(m_comparison->diff.rows.size());
}

int CpuCompareModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant CpuCompareModel::data(const QModelIndex& index, int role) const
{
    if (!m_comparison || !index.isValid() || size_t(index.row()) >= m_comparison->diff.rows.size())
        return {};
    const DiffRow& r = m_comparison->diff.rows[size_t(index.row())];
    const QString location = r.url.empty()
        ? QString()
        : QString::fromStdString(r.url) + (r.line >= 0 ? QStringLiteral(":%1").arg(r.line + 1) : QString());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FunctionColumn:
            return QString::fromStdString(r.name);
        case SelfDeltaColumn:
            return signedMs(r.selfDeltaMs());
        case TotalDeltaColumn:
            return signedMs(r.totalDeltaMs());
        case BaseSelfColumn:
            return r.inBase ? formatMs(r.baseSelfMs) : tr("–");
        case HeadSelfColumn:
            return r.inHead ? formatMs(r.headSelfMs) : tr("–");
        case LocationColumn:
            return location.mid(location.lastIndexOf(QLatin1Char('/')) + 1);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case FunctionColumn:
            return QString::fromStdString(r.name);
        case SelfDeltaColumn:
            return r.selfDeltaMs();
        case TotalDeltaColumn:
            return r.totalDeltaMs();
        case BaseSelfColumn:
            return r.baseSelfMs;
        case HeadSelfColumn:
            return r.headSelfMs;
        case LocationColumn:
            return location;
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == SelfDeltaColumn || index.column() == TotalDeltaColumn) {
            const double d = index.column() == SelfDeltaColumn ? r.selfDeltaMs() : r.totalDeltaMs();
            if (d > 0)
                return QColor(190, 30, 30);
            if (d < 0)
                return QColor(30, 80, 190);
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != FunctionColumn && index.column() != LocationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::ToolTipRole:
        return tr("%1\n%2\nself %3 -> %4 ms, total %5 -> %6 ms")
            .arg(QString::fromStdString(r.name), location)
            .arg(r.baseSelfMs, 0, 'f', 1)
            .arg(r.headSelfMs, 0, 'f', 1)
            .arg(r.baseTotalMs, 0, 'f', 1)
            .arg(r.headTotalMs, 0, 'f', 1);
    }
    return {};
}

QVariant CpuCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section == FunctionColumn || section == LocationColumn ? Qt::AlignLeft : Qt::AlignRight)
            | Qt::AlignVCenter);
    if (role == Qt::DisplayRole) {
        static const char* names[] = { "Function", "Self Δ", "Total Δ", "Base self", "Head self", "Location" };
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        static const char* tips[] = { "Functions matched by name, URL and line (v8scope cpu diff)",
            "Self time in the other profile minus this one's (positive: grew)", "Total time difference",
            "Self time in this profile (the base)", "Self time in the other profile (the head)",
            "Script and 1-based line" };
        return tr(tips[section]);
    }
    return {};
}

} // namespace v8scope::gui
