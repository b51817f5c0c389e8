// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "filters.h"

#include "containment.h"
#include "heapanalysis.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>
#include <unordered_map>

namespace v8scope {

namespace {

bool stop(const TaskControl& control, uint64_t iteration)
{
    return (iteration & 0xFFFF) == 0 && control.cancelled();
}

/// HeapSnapshotNode.findInternalEdgeTarget: the target of the first internal edge named `name`.
uint32_t internalEdgeTarget(const HeapSnapshot& s, uint32_t node, std::string_view name)
{
    for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e)
        if (s.edgeType[e] == s.edgeTypes.internal && s.strings.get(s.edgeNameOrIndex[e]) == name)
            return s.edgeTarget[e];
    return UINT32_MAX;
}

/// nodeValueAsInt / nodeValueAsBool: a number node named "int" or "bool" whose internal "value" edge leads to
/// the value's text.
std::optional<double> intValue(const HeapSnapshot& s, uint32_t node)
{
    if (node == UINT32_MAX || s.nodeType[node] != s.nodeTypes.number || s.nodeNameView(node) != "int")
        return std::nullopt;
    const uint32_t v = internalEdgeTarget(s, node, "value");
    if (v == UINT32_MAX)
        return std::nullopt;
    return jsParseInt(s.nodeNameView(v));
}
bool isTrue(const HeapSnapshot& s, uint32_t node)
{
    if (node == UINT32_MAX || s.nodeType[node] != s.nodeTypes.number || s.nodeNameView(node) != "bool")
        return false;
    const uint32_t v = internalEdgeTarget(s, node, "value");
    return v != UINT32_MAX && s.nodeNameView(v) == "true";
}

/// Whether DevTools' node.name() is empty: display names of plain objects ("{…}") never are.
bool displayNameEmpty(const HeapAnalysis& a, uint32_t node)
{
    const HeapSnapshot& s = *a.snapshot;
    if (s.nodeType[node] == s.nodeTypes.consString)
        return a.displayName(node).empty();
    if (s.nodeType[node] == s.nodeTypes.object && s.nodeNameView(node) == "Object")
        return false;
    return a.name(node).empty();
}

/// HeapSnapshotNode.isFlatConsString: a cons string one of whose halves ("first"/"second") is empty.
bool isFlatConsString(const HeapAnalysis& a, uint32_t node)
{
    const HeapSnapshot& s = *a.snapshot;
    if (s.nodeType[node] != s.nodeTypes.consString)
        return false;
    for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e) {
        if (s.edgeType[e] != s.edgeTypes.internal)
            continue;
        const std::string_view n = s.strings.get(s.edgeNameOrIndex[e]);
        if ((n == "first" || n == "second") && displayNameEmpty(a, s.edgeTarget[e]))
            return true;
    }
    return false;
}

/// createDuplicatedStringsFilter. DevTools keeps a map from each string's text to its first node and marks every
/// later node with the same text, and the first one: that is, every member of a group of two or more nodes with
/// equal text (truncated strings: equal text, length and hash). Holding every text at once could take a gigabyte
/// (cons strings flatten to up to 1024 characters each), so this groups by a 64-bit hash first and compares texts
/// only within a run of equal hashes.
NodeMask duplicatedStrings(const HeapAnalysis& a, const TaskControl& control, bool& cancelled)
{
    const HeapSnapshot& s = *a.snapshot;
    NodeMask mask(s.nodeCount);
    struct Key
    {
        std::string text; ///< flattened for cons strings
        bool truncated = false;
        std::optional<double> length, hash;
        bool operator==(const Key&) const = default;
    };
    auto keyOf = [&](uint32_t node) {
        Key k;
        k.text = s.nodeType[node] == s.nodeTypes.consString ? a.displayName(node) : std::string(a.name(node));
        k.truncated = isTrue(s, internalEdgeTarget(s, node, "truncated"));
        if (k.truncated) {
            k.length = intValue(s, internalEdgeTarget(s, node, "length"));
            k.hash = intValue(s, internalEdgeTarget(s, node, "hash"));
        }
        return k;
    };
    auto hashOf = [](const Key& k) {
        uint64_t h = std::hash<std::string> {}(k.text);
        if (k.truncated) {
            auto mix = [&](const std::optional<double>& v) {
                h = (h ^ (v ? std::hash<double> {}(*v) + 1 : 0)) * 0x9E3779B97F4A7C15ull;
            };
            mix(k.length);
            mix(k.hash);
            h ^= 0x5bd1e995;
        }
        return h;
    };
    struct Candidate
    {
        uint64_t hash;
        uint32_t node;
    };
    std::vector<Candidate> candidates;
    for (uint32_t i = 0; i < s.nodeCount; ++i) {
        if (stop(control, i)) {
            cancelled = true;
            return mask;
        }
        const int type = s.nodeType[i];
        if (type != s.nodeTypes.string && type != s.nodeTypes.consString)
            continue;
        if (isFlatConsString(a, i) || a.selfSize[i] == 0)
            continue;
        candidates.push_back({ hashOf(keyOf(i)), i });
    }
    std::sort(candidates.begin(), candidates.end(),
        [](const Candidate& x, const Candidate& y) { return x.hash != y.hash ? x.hash < y.hash : x.node < y.node; });
    std::vector<Key> distinct;
    std::vector<std::vector<uint32_t>> members;
    for (size_t from = 0; from < candidates.size();) {
        size_t to = from + 1;
        while (to < candidates.size() && candidates[to].hash == candidates[from].hash)
            ++to;
        if (to - from > 1) {
            distinct.clear();
            members.clear();
            for (size_t i = from; i < to; ++i) {
                Key k = keyOf(candidates[i].node);
                size_t g = 0;
                while (g < distinct.size() && !(distinct[g] == k))
                    ++g;
                if (g == distinct.size()) {
                    distinct.push_back(std::move(k));
                    members.emplace_back();
                }
                members[g].push_back(candidates[i].node);
            }
            for (const auto& group : members)
                if (group.size() > 1)
                    for (uint32_t node : group)
                        mask.set(node);
        }
        from = to;
    }
    return mask;
}

/// The "traverse" of createNamedFilter: BFS from the root over non-weak edges that `enter(source, edge)` allows;
/// then the kept nodes are the ones not reached and not unreachable anyway (markUnreachableNodes).
template <class Enter>
NodeMask retainedOnlyThrough(const HeapAnalysis& a, Enter enter, const TaskControl& control, bool& cancelled)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    std::vector<uint8_t> reached(n, 0);
    std::vector<uint32_t> queue;
    queue.reserve(1024);
    queue.push_back(a.root());
    reached[a.root()] = 1;
    const int weak = s.edgeTypes.weak;
    for (size_t head = 0; head < queue.size(); ++head) {
        if (stop(control, head)) {
            cancelled = true;
            return NodeMask(n);
        }
        const uint32_t node = queue[head];
        for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e) {
            if (s.edgeType[e] == weak)
                continue;
            const uint32_t to = s.edgeTarget[e];
            if (reached[to] || !enter(node, e, to))
                continue;
            reached[to] = 1;
            queue.push_back(to);
        }
    }
    NodeMask mask(n);
    for (uint32_t i = 0; i < n; ++i)
        if (!reached[i] && a.distance[i] != HeapAnalysis::kNoDistance)
            mask.set(i);
    return mask;
}

bool isContextObject(const HeapAnalysis& a, uint32_t node)
{
    const std::string_view name = a.name(node);
    return name == "system / Context" || name.starts_with("system / Context / ");
}

/// HeapSnapshot.getEdgeTarget: the target of the first edge (any type) whose DevTools name is `name`.
uint32_t namedEdgeTarget(const HeapSnapshot& s, uint32_t node, std::string_view name)
{
    for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e)
        if (edgeNameEquals(s, e, name))
            return s.edgeTarget[e];
    return UINT32_MAX;
}

/// The event handler functions of objectsRetainedByEventHandlers: per V8EventListener, its callback (edge "1")
/// when that has a "code" edge, else the first child of the callback that has one, else the callback.
std::vector<uint8_t> eventHandlers(const HeapAnalysis& a)
{
    const HeapSnapshot& s = *a.snapshot;
    std::vector<uint8_t> handler(s.nodeCount, 0);
    for (uint32_t i = 0; i < s.nodeCount; ++i) {
        if (a.name(i) != "V8EventListener")
            continue;
        const uint32_t callback = namedEdgeTarget(s, i, "1");
        if (callback == UINT32_MAX)
            continue;
        if (namedEdgeTarget(s, callback, "code") != UINT32_MAX) {
            handler[callback] = 1;
            continue;
        }
        bool found = false;
        for (uint32_t e = s.firstEdge[callback]; e < s.firstEdge[callback + 1]; ++e) {
            const uint32_t child = s.edgeTarget[e];
            if (namedEdgeTarget(s, child, "code") != UINT32_MAX) {
                handler[child] = 1;
                found = true;
                break;
            }
        }
        if (!found)
            handler[callback] = 1;
    }
    return handler;
}

} // namespace

uint32_t NodeMask::count() const
{
    uint32_t c = 0;
    for (uint64_t w : m_words)
        c += uint32_t(std::popcount(w));
    return c;
}

const std::vector<SummaryFilterInfo>& summaryFilters()
{
    static const std::vector<SummaryFilterInfo> k {
        { SummaryFilter::AllObjects, "all", "", "All objects" },
        { SummaryFilter::DuplicatedStrings, "duplicated-strings", "duplicatedStrings", "Duplicated strings" },
        { SummaryFilter::RetainedByDetachedDom, "detached-dom", "objectsRetainedByDetachedDomNodes",
            "Objects retained by detached DOM nodes" },
        { SummaryFilter::RetainedByContexts, "contexts", "objectsRetainedByContexts", "Objects retained by contexts" },
        { SummaryFilter::RetainedByConsole, "console", "objectsRetainedByConsole",
            "Objects retained by the DevTools Console" },
        { SummaryFilter::RetainedByEventHandlers, "event-handlers", "objectsRetainedByEventHandlers",
            "Objects retained by event handlers" },
    };
    return k;
}

std::optional<SummaryFilter> parseSummaryFilter(std::string_view name)
{
    for (const SummaryFilterInfo& f : summaryFilters())
        if (name == f.cliName || (!f.devtoolsName.empty() && name == f.devtoolsName))
            return f.filter;
    return std::nullopt;
}

const SummaryFilterInfo& summaryFilterInfo(SummaryFilter filter)
{
    for (const SummaryFilterInfo& f : summaryFilters())
        if (f.filter == filter)
            return f;
    return summaryFilters().front();
}

Result<NodeMask> computeSummaryFilter(const HeapAnalysis& a, SummaryFilter filter, const TaskControl& control)
{
    const HeapSnapshot& s = *a.snapshot;
    bool cancelled = control.cancelled();
    NodeMask mask;
    if (!cancelled) {
        switch (filter) {
        case SummaryFilter::AllObjects:
            mask = NodeMask(s.nodeCount, true);
            break;
        case SummaryFilter::DuplicatedStrings:
            mask = duplicatedStrings(a, control, cancelled);
            break;
        case SummaryFilter::RetainedByDetachedDom:
            mask = retainedOnlyThrough(
                a, [&](uint32_t, uint32_t, uint32_t to) { return a.domState(to) != kDomDetached; }, control, cancelled);
            break;
        case SummaryFilter::RetainedByContexts:
            mask = retainedOnlyThrough(
                a, [&](uint32_t, uint32_t, uint32_t to) { return !isContextObject(a, to); }, control, cancelled);
            break;
        case SummaryFilter::RetainedByConsole: {
            const int synthetic = s.nodeTypes.synthetic;
            mask = retainedOnlyThrough(
                a,
                [&](uint32_t from, uint32_t e, uint32_t) {
                    return !(s.nodeType[from] == synthetic && edgeHasStringName(s, e)
                        && edgeName(s, e).ends_with(" / DevTools console"));
                },
                control, cancelled);
            break;
        }
        case SummaryFilter::RetainedByEventHandlers: {
            const std::vector<uint8_t> handlers = eventHandlers(a);
            mask = retainedOnlyThrough(
                a, [&](uint32_t, uint32_t, uint32_t to) { return !handlers[to]; }, control, cancelled);
            break;
        }
        }
    }
    if (cancelled)
        return ParseError::general(s.sourceName, "cancelled");
    return mask;
}

uint32_t maxJsObjectId(const HeapSnapshot& s)
{
    uint32_t id = 0;
    for (uint32_t nodeId : s.nodeId)
        if ((nodeId & 1) && nodeId > id)
            id = nodeId;
    return id;
}

std::vector<ClassAggregate> buildFilteredSummary(const HeapAnalysis& a, const NodeMask* mask,
    const std::optional<NodeIdRange>& range, bool sorted, const CancelToken* cancel)
{
    if (!mask && !range) {
        if (!sorted)
            return buildSummary(a, a.classes);
        std::vector<ClassAggregate> rows = a.summary;
        if (!a.summaryMembersSorted)
            sortMembers(a, rows, cancel);
        return rows;
    }
    const auto& ids = a.snapshot->nodeId;
    auto keep = [&](uint32_t node) { return (!mask || mask->test(node)) && (!range || range->contains(ids[node])); };
    return sorted ? buildSortedSummary(a, a.classes, keep, cancel) : buildSummary(a, a.classes, keep);
}

} // namespace v8scope
