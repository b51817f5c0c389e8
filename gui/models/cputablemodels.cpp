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
    m_shown.clear();
    if (const auto* r = rows()) {
        for (uint32_t i = 0; i < r->size(); ++i) {
            bool hidden = false;
            isMeta((*r)[i], &hidden);
            if (!hidden)
                m_shown.push_back(i);
        }
    }
    endResetModel();
}

bool CpuFunctionsModel::isMeta(const RollupRow& row, bool* hidden) const
{
    const CpuProfile& p = *m_analysis->profile;
    const CpuViewOptions& o = m_analysis->options;
    auto is = [&](CpuNodeIndex node, const char* category) {
        if (m_by == RollupKey::Category)
            return row.key == category;
        return m_by == RollupKey::Function && node.valid() && row.function == p.function[node.index];
    };
    *hidden = false;
    if (is(p.idleNode, "idle")) {
        *hidden = o.hideIdle;
        return true;
    }
    // (program) and GC are busy time: they keep their percentages.
    if (is(p.programNode, "program"))
        *hidden = o.hideProgram;
    else if (is(p.gcNode, "gc"))
        *hidden = o.hideGc;
    return false;
}

const RollupRow* CpuFunctionsModel::rowAt(int row) const
{
    const auto* r = rows();
    if (!r || row < 0 || size_t(row) >= m_shown.size())
        return nullptr;
    return &(*r)[m_shown[size_t(row)]];
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
    const RollupRow* r = rowAt(row);
    return r ? r->function : UINT32_MAX;
}

int CpuFunctionsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int CpuFunctionsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant CpuFunctionsModel::data(const QModelIndex& index, int role) const
{
    const RollupRow* r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    const RollupRow& row = *r;
    const CpuAnalysis& a = *m_analysis;
    bool hidden = false;
    const bool idle = isMeta(row, &hidden);
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
            return idle ? tr("–") : percentText(double(row.self) / denom);
        case TotalColumn:
            return a.formatWeight(row.total);
        case TotalPercentColumn:
            return idle ? tr("–") : percentText(double(row.total) / denom);
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
        if (idle)
            break; // idle is not part of the non-idle denominator: no bar
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
        if (idle)
            return tr("Time the thread waited in the event loop: not part of the percentages (of non-idle time)");
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
