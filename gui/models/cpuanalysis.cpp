// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpuanalysis.h"

#include <cpu/traceflame.h>

#include <QLocale>

namespace v8scope::gui {

QString formatMs(double ms)
{
    // English grouping ("1,234.5") whatever the desktop's locale: the CLI's and the exports' format.
    return QLocale(QLocale::English).toString(ms, 'f', ms < 10 ? 2 : 1) + QStringLiteral(" ms");
}

QString formatBytesShort(double bytes)
{
    static const char* units[] = { "B", "kB", "MB", "GB", "TB" };
    int u = 0;
    while (bytes >= 1000 && u < 4) {
        bytes /= 1000;
        ++u;
    }
    return u == 0 ? QStringLiteral("%1 B").arg(qint64(bytes))
                  : QStringLiteral("%1 %2").arg(bytes, 0, 'f', 1).arg(QLatin1String(units[u]));
}

QString CpuAnalysis::formatWeight(int64_t units) const
{
    return isHeap() ? formatBytesShort(double(units)) : formatMs(timing.toMs(units));
}

double CpuAnalysis::weightValue(int64_t units) const
{
    return isHeap() ? double(units) : timing.toMs(units);
}

QString CpuAnalysis::unitName() const
{
    return isHeap() ? QStringLiteral("bytes") : QStringLiteral("ms");
}

QString CpuAnalysis::functionName(uint32_t function) const
{
    if (function >= profile->functions.size())
        return QString();
    return QString::fromStdString(profile->functions[function].displayName());
}

QString CpuAnalysis::functionLocation(uint32_t function) const
{
    if (function >= profile->functions.size())
        return QString();
    const FunctionInfo& f = profile->functions[function];
    if (f.url.empty())
        return QString();
    QString s = QString::fromStdString(f.url);
    if (f.line >= 0)
        s += QLatin1Char(':') + QString::number(f.line + 1);
    return s;
}

QString CpuAnalysis::shortLocation(uint32_t function) const
{
    const QString full = functionLocation(function);
    const qsizetype slash = full.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? full : full.mid(slash + 1);
}

Result<CpuAnalysisPtr> analyzeProfile(std::shared_ptr<const CpuProfile> profile, const CpuViewOptions& options)
{
    auto a = std::make_shared<CpuAnalysis>();
    a->profile = profile;
    a->options = options;
    TimingOptions to;
    to.range = options.range;
    auto timing = computeTiming(*profile, to);
    if (!timing)
        return timing.error();
    a->timing = std::move(timing.value());
    const CpuProfile& p = *profile;
    const uint32_t noFunction = CallTree::kNoNode;
    auto functionOf = [&](CpuNodeIndex n) { return n.valid() ? p.function[n.index] : noFunction; };
    const uint32_t idle = options.hideIdle ? functionOf(p.idleNode) : noFunction;
    const uint32_t program = options.hideProgram ? functionOf(p.programNode) : noFunction;
    const uint32_t gc = options.hideGc ? functionOf(p.gcNode) : noFunction;
    CallTree::Predicate hidden;
    if (idle != noFunction || program != noFunction || gc != noFunction)
        hidden = [idle, program, gc](uint32_t f) { return f == idle || f == program || f == gc; };
    a->topDown = CallTree::topDown(a->timing, {}, hidden);
    a->bottomUp = CallTree::bottomUp(a->timing, 64, hidden);
    a->flame = flameGraphRows(a->topDown, FlameWidth::Total);
    a->inverted = flameGraphRows(a->bottomUp, FlameWidth::Self);
    if (!p.isHeap()) {
        FlameChartOptions co;
        co.includeIdle = false; // idle is the chart's gaps, as in DevTools
        co.includeProgram = !options.hideProgram;
        if (options.range) {
            co.windowStart = options.range->first;
            co.windowEnd = options.range->second;
        }
        // A trace: the Performance panel's main track (trace events with the JS frames nested in them); a
        // .cpuprofile: the samples' stacks.
        const std::vector<TimelineEntry> entries = p.trace ? buildTraceTimeline(p) : std::vector<TimelineEntry> {};
        a->chart = entries.empty() ? flameChartRows(p, co) : traceFlameChartRows(p, entries, co);
        BlockingOptions bo;
        bo.thresholdUs = options.blockingThresholdUs;
        a->blocking = findBlocking(p, bo);
        // Traces: what the Performance panel shows over each stretch (as `v8scope cpu blocking` does).
        attributeStretchesToTimeline(p, a->blocking, bo.topFunctions, "off");
        a->activity = cpuActivity(p, CpuAnalysis::kActivityBuckets);
    }
    a->byFunction = rollup(p, a->timing, RollupKey::Function);
    a->byUrl = rollup(p, a->timing, RollupKey::Url);
    a->byPackage = rollup(p, a->timing, RollupKey::Package);
    a->byCategory = rollup(p, a->timing, RollupKey::Category);
    return CpuAnalysisPtr(std::move(a));
}

} // namespace v8scope::gui
