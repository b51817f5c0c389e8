// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "leakfilter.h"

#include <heap/heapanalysis.h>

#include <algorithm>

namespace v8scope {

namespace {
bool isNumber(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The target of `node`'s first edge named `name` (any type but weak), or UINT32_MAX.
uint32_t edgeTargetNamed(const HeapSnapshot& s, uint32_t node, std::string_view name)
{
    for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e)
        if (s.edgeType[e] != s.edgeTypes.weak && s.edgeHasStringName(e) && s.strings.get(s.edgeNameOrIndex[e]) == name)
            return s.edgeTarget[e];
    return UINT32_MAX;
}
} // namespace

uint32_t pathParent(const HeapAnalysis& a, uint32_t node, uint32_t& edge)
{
    const HeapSnapshot& s = *a.snapshot;
    uint32_t best = UINT32_MAX;
    edge = UINT32_MAX;
    int32_t bestDistance = a.distance[node];
    uint32_t bestSlot = UINT32_MAX;
    const Retainers& r = a.retainers;
    for (uint32_t k = r.firstRetainer[node]; k < r.firstRetainer[node + 1]; ++k) {
        if (r.weak.get(k))
            continue;
        const uint32_t from = r.retainerNode[k];
        if (from == a.root()) {
            bestSlot = k;
            best = from;
            break;
        }
        const int32_t d = a.distance[from];
        if (d >= 0 && d < bestDistance) {
            bestDistance = d;
            best = from;
            bestSlot = k;
        }
    }
    if (bestSlot != UINT32_MAX)
        edge = r.edge(s, node, bestSlot);
    return best;
}

bool isRuntimeScript(std::string_view name)
{
    return name.starts_with("node:") || name.starts_with("internal/");
}

std::string contextScript(const HeapAnalysis& a, uint32_t context)
{
    const HeapSnapshot& s = *a.snapshot;
    std::vector<uint32_t> edges;
    a.retainers.edges(s, context, edges);
    for (uint32_t k = a.retainers.firstRetainer[context]; k < a.retainers.firstRetainer[context + 1]; ++k) {
        const uint32_t e = edges[k - a.retainers.firstRetainer[context]];
        const uint32_t from = a.retainers.retainerNode[k];
        if (s.nodeType[from] != s.nodeTypes.closure || !s.edgeHasStringName(e)
            || s.strings.get(s.edgeNameOrIndex[e]) != "context")
            continue;
        const uint32_t shared = edgeTargetNamed(s, from, "shared");
        if (shared == UINT32_MAX)
            continue;
        uint32_t script = edgeTargetNamed(s, shared, "script_or_debug_info");
        if (script == UINT32_MAX)
            script = edgeTargetNamed(s, shared, "script");
        if (script != UINT32_MAX && !s.nodeNameView(script).empty())
            return std::string(s.nodeNameView(script));
    }
    return {};
}

std::string runtimeOnceReason(
    const HeapAnalysis& a, uint32_t node, const std::function<bool(uint32_t id)>& allocatedAfterTarget)
{
    const HeapSnapshot& s = *a.snapshot;
    if (!allocatedAfterTarget || node >= a.nodeCount())
        return {};
    uint32_t edge = UINT32_MAX;
    const uint32_t holder = pathParent(a, node, edge);
    if (holder == UINT32_MAX || edge == UINT32_MAX)
        return {};
    std::string variable = s.edgeName(edge);
    const bool slot = isNumber(variable);
    // An element or hash-table slot: the variable is the one a few steps up that holds the array, Map or Set.
    uint32_t context = holder;
    for (int up = 0; slot && up < 3 && a.name(context) != "system / Context"; ++up) {
        uint32_t e = UINT32_MAX;
        const uint32_t next = pathParent(a, context, e);
        if (next == UINT32_MAX || e == UINT32_MAX || next == a.root())
            return {};
        context = next;
        variable = s.edgeName(e);
    }
    if (a.name(context) != "system / Context")
        return {};
    const std::string script = contextScript(a, context);
    if (!isRuntimeScript(script))
        return {};
    // Created once: nothing the variable (or, for a slot, the array or table) refers to is newer than the target.
    const uint32_t from = slot ? holder : context;
    for (uint32_t e = s.firstEdge[from]; e < s.firstEdge[from + 1]; ++e) {
        const uint32_t t = s.edgeTarget[e];
        if (s.edgeType[e] == s.edgeTypes.weak || (!slot && s.edgeName(e) != variable))
            continue;
        if ((s.nodeId[t] & 1) && a.selfSize[t] > 0 && allocatedAfterTarget(s.nodeId[t]))
            return {};
    }
    return "created once by Node.js' own code: `" + variable + "` of " + script
        + " (nothing new held there after the target snapshot)";
}

} // namespace v8scope
