// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "summary.h"

#include "heapanalysis.h"

#include <algorithm>
#include <thread>
#include <unordered_map>

namespace v8scope {

SummaryDraft collectSummary(
    const HeapAnalysis& a, const ClassNames& classes, const std::function<bool(uint32_t)>& filter)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    // Location of each object node (the last record wins, as in DevTools' location map).
    std::vector<uint32_t> locationOf;
    if (!s.locations.empty()) {
        locationOf.assign(n, UINT32_MAX);
        for (uint32_t i = 0; i < s.locations.size(); ++i)
            locationOf[s.locations[i].node] = i;
    }

    // Internal keys: the class id, or for object nodes with a location the "script,line,column,Name" text. Every
    // node has its own location record, so located objects are looked up by (script, line, column, class id)
    // first: the text is built and hashed once per distinct tuple, not once per node. Class ids index a table.
    SummaryDraft d;
    std::vector<ClassAggregate>& aggs = d.rows;
    std::vector<uint32_t> byClass(size_t(classes.rawCount) + classes.added.size(), UINT32_MAX);
    struct LocatedClass
    {
        uint32_t script, line, column, cls;
        bool operator==(const LocatedClass&) const = default;
    };
    struct LocatedClassHash
    {
        size_t operator()(const LocatedClass& k) const
        {
            const uint64_t x = (uint64_t(k.script) << 32 | k.line) * 0x9E3779B97F4A7C15ull;
            const uint64_t y = (uint64_t(k.column) << 32 | k.cls) * 0xC2B2AE3D27D4EB4Full;
            return size_t((x ^ (y >> 29) ^ y) >> 7);
        }
    };
    std::unordered_map<LocatedClass, uint32_t, LocatedClassHash> byLocationClass;
    std::unordered_map<std::string, uint32_t> byLocation;
    d.keyOf.assign(n, UINT32_MAX);
    auto keyFor = [&](uint32_t node) -> uint32_t {
        const uint32_t cls = classes.classId[node];
        if (s.nodeType[node] == s.nodeTypes.object && !locationOf.empty() && locationOf[node] != UINT32_MAX) {
            const auto& loc = s.locations[locationOf[node]];
            const LocatedClass tuple { loc.scriptId, loc.line, loc.column, cls };
            if (auto found = byLocationClass.find(tuple); found != byLocationClass.end())
                return found->second;
            std::string key = std::to_string(loc.scriptId) + "," + std::to_string(loc.line) + ","
                + std::to_string(loc.column) + "," + std::string(classes.nameOf(cls));
            auto [it, inserted] = byLocation.emplace(key, uint32_t(aggs.size()));
            if (inserted) {
                aggs.emplace_back();
                aggs.back().key = std::move(key);
            }
            byLocationClass.emplace(tuple, it->second);
            return it->second;
        }
        if (cls >= byClass.size())
            byClass.resize(size_t(cls) + 1, UINT32_MAX); // not for ids ClassNames hands out
        uint32_t& row = byClass[cls];
        if (row == UINT32_MAX) {
            row = uint32_t(aggs.size());
            aggs.emplace_back();
            aggs.back().key = "," + std::string(classes.nameOf(cls));
        }
        return row;
    };
    for (uint32_t i = 0; i < n; ++i) {
        if (filter && !filter(i))
            continue;
        const uint64_t self = a.selfSize[i];
        if (!self)
            continue;
        const uint32_t k = keyFor(i);
        d.keyOf[i] = k;
        ClassAggregate& agg = aggs[k];
        if (agg.count == 0) {
            agg.name = std::string(classes.className(i));
            agg.distance = a.distance[i];
        } else {
            agg.distance = std::min(agg.distance, a.distance[i]);
        }
        ++agg.count;
        agg.shallow += self;
    }
    return d; // members are filled by finishSummary, exactly sized, after the dominator tree's temporaries are gone
}

namespace {

/// Sorts the members of rows [begin, end) by retained size descending, then id. The keys are copied next to each
/// other first, so that the comparator reads no scattered column.
void sortMembers(
    const HeapAnalysis& a, std::vector<ClassAggregate>& rows, size_t begin, size_t end, const CancelToken* cancel)
{
    struct Key
    {
        uint64_t retained;
        uint32_t id;
        uint32_t node;
    };
    const auto& ids = a.snapshot->nodeId;
    std::vector<Key> keys;
    for (size_t r = begin; r < end; ++r) {
        if (cancel && cancel->cancelled())
            return;
        auto& nodes = rows[r].nodes;
        if (nodes.size() < 2)
            continue;
        keys.resize(nodes.size());
        for (size_t i = 0; i < nodes.size(); ++i)
            keys[i] = { a.retainedSize[nodes[i]], ids[nodes[i]], nodes[i] };
        std::sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) {
            return x.retained != y.retained ? x.retained > y.retained : x.id < y.id;
        });
        for (size_t i = 0; i < nodes.size(); ++i)
            nodes[i] = keys[i].node;
    }
}

/// The first row of the second thread's share: about `share` of all members go to the rows before it.
size_t splitRows(const std::vector<ClassAggregate>& rows, double share)
{
    size_t total = 0;
    for (const ClassAggregate& row : rows)
        total += row.nodes.size();
    size_t split = 0;
    for (size_t seen = 0; split < rows.size() && double(seen) < double(total) * share; ++split)
        seen += rows[split].nodes.size();
    return total < 100000 ? rows.size() : split;
}

void sortRowsOnly(std::vector<ClassAggregate>& rows)
{
    std::sort(rows.begin(), rows.end(), [](const ClassAggregate& x, const ClassAggregate& y) {
        if (x.retained != y.retained)
            return x.retained > y.retained;
        return x.name != y.name ? x.name < y.name : x.key < y.key;
    });
}

} // namespace

std::vector<ClassAggregate> finishSummary(
    const HeapAnalysis& a, SummaryDraft&& draft, bool sorted, const CancelToken* cancel)
{
    std::vector<ClassAggregate>& aggs = draft.rows;
    for (ClassAggregate& agg : aggs)
        agg.nodes.reserve(agg.count);
    for (uint32_t i = 0; i < draft.keyOf.size(); ++i)
        if (const uint32_t k = draft.keyOf[i]; k != UINT32_MAX)
            aggs[k].nodes.push_back(i);
    // The members' order (second thread, most of the rows) while this thread walks the dominator tree, then
    // sorts the rest. The 0.3 share is a first guess (the walk is one pass over every node), not yet tuned.
    const size_t split = sorted ? splitRows(aggs, 0.3) : aggs.size();
    std::thread second;
    if (split < aggs.size())
        second = std::thread([&] { sortMembers(a, aggs, split, aggs.size(), cancel); });
    const std::vector<uint64_t> retained
        = classRetainedSizes(a.root(), a.firstDominated, a.dominated, a.retainedSize, draft.keyOf, aggs.size());
    std::vector<uint32_t>().swap(draft.keyOf);
    for (size_t k = 0; k < aggs.size(); ++k)
        aggs[k].retained = retained[k];
    if (sorted)
        sortMembers(a, aggs, 0, split, cancel);
    if (second.joinable())
        second.join();
    std::vector<ClassAggregate> rows = mergeByPublicKey(std::move(aggs));
    if (sorted)
        sortRowsOnly(rows);
    return rows;
}

std::vector<ClassAggregate> buildSummary(
    const HeapAnalysis& a, const ClassNames& classes, const std::function<bool(uint32_t)>& filter)
{
    return finishSummary(a, collectSummary(a, classes, filter), false);
}

void sortSummaryRows(const HeapAnalysis& a, std::vector<ClassAggregate>& rows, const CancelToken* cancel)
{
    sortRowsOnly(rows);
    const size_t split = splitRows(rows, 0.5);
    std::thread second;
    if (split < rows.size())
        second = std::thread([&] { sortMembers(a, rows, split, rows.size(), cancel); });
    sortMembers(a, rows, 0, split, cancel);
    if (second.joinable())
        second.join();
}

std::vector<ClassAggregate> buildSortedSummary(const HeapAnalysis& a, const ClassNames& classes,
    const std::function<bool(uint32_t)>& filter, const CancelToken* cancel)
{
    return finishSummary(a, collectSummary(a, classes, filter), true, cancel);
}

} // namespace v8scope
