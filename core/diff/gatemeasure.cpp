// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "gatemeasure.h"

#include <algorithm>
#include <numeric>

namespace v8scope {

namespace {

GateMeasure measureDiff(const DiffResult& d, const Gate& g)
{
    GateMeasure m;
    m.found = !g.hasClass;
    if (!g.hasClass && g.metric == "retained") {
        m.delta = double(d.retainedDelta());
        m.base = double(d.baseTotal);
        return m;
    }
    if (!g.hasClass && g.metric == "leaks") {
        m.delta = d.suspects;
        return m;
    }
    for (const ClassDiff& c : d.classes) {
        if (g.hasClass && c.name != g.className)
            continue;
        m.found = true;
        const std::string& k = g.metric;
        if (k == "count" || k == "new" || k == "deleted")
            m.base += c.baseCount;
        else if (k == "retained")
            m.base += double(c.baseRetained);
        else
            m.base += double(c.baseShallow);
        if (k == "count")
            m.delta += double(c.countDelta);
        else if (k == "new")
            m.delta += c.added;
        else if (k == "deleted")
            m.delta += c.removed;
        else if (k == "size" || k == "shallow")
            m.delta += double(c.sizeDelta);
        else if (k == "alloc_size")
            m.delta += double(c.addedSize);
        else if (k == "freed_size")
            m.delta += double(c.removedSize);
        else if (k == "retained")
            m.delta += double(c.retainedDelta);
    }
    return m;
}

/// The classes a tripped diff gate points at: the class itself, or for a whole-heap gate the classes that moved
/// most in the gate's direction (by retained delta for `retained`, else by size delta).
std::vector<uint32_t> offendingClasses(const DiffResult& d, const Gate& g)
{
    std::vector<uint32_t> rows;
    for (uint32_t i = 0; i < d.classes.size(); ++i)
        if (!g.hasClass || d.classes[i].name == g.className)
            rows.push_back(i);
    std::stable_sort(rows.begin(), rows.end(), [&](uint32_t x, uint32_t y) {
        return g.metric == "retained" ? retainedDeltaBefore(d.classes[x], d.classes[y])
                                      : shallowDeltaBefore(d.classes[x], d.classes[y]);
    });
    if (!g.hasClass) {
        const bool growing = g.op == Gate::Op::Greater || g.op == Gate::Op::GreaterEqual;
        if (!growing)
            std::reverse(rows.begin(), rows.end());
    }
    std::vector<uint32_t> out;
    for (const uint32_t i : rows) {
        const ClassDiff& c = d.classes[i];
        if (out.size() < GateResult::kOffendingRows && (g.hasClass || c.inComparison || c.retainedDelta))
            out.push_back(i);
    }
    return out;
}

GateMeasure measureLeaks(const LeakResult& r, const Gate& g)
{
    GateMeasure m;
    if (!g.hasClass) {
        if (g.metric == "leaks")
            m.delta = double(r.clusters.size());
        else if (g.metric == "leaked")
            for (const LeakCluster& c : r.clusters)
                m.delta += c.count;
        else if (g.metric == "growing")
            m.delta = r.growingCount();
        else if (g.metric == "retained") {
            m.delta = double(r.retainedDelta());
            m.base = double(r.totals.front());
        }
        return m;
    }
    m.found = false;
    for (const GrowthSeries& s : r.classes) {
        if (s.name != g.className)
            continue;
        m.found = true;
        if (g.metric == "count") {
            m.delta += double(s.countDelta());
            m.base += s.count.front();
        } else if (g.metric == "retained") {
            m.delta += double(s.retainedDelta());
            m.base += double(s.retained.front());
        } else if (g.metric == "size" || g.metric == "shallow") {
            m.delta += double(s.shallowDelta());
            m.base += double(s.shallow.front());
        } else if (g.metric == "growing") {
            m.delta = std::max(m.delta, s.growsEveryStep() ? 1.0 : 0.0);
        }
    }
    if (g.metric == "leaked")
        for (const auto& [cls, n] : r.leakedByClass)
            if (cls == g.className)
                m.delta = n;
    return m;
}

} // namespace

const GateMetrics& diffGateMetrics()
{
    static const GateMetrics m {
        {
            { "retained", true, true, "total heap size change (head - base)" },
            { "size", true, true, "sum of the Comparison's size delta (shallow)" },
            { "shallow", true, true, "same as size" },
            { "alloc_size", true, true, "bytes of new objects" },
            { "freed_size", true, true, "bytes of deleted objects" },
            { "count", false, true, "object count change" },
            { "new", false, true, "new objects" },
            { "deleted", false, true, "deleted objects" },
            { "leaks", false, false, "objects keeping new memory (leak suspects)" },
        },
        {
            { "count", false, true, "# Delta" },
            { "new", false, true, "# New" },
            { "deleted", false, true, "# Deleted" },
            { "size", true, true, "Size delta (shallow)" },
            { "shallow", true, true, "same as size" },
            { "alloc_size", true, true, "Alloc. size" },
            { "freed_size", true, true, "Freed size" },
            { "retained", true, true, "class retained size change" },
        },
    };
    return m;
}

const GateMetrics& leakGateMetrics()
{
    static const GateMetrics m {
        {
            { "leaks", false, false, "leak clusters" },
            { "leaked", false, false, "objects in leak clusters" },
            { "growing", false, false, "classes growing in every step" },
            { "retained", true, true, "total heap size change (last - first)" },
        },
        {
            { "count", false, true, "count change (last - first)" },
            { "retained", true, true, "class retained size change (last - first)" },
            { "size", true, true, "shallow size change (last - first)" },
            { "shallow", true, true, "same as size" },
            { "leaked", false, false, "leaked objects of the class" },
            { "growing", false, false, "1 when the class grows in every step" },
        },
    };
    return m;
}

std::vector<GateResult> measureDiffGates(const DiffResult& d, const std::vector<Gate>& gates)
{
    std::vector<GateResult> results;
    for (const GateOutcome& o : evaluateGates(gates, [&](const Gate& g) { return measureDiff(d, g); })) {
        GateResult r;
        r.outcome = o;
        const auto* metric = diffGateMetrics().find(o.gate->metric, o.gate->hasClass);
        r.bytes = metric && metric->bytes;
        if (o.tripped) {
            if (o.gate->metric == "leaks" && !o.gate->hasClass) {
                r.kind = OffendingKind::Keeper;
                for (uint32_t i = 0; i < d.newObjects.byDominator.size(); ++i)
                    if (isSuspect(d.newObjects.byDominator[i], d.minSuspectRetained)
                        && r.offending.size() < GateResult::kOffendingRows)
                        r.offending.push_back(i);
            } else {
                r.offending = offendingClasses(d, *o.gate);
            }
        }
        results.push_back(std::move(r));
    }
    return results;
}

std::vector<GateResult> measureLeakGates(const LeakResult& lr, const std::vector<Gate>& gates)
{
    std::vector<GateResult> results;
    for (const GateOutcome& o : evaluateGates(gates, [&](const Gate& g) { return measureLeaks(lr, g); })) {
        GateResult r;
        r.outcome = o;
        const auto* metric = leakGateMetrics().find(o.gate->metric, o.gate->hasClass);
        r.bytes = metric && metric->bytes;
        if (o.tripped) {
            const Gate& g = *o.gate;
            if (!g.hasClass && (g.metric == "leaks" || g.metric == "leaked")) {
                r.kind = OffendingKind::LeakCluster;
                for (uint32_t i = 0; i < lr.clusters.size() && r.offending.size() < GateResult::kOffendingRows; ++i)
                    r.offending.push_back(i);
            } else {
                r.kind = OffendingKind::GrowthSeries;
                for (uint32_t i = 0; i < lr.classes.size() && r.offending.size() < GateResult::kOffendingRows; ++i)
                    if (g.hasClass ? lr.classes[i].name == g.className : lr.classes[i].growsEveryStep())
                        r.offending.push_back(i);
            }
        }
        results.push_back(std::move(r));
    }
    return results;
}

bool anyTripped(const std::vector<GateResult>& results)
{
    return std::any_of(results.begin(), results.end(), [](const GateResult& r) { return r.outcome.tripped; });
}

} // namespace v8scope
