// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// DevTools' Summary filters (the drop-down above the Summary view): the named presets and "Objects allocated
// between snapshots". Each yields the set of nodes the Summary then aggregates (buildSummary's filter).

#include "summary.h"

#include <common/error.h>
#include <common/progress.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace v8scope {

class HeapAnalysis;
struct HeapSnapshot;

/// The presets of DevTools' Summary filter drop-down (HeapSnapshotView.alwaysAvailableFilters), plus All objects.
enum class SummaryFilter : uint8_t
{
    AllObjects,
    DuplicatedStrings, ///< strings whose content another string node has too
    RetainedByDetachedDom, ///< objects reachable from the root only through detached DOM nodes
    RetainedByContexts, ///< objects reachable from the root only through system / Context nodes
    RetainedByConsole, ///< objects reachable only through the DevTools console's globals
    RetainedByEventHandlers, ///< objects reachable only through event handler functions (V8EventListener)
};

/// One preset: the CLI name (`--filter NAME`), DevTools' worker name and its drop-down text.
struct SummaryFilterInfo
{
    SummaryFilter filter;
    std::string_view cliName; ///< "duplicated-strings"
    std::string_view devtoolsName; ///< "duplicatedStrings" (HeapSnapshot.createNamedFilter)
    std::string_view title; ///< "Duplicated strings" (what DevTools' drop-down shows)
};

/// Every preset, All objects first, in DevTools' drop-down order.
const std::vector<SummaryFilterInfo>& summaryFilters();
/// The preset named `name` (its CLI or DevTools name), or nothing.
std::optional<SummaryFilter> parseSummaryFilter(std::string_view name);
const SummaryFilterInfo& summaryFilterInfo(SummaryFilter filter);

/// One bit per node.
class NodeMask
{
public:
    NodeMask() = default;
    explicit NodeMask(uint32_t nodeCount, bool value = false)
        : m_size(nodeCount)
        , m_words((size_t(nodeCount) + 63) / 64, value ? ~uint64_t(0) : 0)
    {
    }
    uint32_t size() const
    {
        return m_size;
    }
    bool test(uint32_t node) const
    {
        return (m_words[node >> 6] >> (node & 63)) & 1;
    }
    void set(uint32_t node)
    {
        m_words[node >> 6] |= uint64_t(1) << (node & 63);
    }
    void reset(uint32_t node)
    {
        m_words[node >> 6] &= ~(uint64_t(1) << (node & 63));
    }
    /// Number of set bits.
    uint32_t count() const;

private:
    uint32_t m_size = 0;
    std::vector<uint64_t> m_words;
};

/// The nodes a preset keeps, computed exactly as DevTools' HeapSnapshot.createNamedFilter does:
/// - DuplicatedStrings: string and concatenated-string nodes with self size > 0, not flattened cons strings (one
///   half empty), whose display name equals another such node's (for strings V8 marks truncated, the length and
///   hash value nodes must match too);
/// - RetainedBy*: a breadth-first walk from the root over non-weak edges that never enters a barrier node (a
///   detached DOM node; a system / Context; an edge from a synthetic node named "... / DevTools console"; an
///   event handler function), then the nodes it did not reach, minus the nodes unreachable anyway (distance -5).
/// AllObjects keeps every node. Polls `control`; a cancelled computation returns an error "cancelled".
Result<NodeMask> computeSummaryFilter(
    const HeapAnalysis& analysis, SummaryFilter filter, const TaskControl& control = {});

/// DevTools' "Objects allocated between snapshots" range: node ids with minExclusive < id <= maxInclusive.
struct NodeIdRange
{
    uint32_t minExclusive = 0;
    uint32_t maxInclusive = UINT32_MAX;
    bool contains(uint32_t id) const
    {
        return id > minExclusive && id <= maxInclusive;
    }
};

/// DevTools' maxJSObjectId: the largest odd node id (JS objects have odd ids), 0 when there is none. The bound
/// "Objects allocated between Snapshot A and Snapshot B" uses: (maxJsObjectId(A), maxJsObjectId(B)].
uint32_t maxJsObjectId(const HeapSnapshot& snapshot);

/// The Summary rows of the nodes that `mask` (when given) and `range` (when given) both keep. DevTools applies one
/// filter at a time; with one of the two this equals its Summary for that drop-down entry. With `sorted`, in
/// sortSummaryRows' order (members too; without a filter a copy of HeapAnalysis::summary), else buildSummary's.
std::vector<ClassAggregate> buildFilteredSummary(const HeapAnalysis& analysis, const NodeMask* mask,
    const std::optional<NodeIdRange>& range, bool sorted = false, const CancelToken* cancel = nullptr);

} // namespace v8scope
