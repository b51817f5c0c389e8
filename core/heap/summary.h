// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "classnames.h"

#include <common/column.h>
#include <common/progress.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace v8scope {

class HeapAnalysis;

/// One row of DevTools' Summary view: the objects of one class key.
struct ClassAggregate
{
    std::string name; ///< class name
    std::string key; ///< DevTools' public class key: ",Name" or "scriptId,line,column,Name"
    uint32_t count = 0;
    uint64_t shallow = 0; ///< sum of (reassigned) self sizes, bytes
    uint64_t retained = 0; ///< DevTools maxRet: retained sizes of members not nested inside another member
    int32_t distance = 0; ///< minimum distance of the members
    /// Member ordinals: in file order from buildSummary; biggest retained size first (then id ascending) after
    /// sortSummaryRows (HeapAnalysis::summary, the order a Summary class expands in).
    Column<uint32_t> nodes;

    /// The row without its members (what a table of totals or a growth series keeps).
    ClassAggregate totalsOnly() const
    {
        return ClassAggregate { name, key, count, shallow, retained, distance, {} };
    }
};

/// DevTools turns its internal class keys (string indices, location texts) into public keys by text; where two
/// internal keys have the same text, the later aggregate replaces the earlier one in the earlier one's place
/// (getAggregatesByClassKey assigns them into one object in insertion order). `T` has a `key` string.
template <class T> std::vector<T> mergeByPublicKey(std::vector<T>&& aggregates)
{
    std::unordered_map<std::string, size_t> byKey;
    std::vector<T> result;
    result.reserve(aggregates.size());
    for (T& agg : aggregates) {
        auto [it, inserted] = byKey.emplace(agg.key, result.size());
        if (inserted)
            result.push_back(std::move(agg));
        else
            result[it->second] = std::move(agg);
    }
    return result;
}

/// How many pops ahead classRetainedSizes prefetches a node's entries.
inline constexpr size_t kClassWalkAhead = 8;

/// DevTools' calculateClassesRetainedSize, the one copy (the Summary and the comparison's class aggregates): per
/// class key, the sum of the retained sizes of its members that have no dominator-tree ancestor of the same key
/// (nested instances are not counted twice). The dominator tree is CSR (`firstDominated`, nodeCount + 1 offsets into
/// `dominated`); `keyOf[node]` is the node's key, or its type's maximum (UINT32_MAX, UINT16_MAX) for none: a vector
/// or span of uint32_t or uint16_t (RowKeys::visit). An iterative DFS from `root`.
/// `retainedSize[node]` is a uint64_t: a SizeColumn, or a plain array.
template <typename Sizes, typename Keys>
std::vector<uint64_t> classRetainedSizes(uint32_t root, std::span<const uint32_t> firstDominated,
    std::span<const uint32_t> dominated, const Sizes& retainedSize, const Keys& keyOf, size_t keyCount)
{
    using Key = std::remove_cvref_t<decltype(keyOf[0])>;
    static_assert(std::is_same_v<Key, uint32_t> || std::is_same_v<Key, uint16_t>);
    constexpr Key kNone = std::numeric_limits<Key>::max();
    // Markers on a stack of (key, stack height) pairs: a key is "seen" while the DFS is inside a member's subtree.
    std::vector<uint64_t> retained(keyCount, 0);
    std::vector<uint8_t> seen(keyCount, 0);
    std::vector<uint32_t> list { root };
    std::vector<size_t> sizes { SIZE_MAX };
    std::vector<uint32_t> seenKeys;
    while (!list.empty()) {
        // The walk jumps across the arrays (a cache miss per node and array): the node popped a few pops from now
        // (usually a leaf: most nodes are) has its entries fetched ahead.
        if (list.size() > kClassWalkAhead) {
            const uint32_t ahead = list[list.size() - kClassWalkAhead];
            __builtin_prefetch(&keyOf[ahead]);
            __builtin_prefetch(&firstDominated[ahead]);
            if constexpr (requires { retainedSize.low(); })
                __builtin_prefetch(retainedSize.low().data() + ahead);
        }
        const uint32_t node = list.back();
        list.pop_back();
        const Key k = keyOf[node];
        const uint32_t from = firstDominated[node], to = firstDominated[node + 1];
        if (k != kNone && !seen[k]) {
            retained[k] += retainedSize[node];
            if (from != to) {
                seen[k] = 1;
                sizes.push_back(list.size());
                seenKeys.push_back(k);
            }
        }
        for (uint32_t i = from; i < to; ++i)
            list.push_back(dominated[i]);
        while (sizes.back() == list.size()) {
            sizes.pop_back();
            seen[seenKeys.back()] = 0;
            seenKeys.pop_back();
        }
    }
    return retained;
}

/// DevTools' buildAggregates + calculateClassesRetainedSize + public-key conversion: one row per class key,
/// skipping nodes with self size 0. `classes` is usually analysis.classes; a comparison passes the base
/// snapshot re-classified with the other snapshot's object shapes. `filter` (optional) keeps only matching
/// nodes, as DevTools' Summary filters do.
std::vector<ClassAggregate> buildSummary(
    const HeapAnalysis& analysis, const ClassNames& classes, const std::function<bool(uint32_t)>& filter = {});

/// buildSummary in two steps, so that HeapAnalysis::analyze can run the first beside the dominator tree: the class
/// key of every node, counts, shallow sizes and distances need the classes, distances and reassigned self sizes
/// only; the class retained sizes and the members' order need the dominator tree and retained sizes (the member
/// lists are built then too, when the tree's temporaries are freed: beside it they would raise the peak).
/// Per node: its Summary row, or none. 2 bytes a node while there are fewer than 65,535 rows (nearly always: a row
/// is a class key), widened once to 4 bytes when a row index reaches 65,535. The Summary's end-of-analysis peak
/// holds this column beside the members: the narrow form is 7 MB less at 300 MB, 23 MB less at 1 GB.
class RowKeys
{
public:
    static constexpr uint32_t kNone = UINT32_MAX;
    static constexpr uint16_t kNarrowNone = UINT16_MAX;

    /// n nodes, none with a row; narrow.
    void assignNone(size_t n);
    /// Node i's row (kNone for none); widens the column when `row` does not fit the narrow form.
    void set(size_t i, uint32_t row)
    {
        if (!m_wide.empty())
            m_wide[i] = row;
        else if (row < kNarrowNone)
            m_narrow[i] = uint16_t(row);
        else
            setWide(i, row);
    }
    uint32_t operator[](size_t i) const
    {
        if (!m_wide.empty())
            return m_wide[i];
        const uint16_t k = m_narrow[i];
        return k == kNarrowNone ? kNone : k;
    }
    size_t size() const
    {
        return m_wide.empty() ? m_narrow.size() : m_wide.size();
    }
    bool wide() const
    {
        return !m_wide.empty();
    }
    /// Calls f with the column as std::span<const uint16_t> (none = UINT16_MAX) or std::span<const uint32_t>
    /// (none = UINT32_MAX): loops over every node read it without a branch per node.
    template <typename F> decltype(auto) visit(F&& f) const
    {
        if (!m_wide.empty())
            return f(std::span<const uint32_t>(m_wide));
        return f(std::span<const uint16_t>(m_narrow));
    }
    /// Frees the column.
    void clear();

private:
    void setWide(size_t i, uint32_t row);
    std::vector<uint16_t> m_narrow;
    std::vector<uint32_t> m_wide; ///< non-empty once widened (a column of no nodes is never widened)
};

struct SummaryDraft
{
    std::vector<ClassAggregate> rows; ///< one per internal key: totals and distance; members and retained not yet set
    RowKeys keyOf; ///< per node: its row, or RowKeys::kNone (filtered out, self size 0)
};
SummaryDraft collectSummary(
    const HeapAnalysis& analysis, const ClassNames& classes, const std::function<bool(uint32_t)>& filter = {});
/// The members (file order, each list allocated at its exact size), class retained sizes and DevTools'
/// public-key merge (buildSummary's rows). With `sorted`, also the Summary's order (sortSummaryRows), the members'
/// order sorted by both threads (MemberSorter), the second starting while this one walks the dominator tree.
/// `draft.keyOf` is freed on return.
/// Stops early (partial rows) when `cancel` is set.
std::vector<ClassAggregate> finishSummary(
    const HeapAnalysis& analysis, SummaryDraft&& draft, bool sorted, const CancelToken* cancel = nullptr);

/// finishSummary's parts, which HeapAnalysis::analyze spreads over its two threads. fillSummaryMembers: each row's
/// members in file order (needs draft.keyOf only). setClassRetainedSizes: each row's retained size (needs the
/// dominator tree; reads draft.keyOf, which the caller frees after both). MemberSorter: the members' order (needs
/// the retained sizes). mergeSummaryRows: the public-key merge and, with `sorted`, the rows' order.
void fillSummaryMembers(SummaryDraft& draft);
void setClassRetainedSizes(const HeapAnalysis& analysis, SummaryDraft& draft);
std::vector<ClassAggregate> mergeSummaryRows(std::vector<ClassAggregate>&& rows, bool sorted);

/// Sorts every row's members (retained size descending, then id ascending) on all the threads that call run()
/// (each takes the next task from a shared counter until none is left). Tasks are whole rows, biggest first; a
/// row holding more than a sixteenth of all members is split into chunks of about that size, merged by the thread
/// that sorts the last one. `rows` must outlive the sorter; their member lists must not change meanwhile.
class MemberSorter
{
public:
    explicit MemberSorter(std::vector<ClassAggregate>& rows);
    ~MemberSorter();
    MemberSorter(const MemberSorter&) = delete;
    MemberSorter& operator=(const MemberSorter&) = delete;
    void run(const HeapAnalysis& analysis, const CancelToken* cancel = nullptr);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

/// The Summary's order, the one the viewer shows and HeapAnalysis::summary is stored in: rows by retained size
/// descending, then name, then key (a total order: keys are unique); each row's members by retained size
/// descending, then id ascending (what expanding a class lists). The members are sorted on two threads.
void sortSummaryRows(
    const HeapAnalysis& analysis, std::vector<ClassAggregate>& rows, const CancelToken* cancel = nullptr);

/// sortSummaryRows' members' order only (the rows keep theirs); member lists mapped from the cache are copied first.
void sortMembers(const HeapAnalysis& analysis, std::vector<ClassAggregate>& rows, const CancelToken* cancel = nullptr);

/// Sorts HeapAnalysis::summary's members (sortMembers) when analyze() left them in file order; true when they are
/// sorted on return (false when `cancel` stopped it: the order is then partial and summaryMembersSorted false).
bool sortSummaryMembers(HeapAnalysis& analysis, const CancelToken* cancel = nullptr);

/// buildSummary's rows in sortSummaryRows's order (the viewer's filtered Summaries).
std::vector<ClassAggregate> buildSortedSummary(const HeapAnalysis& analysis, const ClassNames& classes,
    const std::function<bool(uint32_t)>& filter = {}, const CancelToken* cancel = nullptr);

} // namespace v8scope
