// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "summary.h"

#include "heapanalysis.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace v8scope {

void RowKeys::assignNone(size_t n)
{
    std::vector<uint32_t>().swap(m_wide);
    m_narrow.assign(n, kNarrowNone);
}

void RowKeys::setWide(size_t i, uint32_t row)
{
    m_wide.resize(m_narrow.size());
    for (size_t j = 0; j < m_narrow.size(); ++j)
        m_wide[j] = m_narrow[j] == kNarrowNone ? kNone : m_narrow[j];
    std::vector<uint16_t>().swap(m_narrow);
    m_wide[i] = row;
}

void RowKeys::clear()
{
    std::vector<uint16_t>().swap(m_narrow);
    std::vector<uint32_t>().swap(m_wide);
}

SummaryDraft collectSummary(
    const HeapAnalysis& a, const ClassNames& classes, const std::function<bool(uint32_t)>& filter)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    // Internal keys: the class id, or for object nodes with a location the "script,line,column,Name" text (the
    // node's last location record wins, as in DevTools' location map). The records are sorted by node, so a cursor
    // walks them alongside the node loop. Located objects are looked up by (site, class id) first, so the text is
    // built and hashed once per distinct pair, not once per node: per site the first class seen answers directly
    // (a site is one allocating function, nearly always of one class), other pairs go through a hash map.
    SummaryDraft d;
    std::vector<ClassAggregate>& aggs = d.rows;
    std::vector<uint32_t> byClass(size_t(classes.rawCount) + classes.added.size(), UINT32_MAX);
    struct SiteClass
    {
        uint32_t cls = UINT32_MAX, key = UINT32_MAX;
    };
    std::vector<SiteClass> bySite(s.locationSites.size());
    std::unordered_map<uint64_t, uint32_t> bySiteClass; // site << 32 | class id, for a site's other classes
    std::unordered_map<std::string, uint32_t> byLocation;
    LocationCursor cursor(s.locations);
    d.keyOf.assignNone(n);
    auto locatedKey = [&](uint32_t site, uint32_t cls) -> uint32_t {
        const HeapSnapshot::LocationSite& loc = s.locationSites[site];
        std::string key = std::to_string(loc.scriptId) + "," + std::to_string(loc.line) + ","
            + std::to_string(loc.column) + "," + std::string(classes.nameOf(cls));
        auto [it, inserted] = byLocation.emplace(key, uint32_t(aggs.size()));
        if (inserted) {
            aggs.emplace_back();
            aggs.back().key = std::move(key);
        }
        return it->second;
    };
    auto keyFor = [&](uint32_t node) -> uint32_t {
        const uint32_t cls = classes.classId[node];
        if (s.nodeType[node] == s.nodeTypes.object) {
            if (const uint32_t site = cursor.site(node); site != LocationCursor::kNone) {
                SiteClass& first = bySite[site];
                if (first.key == UINT32_MAX)
                    first = { cls, locatedKey(site, cls) };
                if (first.cls == cls)
                    return first.key;
                const uint64_t pair = uint64_t(site) << 32 | cls;
                if (auto found = bySiteClass.find(pair); found != bySiteClass.end())
                    return found->second;
                const uint32_t k = locatedKey(site, cls);
                bySiteClass.emplace(pair, k);
                return k;
            }
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
        d.keyOf.set(i, k);
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

struct MemberKey
{
    uint64_t retained;
    uint32_t id;
    uint32_t node;
};

/// The members' order: retained size descending, then id ascending (a total order: ids are unique).
bool memberBefore(const MemberKey& x, const MemberKey& y)
{
    return x.retained != y.retained ? x.retained > y.retained : x.id < y.id;
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

void fillSummaryMembers(SummaryDraft& draft)
{
    std::vector<ClassAggregate>& aggs = draft.rows;
    std::vector<uint32_t*> cursor(aggs.size());
    for (size_t k = 0; k < aggs.size(); ++k) {
        aggs[k].nodes.resizeForOverwrite(aggs[k].count); // written in full below: count members have the key
        cursor[k] = aggs[k].nodes.data();
    }
    draft.keyOf.visit([&](auto keyOf) {
        constexpr auto kNone = std::numeric_limits<typename decltype(keyOf)::value_type>::max();
        const uint32_t n = uint32_t(keyOf.size());
        for (uint32_t i = 0; i < n; ++i)
            if (const auto k = keyOf[i]; k != kNone)
                *cursor[k]++ = i;
    });
}

void setClassRetainedSizes(const HeapAnalysis& a, SummaryDraft& draft)
{
    const std::vector<uint64_t> retained = draft.keyOf.visit([&](auto keyOf) {
        return classRetainedSizes(a.root(), a.firstDominated, a.dominated, a.retainedSize, keyOf, draft.rows.size());
    });
    for (size_t k = 0; k < draft.rows.size(); ++k)
        draft.rows[k].retained = retained[k];
}

struct MemberSorter::Impl
{
    /// A row sorted in chunks: each chunk's keys sorted in place in `keys`, then merged into the row's members.
    struct Split
    {
        std::unique_ptr<MemberKey[]> keys; ///< allocated by the first chunk's thread, freed after the merge
        std::once_flag allocated;
        std::atomic<uint32_t> pending { 0 }; ///< chunks not yet sorted
        std::vector<size_t> bounds; ///< chunk c is [bounds[c], bounds[c + 1])
    };
    struct Task
    {
        uint32_t row;
        uint32_t split; ///< index into splits, or UINT32_MAX for a whole row
        size_t begin, end;
    };
    std::vector<ClassAggregate>& rows;
    std::vector<Task> tasks; ///< biggest first
    std::vector<std::unique_ptr<Split>> splits;
    std::atomic<size_t> next { 0 };

    explicit Impl(std::vector<ClassAggregate>& r)
        : rows(r)
    {
    }

    void fill(const HeapAnalysis& a, const Column<uint32_t>& nodes, size_t begin, size_t end, MemberKey* keys) const
    {
        const auto& ids = a.snapshot->nodeId;
        for (size_t i = begin; i < end; ++i)
            keys[i - begin] = { a.retainedSize[nodes[i]], ids[nodes[i]], nodes[i] };
        std::sort(keys, keys + (end - begin), memberBefore);
    }

    /// Merges a split row's sorted chunks into its members (a k-way merge over a small heap of chunk heads).
    static void merge(Split& split, Column<uint32_t>& nodes)
    {
        const MemberKey* x = split.keys.get();
        const size_t chunks = split.bounds.size() - 1;
        std::vector<size_t> head(split.bounds.begin(), split.bounds.end() - 1);
        std::vector<uint32_t> heap; // chunk indices; the top's head key comes first in the members' order
        auto later = [&](uint32_t c, uint32_t d) { return memberBefore(x[head[d]], x[head[c]]); };
        for (uint32_t c = 0; c < chunks; ++c)
            if (head[c] < split.bounds[c + 1])
                heap.push_back(c);
        std::make_heap(heap.begin(), heap.end(), later);
        size_t k = 0;
        while (!heap.empty()) {
            std::pop_heap(heap.begin(), heap.end(), later);
            const uint32_t c = heap.back();
            nodes[k++] = x[head[c]++].node;
            if (head[c] < split.bounds[c + 1])
                std::push_heap(heap.begin(), heap.end(), later);
            else
                heap.pop_back();
        }
    }

    void run(const HeapAnalysis& a, const CancelToken* cancel)
    {
        std::vector<MemberKey> own; // this thread's keys for whole rows (biggest first: allocated once)
        for (size_t t; (t = next.fetch_add(1, std::memory_order_relaxed)) < tasks.size();) {
            if (cancel && cancel->cancelled())
                return;
            const Task& task = tasks[t];
            Column<uint32_t>& nodes = rows[task.row].nodes;
            if (task.split == UINT32_MAX) {
                own.resize(nodes.size());
                fill(a, nodes, 0, nodes.size(), own.data());
                for (size_t i = 0; i < nodes.size(); ++i)
                    nodes[i] = own[i].node;
                continue;
            }
            Split& split = *splits[task.split];
            std::call_once(split.allocated,
                [&] { split.keys = std::make_unique_for_overwrite<MemberKey[]>(split.bounds.back()); });
            fill(a, nodes, task.begin, task.end, split.keys.get() + task.begin);
            if (split.pending.fetch_sub(1, std::memory_order_acq_rel) != 1)
                continue; // other chunks are still being sorted: the thread that sorts the last one merges
            merge(split, nodes);
            split.keys.reset();
        }
    }
};

MemberSorter::MemberSorter(std::vector<ClassAggregate>& rows)
    : m(std::make_unique<Impl>(rows))
{
    size_t total = 0;
    for (const ClassAggregate& row : rows)
        total += row.nodes.size();
    // A big row would keep one thread busy while the other has run out of rows: a row of more than a sixteenth
    // of all members is sorted in chunks of about that size (on whichever thread is free), then merged.
    const size_t chunk = std::max<size_t>(total / 16, 100000);
    for (uint32_t r = 0; r < rows.size(); ++r) {
        const size_t n = rows[r].nodes.size();
        if (n < 2)
            continue;
        if (n <= chunk) {
            m->tasks.push_back({ r, UINT32_MAX, 0, n });
            continue;
        }
        auto split = std::make_unique<Impl::Split>();
        const size_t chunks = (n + chunk - 1) / chunk;
        split->pending = uint32_t(chunks);
        const uint32_t index = uint32_t(m->splits.size());
        for (size_t c = 0; c <= chunks; ++c)
            split->bounds.push_back(n * c / chunks);
        for (size_t c = 0; c < chunks; ++c)
            m->tasks.push_back({ r, index, split->bounds[c], split->bounds[c + 1] });
        m->splits.push_back(std::move(split));
    }
    // Biggest rows first, a split row's chunks one after the other (so that few rows' keys are allocated at once).
    std::stable_sort(m->tasks.begin(), m->tasks.end(),
        [&](const Impl::Task& x, const Impl::Task& y) { return rows[x.row].nodes.size() > rows[y.row].nodes.size(); });
}

MemberSorter::~MemberSorter() = default;

void MemberSorter::run(const HeapAnalysis& analysis, const CancelToken* cancel)
{
    m->run(analysis, cancel);
}

std::vector<ClassAggregate> mergeSummaryRows(std::vector<ClassAggregate>&& rows, bool sorted)
{
    std::vector<ClassAggregate> merged = mergeByPublicKey(std::move(rows));
    if (sorted)
        sortRowsOnly(merged);
    return merged;
}

std::vector<ClassAggregate> finishSummary(
    const HeapAnalysis& a, SummaryDraft&& draft, bool sorted, const CancelToken* cancel)
{
    fillSummaryMembers(draft);
    // The members' order (second thread, most of the rows) while this thread walks the dominator tree, then
    // sorts the rest: both threads take the rows biggest first from one counter.
    std::optional<MemberSorter> sorter;
    std::thread second;
    if (sorted) {
        sorter.emplace(draft.rows);
        if (a.nodeCount() >= 100000)
            second = std::thread([&] { sorter->run(a, cancel); });
    }
    setClassRetainedSizes(a, draft);
    draft.keyOf.clear();
    if (sorted)
        sorter->run(a, cancel);
    if (second.joinable())
        second.join();
    return mergeSummaryRows(std::move(draft.rows), sorted);
}

std::vector<ClassAggregate> buildSummary(
    const HeapAnalysis& a, const ClassNames& classes, const std::function<bool(uint32_t)>& filter)
{
    return finishSummary(a, collectSummary(a, classes, filter), false);
}

void sortMembers(const HeapAnalysis& a, std::vector<ClassAggregate>& rows, const CancelToken* cancel)
{
    size_t members = 0;
    for (ClassAggregate& row : rows) {
        (void)row.nodes.data(); // the writable view: a list mapped from the analysis cache is copied first
        members += row.nodes.size();
    }
    MemberSorter sorter(rows);
    std::thread second;
    if (members >= 100000)
        second = std::thread([&] { sorter.run(a, cancel); });
    sorter.run(a, cancel);
    if (second.joinable())
        second.join();
}

void sortSummaryRows(const HeapAnalysis& a, std::vector<ClassAggregate>& rows, const CancelToken* cancel)
{
    sortRowsOnly(rows);
    sortMembers(a, rows, cancel);
}

bool sortSummaryMembers(HeapAnalysis& a, const CancelToken* cancel)
{
    if (a.summaryMembersSorted)
        return true;
    sortMembers(a, a.summary, cancel);
    a.summaryMembersSorted = !(cancel && cancel->cancelled());
    return a.summaryMembersSorted;
}

std::vector<ClassAggregate> buildSortedSummary(const HeapAnalysis& a, const ClassNames& classes,
    const std::function<bool(uint32_t)>& filter, const CancelToken* cancel)
{
    return finishSummary(a, collectSummary(a, classes, filter), true, cancel);
}

} // namespace v8scope
