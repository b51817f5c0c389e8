// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cputablemodels.h"

#include "roles.h"

#include <QLocale>

namespace v8scope::gui {

namespace {

QString percentText(double share)
{
    return QString::number(share * 100.0, 'f', 1) + QStringLiteral(" %");
}

const int kRightAligned = int(Qt::AlignRight | Qt::AlignVCenter);

} // namespace

CpuFunctionsModel::CpuFunctionsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CpuFunctionsModel::setAnalysis(CpuAnalysisPtr analysis, RollupKey by)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    m_by = by;
    endResetModel();
}

const std::vector<RollupRow>* CpuFunctionsModel::rows() const
{
    if (!m_analysis)
        return nullptr;
    switch (m_by) {
    case RollupKey::Function:
        return &m_analysis->byFunction;
    case RollupKey::Url:
        return &m_analysis->byUrl;
    case RollupKey::Package:
        return &m_analysis->byPackage;
    case RollupKey::Category:
        return &m_analysis->byCategory;
    }
    return nullptr;
}

uint32_t CpuFunctionsModel::functionAt(int row) const
{
    const auto* r = rows();
    return r && row >= 0 && size_t(row) < r->size() ? (*r)[size_t(row)].function : UINT32_MAX;
}

int CpuFunctionsModel::rowCount(const QModelIndex& parent) const
{
    const auto* r = rows();
    return parent.isValid() || !r ? 0 : int(r->size());
}

int CpuFunctionsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant CpuFunctionsModel::data(const QModelIndex& index, int role) const
{
    const auto* r = rows();
    if (!r || !index.isValid() || size_t(index.row()) >= r->size())
        return {};
    const RollupRow& row = (*r)[size_t(index.row())];
    const CpuAnalysis& a = *m_analysis;
    const double denom = double(std::max<int64_t>(a.denominator(), 1));
    QString name = QString::fromStdString(row.key);
    if (name.isEmpty())
        name = tr("(none)");
    if (m_by == RollupKey::Function && row.function != UINT32_MAX)
        name = a.functionName(row.function);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return name;
        case SelfColumn:
            return a.formatWeight(row.self);
        case SelfPercentColumn:
            return percentText(double(row.self) / denom);
        case TotalColumn:
            return a.formatWeight(row.total);
        case TotalPercentColumn:
            return percentText(double(row.total) / denom);
        }
        break;
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return name;
        case SelfColumn:
        case SelfPercentColumn:
            return a.weightValue(row.self);
        default:
            return a.weightValue(row.total);
        }
    case ShareRole:
        if (index.column() == SelfPercentColumn)
            return double(row.self) / denom;
        if (index.column() == TotalPercentColumn)
            return double(row.total) / denom;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != NameColumn)
            return kRightAligned;
        break;
    case Qt::ToolTipRole:
        if (m_by == RollupKey::Function && row.function != UINT32_MAX) {
            const QString loc = a.functionLocation(row.function);
            return loc.isEmpty() ? name : name + QLatin1Char('\n') + loc;
        }
        return name;
    }
    return {};
}

QVariant CpuFunctionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section == NameColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == Qt::DisplayRole) {
        static const char* names[] = { "", "Self", "Self %", "Total", "Total %" };
        if (section == NameColumn) {
            switch (m_by) {
            case RollupKey::Function:
                return tr("Function");
            case RollupKey::Url:
                return tr("Script URL");
            case RollupKey::Package:
                return tr("npm package");
            case RollupKey::Category:
                return tr("Category");
            }
        }
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("What the rows group by (the combo above the table)");
        case SelfColumn:
        case SelfPercentColumn:
            return tr("Time (bytes) in the group's own frames");
        default:
            return tr("Time (bytes) in stacks through the group, each stack counted once");
        }
    }
    return {};
}

CpuBlockingModel::CpuBlockingModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CpuBlockingModel::setAnalysis(CpuAnalysisPtr analysis)
{
    beginResetModel();
    m_analysis = std::move(analysis);
    endResetModel();
}

std::pair<int64_t, int64_t> CpuBlockingModel::rangeAt(int row) const
{
    if (!m_analysis || row < 0 || size_t(row) >= m_analysis->blocking.stretches.size())
        return { 0, 0 };
    const BlockingStretch& s = m_analysis->blocking.stretches[size_t(row)];
    return { s.startUs, s.startUs + s.durationUs };
}

int CpuBlockingModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_analysis ? 0 : int(m_analysis->blocking.stretches.size());
}

int CpuBlockingModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QString CpuBlockingModel::functionsText(const BlockingStretch& s) const
{
    QStringList parts;
    for (const BlockingFunction& f : s.topFunctions)
        parts << QStringLiteral("%1 %2").arg(m_analysis->functionName(f.function), formatMs(double(f.selfUs) / 1000));
    return parts.join(QStringLiteral(", "));
}

QVariant CpuBlockingModel::data(const QModelIndex& index, int role) const
{
    if (!m_analysis || !index.isValid() || size_t(index.row()) >= m_analysis->blocking.stretches.size())
        return {};
    const BlockingStretch& s = m_analysis->blocking.stretches[size_t(index.row())];
    const double gcShare = s.durationUs > 0 ? double(s.gcUs) / double(s.durationUs) : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StartColumn:
            return formatMs(double(s.startUs) / 1000);
        case DurationColumn:
            return formatMs(double(s.durationUs) / 1000);
        case GcColumn:
            return percentText(gcShare);
        case SamplesColumn:
            return QLocale(QLocale::English).toString(s.samples);
        case FunctionsColumn: {
            QString text = functionsText(s);
            if (s.startup)
                text = tr("[startup] ") + text;
            if (s.exit)
                text = tr("[exit] ") + text;
            return text;
        }
        }
        break;
    case SortRole:
        switch (index.column()) {
        case StartColumn:
            return qint64(s.startUs);
        case DurationColumn:
            return qint64(s.durationUs);
        case GcColumn:
            return gcShare;
        case SamplesColumn:
            return uint(s.samples);
        case FunctionsColumn:
            return functionsText(s);
        }
        break;
    case ShareRole:
        if (index.column() == GcColumn)
            return gcShare;
        break;
    case Qt::TextAlignmentRole:
        if (index.column() != FunctionsColumn)
            return kRightAligned;
        break;
    case Qt::ToolTipRole: {
        QString tip = tr("Busy from %1 for %2 (%3 samples, GC %4, longest gap between samples %5)")
                          .arg(formatMs(double(s.startUs) / 1000), formatMs(double(s.durationUs) / 1000))
                          .arg(s.samples)
                          .arg(percentText(gcShare), formatMs(double(s.maxGapUs) / 1000));
        if (s.dominantFunction != UINT32_MAX)
            tip += tr("\nRan under: %1 %2")
                       .arg(m_analysis->functionName(s.dominantFunction),
                           m_analysis->functionLocation(s.dominantFunction));
        return tip + QLatin1Char('\n') + functionsText(s);
    }
    }
    return {};
}

QVariant CpuBlockingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    if (role == Qt::TextAlignmentRole)
        return int((section == FunctionsColumn ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == Qt::DisplayRole) {
        static const char* names[] = { "Top functions (self time)", "Start", "Duration", "GC", "Samples" };
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        static const char* tips[] = { "The functions with the most self time in the stretch",
            "When the busy stretch began, from the profile's start",
            "How long the event loop was busy without an idle sample", "Share of the stretch spent in GC",
            "Samples in the stretch" };
        return tr(tips[section]);
    }
    return {};
}

} // namespace v8scope::gui
