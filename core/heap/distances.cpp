// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapsteps.h"

#include <charconv>
#include <cmath>
#include <string>
#include <unordered_set>

namespace v8scope::heapsteps {

namespace {
/// JavaScript parseInt(s, 10): optional whitespace and sign, then the longest run of digits; NaN without digits.
double jsParseInt(std::string_view s)
{
    size_t i = 0;
    while (
        i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v'))
        ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        neg = s[i] == '-';
        ++i;
    }
    const size_t start = i;
    double v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + (s[i++] - '0');
    if (i == start)
        return std::nan("");
    return neg ? -v : v;
}

/// DevTools' distance filter (JSHeapSnapshot.calculateDistances): the NativeContext's sloppy_function_map, the
/// descriptor links of "(map descriptors)" arrays, and the first edge of each WeakMap ephemeron pair.
class DistanceFilter
{
public:
    DistanceFilter(const HeapSnapshot& s, WeakMapEdgeCache& weakMaps)
        : m_s(s)
        , m_weakMaps(weakMaps)
    {
    }
    bool accept(uint32_t node, uint32_t edge)
    {
        const HeapSnapshot& s = m_s;
        const int nodeType = s.nodeType[node];
        // Cheapest test first; names as string views (no allocation per edge).
        if (nodeType == s.nodeTypes.hidden && s.nodeNameView(node) == "system / NativeContext"
            && s.edgeHasStringName(edge) && s.strings.get(s.edgeNameOrIndex[edge]) == "sloppy_function_map")
            return false;
        if (nodeType == s.nodeTypes.array && s.nodeNameView(node) == "(map descriptors)") {
            const double index = s.edgeHasStringName(edge) ? jsParseInt(s.strings.get(s.edgeNameOrIndex[edge]))
                                                           : double(s.edgeNameOrIndex[edge]);
            // NaN compares false: such edges are kept, as in JavaScript.
            return index < 2 || std::fmod(index, 3) != 1;
        }
        if (s.edgeType[edge] == s.edgeTypes.internal) {
            if (const WeakMapEdgeName* w = m_weakMaps.get(s.edgeNameOrIndex[edge])) {
                auto it = m_pendingEphemerons.find(w->duplicatedPart);
                if (it == m_pendingEphemerons.end()) {
                    m_pendingEphemerons.insert(w->duplicatedPart);
                    return false;
                }
                m_pendingEphemerons.erase(it);
            }
        }
        return true;
    }

private:
    const HeapSnapshot& m_s;
    WeakMapEdgeCache& m_weakMaps;
    std::unordered_set<std::string_view> m_pendingEphemerons;
};

void bfs(const HeapSnapshot& s, std::vector<uint32_t>& queue, std::vector<int32_t>& distances, DistanceFilter& filter,
    const TaskControl& control)
{
    const int weak = s.edgeTypes.weak;
    for (size_t head = 0; head < queue.size(); ++head) {
        if (stopRequested(control, head))
            return;
        const uint32_t node = queue[head];
        const int32_t d = distances[node] + 1;
        for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e) {
            if (s.edgeType[e] == weak)
                continue;
            const uint32_t child = s.edgeTarget[e];
            if (distances[child] != HeapAnalysis::kNoDistance)
                continue;
            if (!filter.accept(node, e))
                continue;
            distances[child] = d;
            queue.push_back(child);
        }
    }
}
} // namespace

void calculateDistances(HeapAnalysis& a, WeakMapEdgeCache& weakMaps, const TaskControl& control)
{
    const HeapSnapshot& s = *a.snapshot;
    a.distance.assign(s.nodeCount, HeapAnalysis::kNoDistance);
    DistanceFilter filter(s, weakMaps);
    std::vector<uint32_t> queue;
    queue.reserve(s.nodeCount);
    const uint32_t root = s.rootOrdinal;
    for (uint32_t e = s.firstEdge[root]; e < s.firstEdge[root + 1]; ++e) {
        const uint32_t child = s.edgeTarget[e];
        if (isUserRoot(s, child)) {
            a.distance[child] = 1;
            queue.push_back(child);
        }
    }
    const bool anyUserRoot = !queue.empty();
    bfs(s, queue, a.distance, filter, control);
    a.distance[root] = anyUserRoot ? HeapAnalysis::kBaseSystemDistance : 0;
    queue.assign(1, root);
    bfs(s, queue, a.distance, filter, control);
}

} // namespace v8scope::heapsteps
