// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "format.h"

#include <heap/heapanalysis.h>

#include <QLocale>

namespace v8scope::gui {

QString formatBytes(uint64_t bytes)
{
    if (bytes < 1000)
        return QStringLiteral("%1 B").arg(bytes);
    static const char* const kUnits[] = { "kB", "MB", "GB", "TB" };
    double v = double(bytes) / 1000;
    int u = 0;
    while (v >= 1000 && u < 3) {
        v /= 1000;
        ++u;
    }
    return QStringLiteral("%1 %2").arg(v, 0, 'f', 1).arg(QLatin1String(kUnits[u]));
}

QString formatCount(uint64_t count)
{
    QString digits = QString::number(count);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, QLatin1Char(','));
    return digits;
}

QString formatPercent(double part, double whole)
{
    if (whole <= 0)
        return {};
    return QStringLiteral("%1 %").arg(100.0 * part / whole, 0, 'f', 1);
}

QString formatDistance(int32_t distance)
{
    if (distance < 0 || distance >= HeapAnalysis::kBaseSystemDistance)
        return QStringLiteral("-");
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
