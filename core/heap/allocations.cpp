// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "allocations.h"

#include "heapanalysis.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_map>

namespace v8scope {

bool AllocationProfile::available(const HeapSnapshot& s)
{
    return s.traceFunctionCount != 0 && !s.traceTree.empty();
}

uint32_t AllocationProfile::traceNodeForId(uint32_t id) const
{
    if (!m_idIndex.empty())
        return id < m_idIndex.size() ? m_idIndex[id] : UINT32_MAX;
    const auto it = std::lower_bound(m_idSorted.begin(), m_idSorted.end(), std::make_pair(id, uint32_t(0)));
    return it != m_idSorted.end() && it->first == id ? it->second : UINT32_MAX;
}

Result<std::shared_ptr<const AllocationProfile>> AllocationProfile::build(
    std::shared_ptr<const HeapAnalysis> analysis, const TaskControl& control)
{
    const HeapAnalysis& a = *analysis;
    const HeapSnapshot& s = *a.snapshot;
    auto fail = [&](const std::string& message) { return ParseError::general(s.sourceName, message); };
    if (!available(s))
        return fail("no allocation tracking data (record with allocation stacks: DevTools' \"Allocation "
                    "instrumentation on timeline\", or HeapProfiler.startTrackingHeapObjects {trackAllocations: "
                    "true} before taking the snapshot)");

    auto p = std::make_shared<AllocationProfile>();
    p->analysis = analysis;

    // trace_function_infos, fields resolved by name as DevTools does (V8's order when the meta lacks them).
    static const std::vector<std::string> kDefaultFields { "function_id", "name", "script_name", "script_id", "line",
        "column" };
    const std::vector<std::string>& fields
        = s.traceFunctionInfoFields.empty() ? kDefaultFields : s.traceFunctionInfoFields;
    auto field = [&](const char* name) -> int {
        const auto it = std::find(fields.begin(), fields.end(), name);
        return it == fields.end() ? -1 : int(it - fields.begin());
    };
    const int fName = field("name"), fScript = field("script_name"), fScriptId = field("script_id"),
              fLine = field("line"), fColumn = field("column");
    if (fName < 0 || fScript < 0 || fScriptId < 0 || fLine < 0 || fColumn < 0)
        return fail("snapshot.meta.trace_function_info_fields lacks name, script_name, script_id, line or column");
    const size_t nf = fields.size();
    const size_t infoCount = s.traceFunctionInfos.size() / nf;
    p->functions.resize(infoCount);
    for (size_t i = 0; i < infoCount; ++i) {
        const uint32_t* rec = s.traceFunctionInfos.data() + i * nf;
        const uint32_t name = rec[fName], script = rec[fScript];
        if (name >= s.strings.size() || script >= s.strings.size())
            return fail("trace function info " + std::to_string(i) + " refers to string "
                + std::to_string(std::max(name, script)) + "; the file has " + std::to_string(s.strings.size()));
        AllocationFunction& f = p->functions[i];
        f.name = s.strings.get(name);
        f.scriptName = s.strings.get(script);
        f.scriptId = rec[fScriptId];
        f.line = rec[fLine];
        f.column = rec[fColumn];
    }

    // The trace tree DevTools reads: the first top-level record and its subtree (records are in pre-order, so the
    // subtree is the prefix up to the next top-level record).
    size_t traceCount = 1;
    while (traceCount < s.traceTree.size() && s.traceTree[traceCount].parent != UINT32_MAX)
        ++traceCount;
    p->traceId.resize(traceCount);
    p->traceFunction.resize(traceCount);
    p->traceParent.resize(traceCount);
    p->traceCount.resize(traceCount);
    p->traceSize.resize(traceCount);
    p->traceLiveCount.assign(traceCount, 0);
    p->traceLiveSize.assign(traceCount, 0);
    uint32_t maxId = 0;
    for (size_t i = 0; i < traceCount; ++i) {
        const HeapSnapshot::TraceNode& t = s.traceTree[i];
        if (t.functionInfoIndex >= infoCount)
            return fail("trace node " + std::to_string(t.id) + " refers to function info "
                + std::to_string(t.functionInfoIndex) + "; the file has " + std::to_string(infoCount));
        p->traceId[i] = t.id;
        p->traceFunction[i] = t.functionInfoIndex;
        p->traceParent[i] = t.parent;
        p->traceCount[i] = t.count;
        p->traceSize[i] = t.size;
        maxId = std::max(maxId, t.id);
    }
    // Children CSR (file order).
    p->traceFirstChild.assign(traceCount + 1, 0);
    for (size_t i = 1; i < traceCount; ++i)
        ++p->traceFirstChild[p->traceParent[i] + 1];
    std::partial_sum(p->traceFirstChild.begin(), p->traceFirstChild.end(), p->traceFirstChild.begin());
    p->traceChildren.resize(traceCount ? traceCount - 1 : 0);
    {
        std::vector<uint32_t> fill(p->traceFirstChild.begin(), p->traceFirstChild.end() - 1);
        for (size_t i = 1; i < traceCount; ++i)
            p->traceChildren[fill[p->traceParent[i]]++] = uint32_t(i);
    }
    // id -> trace node: the last node with that id wins (DevTools' idToTopDownNode is assigned in pre-order).
    if (maxId <= 8 * traceCount + 1024) {
        p->m_idIndex.assign(size_t(maxId) + 1, UINT32_MAX);
        for (size_t i = 0; i < traceCount; ++i)
            p->m_idIndex[p->traceId[i]] = uint32_t(i);
    } else {
        for (size_t i = 0; i < traceCount; ++i)
            p->m_idSorted.push_back({ p->traceId[i], uint32_t(i) });
        std::stable_sort(
            p->m_idSorted.begin(), p->m_idSorted.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
        // keep the last of equal ids
        std::vector<std::pair<uint32_t, uint32_t>> unique;
        for (size_t i = 0; i < p->m_idSorted.size(); ++i)
            if (i + 1 == p->m_idSorted.size() || p->m_idSorted[i + 1].first != p->m_idSorted[i].first)
                unique.push_back(p->m_idSorted[i]);
        p->m_idSorted = std::move(unique);
    }

    // Live objects per trace node id (every node of the snapshot, DevTools self sizes), given to every trace node
    // with that id.
    if (!s.nodeTraceNodeId.empty()) {
        std::vector<uint64_t> liveCount(traceCount, 0), liveSize(traceCount, 0);
        for (uint32_t i = 0; i < s.nodeCount; ++i) {
            if ((i & 0xFFFF) == 0 && control.cancelled())
                return fail("cancelled");
            const uint32_t t = p->traceNodeForId(s.nodeTraceNodeId[i]);
            if (t == UINT32_MAX)
                continue;
            ++liveCount[t];
            liveSize[t] += a.selfSize[i];
        }
        for (size_t i = 0; i < traceCount; ++i) {
            const uint32_t owner = p->traceNodeForId(p->traceId[i]);
            p->traceLiveCount[i] = liveCount[owner];
            p->traceLiveSize[i] = liveSize[owner];
        }
    }

    // FunctionAllocationInfo totals: the trace nodes with a non-zero count.
    for (size_t i = 0; i < traceCount; ++i) {
        if (p->traceCount[i] == 0)
            continue;
        AllocationFunction& f = p->functions[p->traceFunction[i]];
        f.count += p->traceCount[i];
        f.size += p->traceSize[i];
        f.liveCount += p->traceLiveCount[i];
        f.liveSize += p->traceLiveSize[i];
    }
    return std::shared_ptr<const AllocationProfile>(std::move(p));
}

std::vector<uint32_t> AllocationProfile::topFunctions() const
{
    std::vector<uint32_t> tops;
    for (uint32_t i = 0; i < functions.size(); ++i)
        if (functions[i].count != 0)
            tops.push_back(i);
    std::stable_sort(
        tops.begin(), tops.end(), [&](uint32_t x, uint32_t y) { return functions[x].size > functions[y].size; });
    return tops;
}

void AllocationProfile::allocationStack(uint32_t ordinal, std::vector<uint32_t>& out) const
{
    out.clear();
    const HeapSnapshot& s = *analysis->snapshot;
    if (s.nodeTraceNodeId.empty() || ordinal >= s.nodeCount || s.nodeTraceNodeId[ordinal] == 0)
        return;
    for (uint32_t t = traceNodeForId(s.nodeTraceNodeId[ordinal]); t != UINT32_MAX; t = traceParent[t]) {
        out.push_back(t);
        if (out.size() > traceId.size())
            break; // a parent cycle cannot come from the reader; guard anyway
    }
}

AllocationCallers AllocationProfile::callers(uint32_t function) const
{
    // FunctionAllocationInfo.#buildAllocationTraceTree: for every allocating trace node of the function (pre-order),
    // walk to the root, adding its counts to the bottom-up node for each caller (found among the children by
    // function, else appended).
    AllocationCallers c;
    std::vector<uint32_t> firstChildLL, nextSibling, lastChild;
    std::vector<std::pair<uint32_t, uint32_t>> visits; // (bottom-up node, trace top), in visiting order
    auto addNode = [&](uint32_t fn, uint32_t parent) {
        const uint32_t n = uint32_t(c.function.size());
        c.function.push_back(fn);
        c.parent.push_back(parent);
        c.count.push_back(0);
        c.size.push_back(0);
        c.liveCount.push_back(0);
        c.liveSize.push_back(0);
        firstChildLL.push_back(UINT32_MAX);
        nextSibling.push_back(UINT32_MAX);
        lastChild.push_back(UINT32_MAX);
        if (parent != UINT32_MAX) {
            if (lastChild[parent] == UINT32_MAX)
                firstChildLL[parent] = n;
            else
                nextSibling[lastChild[parent]] = n;
            lastChild[parent] = n;
        }
        return n;
    };
    for (uint32_t top = 0; top < traceId.size(); ++top) {
        if (traceFunction[top] != function || traceCount[top] == 0)
            continue;
        if (c.function.empty())
            addNode(function, UINT32_MAX);
        uint32_t bu = 0;
        for (uint32_t t = top;;) {
            c.count[bu] += traceCount[top];
            c.size[bu] += traceSize[top];
            c.liveCount[bu] += traceLiveCount[top];
            c.liveSize[bu] += traceLiveSize[top];
            visits.push_back({ bu, top });
            t = traceParent[t];
            if (t == UINT32_MAX)
                break;
            const uint32_t fn = traceFunction[t];
            uint32_t child = firstChildLL[bu];
            while (child != UINT32_MAX && c.function[child] != fn)
                child = nextSibling[child];
            bu = child != UINT32_MAX ? child : addNode(fn, bu);
        }
    }
    // CSR with each node's children by size descending, ties in insertion order (AllocationGridNode sorts the
    // branching callers with a stable sort; a single caller needs no sorting).
    const uint32_t n = c.nodeCount();
    c.firstChild.assign(size_t(n) + 1, 0);
    c.children.reserve(n ? n - 1 : 0);
    for (uint32_t i = 0; i < n; ++i) {
        c.firstChild[i] = uint32_t(c.children.size());
        for (uint32_t ch = firstChildLL[i]; ch != UINT32_MAX; ch = nextSibling[ch])
            c.children.push_back(ch);
        std::stable_sort(c.children.begin() + c.firstChild[i], c.children.end(),
            [&](uint32_t x, uint32_t y) { return c.size[x] > c.size[y]; });
    }
    c.firstChild[n] = uint32_t(c.children.size());
    // traceTops CSR, each node's list in visiting order (counting sort by node keeps it stable).
    c.traceTopFirst.assign(size_t(n) + 1, 0);
    for (const auto& v : visits)
        ++c.traceTopFirst[v.first + 1];
    std::partial_sum(c.traceTopFirst.begin(), c.traceTopFirst.end(), c.traceTopFirst.begin());
    c.traceTops.resize(visits.size());
    std::vector<uint32_t> fill(c.traceTopFirst.begin(), c.traceTopFirst.end() - 1);
    for (const auto& v : visits)
        c.traceTops[fill[v.first]++] = v.second;
    return c;
}

NodeMask AllocationProfile::allocatedAt(const AllocationCallers& c, uint32_t node) const
{
    // DevTools keeps a set of the trace top ids and tests each object's trace_node_id against it; ids resolve
    // to one trace node each (traceNodeForId), so a flag per trace node is the same set.
    const HeapSnapshot& s = *analysis->snapshot;
    NodeMask mask(s.nodeCount);
    if (node >= c.nodeCount() || s.nodeTraceNodeId.empty())
        return mask;
    std::vector<uint8_t> wanted(traceId.size(), 0);
    for (uint32_t i = c.traceTopFirst[node]; i < c.traceTopFirst[node + 1]; ++i)
        wanted[traceNodeForId(traceId[c.traceTops[i]])] = 1;
    for (uint32_t i = 0; i < s.nodeCount; ++i) {
        const uint32_t t = traceNodeForId(s.nodeTraceNodeId[i]);
        if (t != UINT32_MAX && wanted[t])
            mask.set(i);
    }
    return mask;
}

} // namespace v8scope
