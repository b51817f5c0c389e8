// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapviews.h"

#include <heap/heapanalysis.h>

#include <algorithm>
#include <numeric>

namespace v8scope::report {

namespace {

/// Strict weak order of two Summary rows for `by`.
bool summaryLess(const ClassAggregate& x, const ClassAggregate& y, SummarySort by)
{
    switch (by) {
    case SummarySort::Shallow:
        if (x.shallow != y.shallow)
            return x.shallow > y.shallow;
        break;
    case SummarySort::Count:
        if (x.count != y.count)
            return x.count > y.count;
        break;
    case SummarySort::Distance:
        if (x.distance != y.distance)
            return x.distance < y.distance;
        break;
    case SummarySort::Retained:
        if (x.retained != y.retained)
            return x.retained > y.retained;
        break;
    case SummarySort::Name:
        break;
    }
    return x.name != y.name ? x.name < y.name : x.key < y.key;
}

double percentOfTotal(uint64_t v, double total)
{
    return total > 0 ? 100.0 * double(v) / total : 0.0;
}

} // namespace

std::optional<SummarySort> summarySortFromName(const std::string& name)
{
    if (name == "retained")
        return SummarySort::Retained;
    if (name == "shallow")
        return SummarySort::Shallow;
    if (name == "count")
        return SummarySort::Count;
    if (name == "name")
        return SummarySort::Name;
    if (name == "distance")
        return SummarySort::Distance;
    return std::nullopt;
}

void sortSummary(std::vector<ClassAggregate>& rows, SummarySort by)
{
    std::stable_sort(rows.begin(), rows.end(),
        [by](const ClassAggregate& x, const ClassAggregate& y) { return summaryLess(x, y, by); });
}

Table summaryTable(const HeapAnalysis& a, const std::vector<ClassAggregate>& rows, const SummaryViewOptions& o)
{
    Table t({
        { "class", "Class", Unit::Text, "Constructor or class name, as DevTools groups objects" },
        { "key", "Key", Unit::Text, "DevTools' class key: \",Name\" or \"scriptId,line,column,Name\"" },
        { "distance", "Distance", Unit::Distance, "Fewest edges from a GC root to any object of the class" },
        { "count", "Count", Unit::Count, "Objects of the class" },
        { "shallow", "Shallow", Unit::Bytes, "Sum of the objects' own sizes" },
        { "shallow_pct", "%", Unit::Percent, "Shallow size as a percentage of the total heap size" },
        { "retained", "Retained", Unit::Bytes, "Memory freed if every object of the class were gone" },
        { "retained_pct", "%", Unit::Percent, "Retained size as a percentage of the total heap size" },
    });
    t.displayColumns = { 0, 2, 3, 4, 5, 6, 7 };
    t.dataColumns = { 0, 3, 4, 6, 2 };
    t.jsonColumns = { 0, 1, 3, 4, 6, 2 };
    t.jsonMeta = { { "file", a.snapshot->sourceName }, { "total_size", uint64_t(a.totalSize()) } };
    t.jsonRowsKey = "classes";
    t.name = "summary";

    std::vector<size_t> order(rows.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(
        order.begin(), order.end(), [&](size_t x, size_t y) { return summaryLess(rows[x], rows[y], o.sort); });
    if (o.top && order.size() > o.top)
        order.resize(o.top);
    const double total = double(a.totalSize());
    for (const size_t i : order) {
        const ClassAggregate& r = rows[i];
        t.addRow({ r.name, r.key, int64_t(r.distance), uint64_t(r.count), r.shallow, percentOfTotal(r.shallow, total),
            r.retained, percentOfTotal(r.retained, total) });
        t.rowKeys.push_back(i);
    }
    return t;
}

} // namespace v8scope::report
