// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "format.h"

#include <heap/heapanalysis.h>
#include <report/format.h>

namespace v8scope::gui {

QString formatBytes(uint64_t bytes)
{
    return QString::fromStdString(report::humanSize(double(bytes))); // the CLI's text, byte for byte
}

QString formatCount(uint64_t count)
{
    return QString::fromStdString(report::groupedCount(count)); // 1,234,567 as the CLI prints it
}

QString formatPercent(double part, double whole)
{
    if (whole <= 0)
        return {};
    return QStringLiteral("%1 %").arg(100.0 * part / whole, 0, 'f', 1);
}

QString formatDistance(int32_t distance)
{
    // DevTools prints U+2212 MINUS SIGN for distances it does not show (HeapSnapshotGridNodes; system-only and
    // unreachable ones); unreached nodes (-5) read the same.
    if (distance < 0 || distance >= HeapAnalysis::kBaseSystemDistance)
        return QString(QChar(0x2212));
    return QString::number(distance);
}

QString nodeLabel(const HeapAnalysis& a, uint32_t node)
{
    QString name = QString::fromStdString(a.displayName(node));
    if (name.size() > 80)
        name = name.left(77) + QStringLiteral("...");
    const std::string_view cls = a.className(node);
    const QString clsText = QString::fromUtf8(cls.data(), qsizetype(cls.size()));
    const QString id = QStringLiteral("@%1").arg(a.snapshot->nodeId[node]);
    if (name.isEmpty() || name == clsText)
        return clsText + QLatin1Char(' ') + id;
    return clsText + QLatin1Char(' ') + name + QLatin1Char(' ') + id;
}

QString exactBytes(uint64_t bytes)
{
    return QStringLiteral("%1 bytes").arg(formatCount(bytes));
}

} // namespace v8scope::gui
