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
/// setNode() names the node whose edges follow; what kind of holder it is gets looked up once, at its first edge
/// that reaches accept(), instead of at every edge.
class DistanceFilter
{
public:
    DistanceFilter(const HeapSnapshot& s, WeakMapEdgeCache& weakMaps)
        : m_s(s)
        , m_weakMaps(weakMaps)
    {
    }
    void setNode(uint32_t node)
    {
        m_node = node;
        m_holder = Holder::Unknown;
    }
    /// `word` is the edge's edgeWords entry, which the BFS has read already.
    bool accept(uint32_t edge, uint32_t word)
    {
        const HeapSnapshot& s = m_s;
        if (m_holder == Holder::Unknown) {
            // Cheapest test first; names as string views (no allocation).
            const int nodeType = s.nodeType[m_node];
            if (nodeType == s.nodeTypes.hidden && s.nodeNameView(m_node) == "system / NativeContext")
                m_holder = Holder::NativeContext;
            else if (nodeType == s.nodeTypes.array && s.nodeNameView(m_node) == "(map descriptors)")
                m_holder = Holder::MapDescriptors;
            else
                m_holder = Holder::Plain;
        }
        if (m_holder == Holder::NativeContext && s.edgeHasStringName(edge)
            && s.strings.get(s.edgeNameOrIndex[edge]) == "sloppy_function_map")
            return false;
        if (m_holder == Holder::MapDescriptors) {
            const double index = s.edgeHasStringName(edge) ? jsParseInt(s.strings.get(s.edgeNameOrIndex[edge]))
                                                           : double(s.edgeNameOrIndex[edge]);
            // NaN compares false: such edges are kept, as in JavaScript.
            return index < 2 || std::fmod(index, 3) != 1;
        }
        if (edgeWordType(word) == s.edgeTypes.internal) {
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
    enum class Holder : uint8_t
    {
        Unknown,
        Plain,
        NativeContext,
        MapDescriptors,
    };
    const HeapSnapshot& m_s;
    WeakMapEdgeCache& m_weakMaps;
    uint32_t m_node = 0;
    Holder m_holder = Holder::Unknown;
    std::unordered_set<std::string_view> m_pendingEphemerons;
};

/// One BFS pass of DevTools' HeapSnapshot.bfs: weak edges never, visited children never, then (Retainers view)
/// children that are ignored, then the filter. The ignored test comes before the filter, as DevTools' wrapped filter
/// short-circuits, so the WeakMap filter's pending pair state never sees an edge into an ignored node.
/// `visited` mirrors "distance != kNoDistance" one bit a node: the per-edge test then reads an array that stays in
/// the cache (0.4 MB for 3.5 M nodes) instead of the distances, which halves the pass on big graphs.
/// The queue holds the seeds, all at distance `seedDistance`; it is empty afterwards (or on cancel, cleared).
void bfs(const HeapSnapshot& s, ChunkedQueue& queue, int32_t seedDistance, DistanceColumn& distances,
    BitVector& visited, DistanceFilter& filter, const BitVector* ignored, const TaskControl& control)
{
    // No weak type (-1): a type no word holds.
    const uint32_t weak = s.edgeTypes.weak >= 0 ? uint32_t(s.edgeTypes.weak) : kMaxEdgeTypes;
    const uint32_t* words = s.edgeWords.data();
    // The queue holds one level after the other (the seeds share one distance): the children's distance is the
    // level's + 1, without reading each node's distance back. Positions are absolute, so a level ends at the tail
    // it had when it began, whatever chunks were freed since.
    int32_t d = seedDistance + 1;
    uint16_t code = DistanceColumn::encode(d);
    size_t levelEnd = queue.tail();
    const uint32_t* firstEdge = s.firstEdge.data();
    // The queue's nodes are scattered over the graph: a node's edge range is fetched kFar nodes ahead, its edges
    // kNear nodes ahead (by then its range is in the cache). Looking ahead may read the next chunk: the head's chunk
    // is freed only when the head leaves it.
    constexpr size_t kFar = 16, kNear = 8;
    while (!queue.empty()) {
        const size_t head = queue.head();
        if (stopRequested(control, head)) {
            queue.clear();
            return;
        }
        if (head == levelEnd) {
            ++d;
            code = DistanceColumn::encode(d);
            levelEnd = queue.tail();
        }
        const size_t tail = queue.tail();
        if (head + kFar < tail)
            __builtin_prefetch(firstEdge + queue.at(head + kFar));
        if (head + kNear < tail) {
            const uint32_t first = firstEdge[queue.at(head + kNear)];
            __builtin_prefetch(words + first);
        }
        const uint32_t node = queue.pop();
        filter.setNode(node);
        const uint32_t end = firstEdge[node + 1];
        for (uint32_t e = firstEdge[node]; e < end; ++e) {
            const uint32_t word = words[e];
            if (edgeWordType(word) == weak)
                continue;
            const uint32_t child = edgeWordTarget(word);
            if (visited.get(child))
                continue;
            if (ignored && ignored->get(child))
                continue;
            if (!filter.accept(e, word))
                continue;
            distances.setOnce(child, d, code);
            visited.set(child);
            queue.push(child);
        }
    }
}
} // namespace

void computeDistances(const HeapSnapshot& s, WeakMapEdgeCache& weakMaps, const BitVector* ignored,
    DistanceColumn& distances, const TaskControl& control, unsigned queueChunkShift)
{
    distances.assignNoDistance(s.nodeCount);
    BitVector visited(s.nodeCount);
    DistanceFilter filter(s, weakMaps); // one pending-pair set for both passes, as DevTools' filter closure
    ChunkedQueue queue(queueChunkShift);
    const uint32_t root = s.rootOrdinal;
    // The user roots are seeded whether ignored or not: DevTools filters edges inside the BFS only. A user root
    // that two of the root's edges reach is queued twice, as in DevTools (its second turn can pass the second edge of
    // a WeakMap pair); distance 1 has an inline code, so writing it twice leaves no overflow entry behind.
    for (uint32_t e = s.firstEdge[root]; e < s.firstEdge[root + 1]; ++e) {
        const uint32_t child = s.edgeTarget[e];
        if (isUserRoot(s, child)) {
            distances.setOnce(child, 1);
            visited.set(child);
            queue.push(child);
        }
    }
    const bool anyUserRoot = !queue.empty();
    bfs(s, queue, 1, distances, visited, filter, ignored, control);
    const int32_t rootDistance = anyUserRoot ? HeapAnalysis::kBaseSystemDistance : 0;
    // Unconditionally, as DevTools: a root that a user root's edge reached gets the system base too.
    distances.set(root, rootDistance);
    visited.set(root);
    queue.clear();
    queue.push(root);
    bfs(s, queue, rootDistance, distances, visited, filter, ignored, control);
    distances.finishWrites();
}

void calculateDistances(HeapAnalysis& a, WeakMapEdgeCache& weakMaps, const TaskControl& control)
{
    computeDistances(*a.snapshot, weakMaps, nullptr, a.distance, control);
}

} // namespace v8scope::heapsteps
