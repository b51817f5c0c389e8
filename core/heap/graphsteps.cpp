// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapsteps.h"

#include <algorithm>
#include <memory>
#include <unordered_map>

namespace v8scope::heapsteps {

const WeakMapEdgeName* WeakMapEdgeCache::get(uint32_t stringIndex)
{
    uint8_t& st = m_state[stringIndex];
    if (st == 1)
        return nullptr;
    if (st == 2)
        return &m_parsed.find(stringIndex)->second;
    auto parsed = parseWeakMapEdgeName(m_snapshot.strings.get(stringIndex));
    if (!parsed) {
        st = 1;
        return nullptr;
    }
    st = 2;
    return &m_parsed.emplace(stringIndex, *parsed).first->second;
}

Retainers buildRetainers(const HeapSnapshot& s, const BitVector& essential, const TaskControl& control)
{
    // Counting sort over edge targets: count, prefix-sum, fill (DevTools buildRetainers, same slot order).
    // firstRetainer[t + 1] is t's fill cursor (it ends at t's last slot + 1, which is where t + 1's slots start):
    // no cursor array of its own.
    Retainers r;
    const uint32_t n = s.nodeCount;
    r.firstRetainer.assign(size_t(n) + 1, 0);
    r.retainerNode.resize(s.edgeCount);
    r.weak = BitVector(s.edgeCount);
    r.essential = BitVector(s.edgeCount);
    // Both passes touch one random counter per edge: the counter of the edge kAhead edges on is fetched ahead.
    constexpr uint32_t kAhead = 32;
    const uint32_t* words = s.edgeWords.data();
    uint32_t* counter = r.firstRetainer.data();
    const uint32_t countEnd = s.edgeCount > kAhead ? s.edgeCount - kAhead : 0;
    for (uint32_t e = 0; e < countEnd; ++e) {
        __builtin_prefetch(counter + edgeWordTarget(words[e + kAhead]), 1);
        ++counter[edgeWordTarget(words[e])];
    }
    for (uint32_t e = countEnd; e < s.edgeCount; ++e)
        ++counter[edgeWordTarget(words[e])];
    uint32_t slot = 0;
    for (uint32_t i = 0; i <= n; ++i) {
        const uint32_t count = r.firstRetainer[i];
        r.firstRetainer[i] = slot;
        slot += count;
    }
    // Now firstRetainer[i] is where i's slots start; shift by one so that firstRetainer[t + 1] is t's cursor.
    for (uint32_t i = n; i > 0; --i)
        r.firstRetainer[i] = r.firstRetainer[i - 1];
    const int weak = s.edgeTypes.weak;
    for (uint32_t src = 0; src < n; ++src) {
        if (stopRequested(control, src))
            return r;
        for (uint32_t e = s.firstEdge[src]; e < s.firstEdge[src + 1]; ++e) {
            if (e + kAhead < s.edgeCount)
                __builtin_prefetch(counter + edgeWordTarget(words[e + kAhead]) + 1, 1);
            const uint32_t word = words[e];
            const uint32_t at = r.firstRetainer[edgeWordTarget(word) + 1]++;
            r.retainerNode[at] = src;
            if (edgeWordType(word) == weak)
                r.weak.set(at);
            if (essential.get(e))
                r.essential.set(at);
        }
    }
    r.firstRetainer[0] = 0;
    return r;
}

void propagateDomState(HeapAnalysis& a, const TaskControl& control)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    a.renames = {};
    a.extraNames.clear();
    const bool takenOver = a.state.size() == n; // analyze() took the file's detachedness over
    const bool hasDetachedness = takenOver || s.nodeDetachedness.size() == n;
    if (!takenOver) {
        if (hasDetachedness)
            a.state = s.nodeDetachedness;
        else
            a.state.assign(n, kDomUnknown);
    }
    uint8_t* state = a.state.data(); // owned: a mapped column would be copied first
    const int native = s.nodeTypes.native;
    if (!hasDetachedness) {
        // Old snapshots: native objects named "Detached ..." are detached; nothing propagates.
        for (uint32_t i = 0; i < n; ++i)
            if (s.nodeType[i] == native && s.nodeNameView(i).starts_with("Detached "))
                state[i] = kDomDetached;
        return;
    }
    // DevTools keeps the detachedness' low two bits (the parser has masked them already; a hand-built snapshot may
    // not have).
    for (uint32_t i = 0; i < n; ++i)
        state[i] &= kStateDomMask;

    std::vector<uint8_t> visited(n, 0);
    std::vector<uint32_t> attached, detached;
    std::unordered_map<uint32_t, uint32_t> renamed; // file name index -> "Detached <old>"
    const uint32_t stringCount = s.strings.size();
    auto processNode = [&](uint32_t node, uint8_t domState) {
        if (visited[node])
            return;
        visited[node] = 1; // so a node is renamed at most once, and always from its file name
        // Do not propagate through JavaScript: every entry into embedder code knows its own state.
        if (s.nodeType[node] != native)
            return;
        state[node] = domState;
        if (domState == kDomAttached) {
            attached.push_back(node);
        } else if (domState == kDomDetached) {
            const uint32_t old = s.nodeName[node];
            auto [it, inserted] = renamed.emplace(old, 0);
            if (inserted) {
                it->second = stringCount + uint32_t(a.extraNames.size());
                a.extraNames.push_back("Detached " + std::string(s.nodeNameView(node)));
            }
            state[node] |= kStateRenamed;
            detached.push_back(node);
        }
    };
    const int hidden = s.edgeTypes.hidden, weak = s.edgeTypes.weak;
    auto propagate = [&](uint32_t parent, uint8_t domState) {
        for (uint32_t e = s.firstEdge[parent]; e < s.firstEdge[parent + 1]; ++e) {
            const int type = s.edgeType[e];
            if (type == hidden || type == weak)
                continue;
            processNode(s.edgeTarget[e], domState);
        }
    };
    auto run = [&] {
        for (uint32_t i = 0; i < n; ++i)
            if (state[i] != kDomUnknown)
                processNode(i, state[i] & kStateDomMask);
        uint64_t steps = 0;
        while (!attached.empty()) {
            if (stopRequested(control, ++steps))
                return;
            const uint32_t node = attached.back();
            attached.pop_back();
            propagate(node, kDomAttached);
        }
        while (!detached.empty()) {
            if (stopRequested(control, ++steps))
                return;
            const uint32_t node = detached.back();
            detached.pop_back();
            if ((state[node] & kStateDomMask) == kDomAttached)
                continue;
            propagate(node, kDomDetached);
        }
    };
    run();
    // The renames as a sorted table (also when cancelled: every renamed bit set so far has its entry).
    std::vector<RenamedName> table;
    table.reserve(renamed.size());
    for (const auto& [from, to] : renamed)
        table.push_back({ from, to });
    std::sort(table.begin(), table.end(), [](const RenamedName& x, const RenamedName& y) { return x.from < y.from; });
    a.renames = Column<RenamedName>(std::move(table));
}

bool isUserRoot(const HeapSnapshot& s, uint32_t node)
{
    if (s.nodeType[node] != s.nodeTypes.synthetic)
        return true;
    return s.nodeNameView(node) == "(Document DOM trees)";
}

bool hasUserRoots(const HeapSnapshot& s)
{
    const uint32_t root = s.rootOrdinal;
    for (uint32_t e = s.firstEdge[root]; e < s.firstEdge[root + 1]; ++e)
        if (isUserRoot(s, s.edgeTarget[e]))
            return true;
    return false;
}

void calculateFlags(HeapAnalysis& a, const TaskControl& control)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    uint8_t* state = a.state.data(); // after propagateDomState: nodeCount entries
    constexpr uint8_t detachedTree = kFlagDetachedDomTreeNode << kStateFlagShift;
    constexpr uint8_t page = kFlagPageObject << kStateFlagShift;
    for (uint32_t i = 0; i < n; ++i) {
        uint8_t v = state[i] & ~kStateFlagMask;
        if (s.nodeType[i] == s.nodeTypes.native && (v & kStateDomMask) == kDomDetached)
            v |= detachedTree;
        state[i] = v;
    }

    // Page-owned objects: everything reachable (not through weak edges) from the root's shortcut targets
    // (the globals) and its element edges to "(Document DOM trees)".
    std::vector<uint32_t> stack;
    const uint32_t root = s.rootOrdinal;
    for (uint32_t e = s.firstEdge[root]; e < s.firstEdge[root + 1]; ++e) {
        const int type = s.edgeType[e];
        const uint32_t target = s.edgeTarget[e];
        if (type == s.edgeTypes.element) {
            if (!(s.nodeType[target] == s.nodeTypes.synthetic && s.nodeNameView(target) == "(Document DOM trees)"))
                continue;
        } else if (type != s.edgeTypes.shortcut) {
            continue;
        }
        stack.push_back(target);
        state[target] |= page;
    }
    uint64_t steps = 0;
    while (!stack.empty()) {
        if (stopRequested(control, ++steps))
            return;
        const uint32_t node = stack.back();
        stack.pop_back();
        for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e) {
            const uint32_t word = s.edgeWords[e];
            const uint32_t child = edgeWordTarget(word);
            if (state[child] & page)
                continue;
            if (edgeWordType(word) == s.edgeTypes.weak)
                continue;
            stack.push_back(child);
            state[child] |= page;
        }
    }
}

BitVector essentialEdges(const HeapAnalysis& a, WeakMapEdgeCache& weakMaps, const TaskControl& control)
{
    const HeapSnapshot& s = *a.snapshot;
    BitVector bits(s.edgeCount);
    const EdgeTypeIds& t = s.edgeTypes;
    const uint32_t root = s.rootOrdinal;
    for (uint32_t node = 0; node < s.nodeCount; ++node) {
        if (stopRequested(control, node))
            return bits;
        const bool nodePage = a.flags(node) & kFlagPageObject;
        for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e) {
            const uint32_t word = s.edgeWords[e];
            const int type = edgeWordType(word);
            // The WeakMap table -> value edge: the key -> value edge is the one kept.
            if (type == t.internal) {
                if (const WeakMapEdgeName* w = weakMaps.get(s.edgeNameOrIndex[e]); w && w->tableId == s.nodeId[node])
                    continue;
            }
            if (type == t.weak)
                continue;
            const uint32_t child = edgeWordTarget(word);
            if (child == node)
                continue;
            if (node != root) {
                if (type == t.shortcut)
                    continue;
                // Edges from non-page-owned into page-owned nodes (e.g. held by the debugger) do not dominate.
                if ((a.flags(child) & kFlagPageObject) && !nodePage)
                    continue;
            }
            bits.set(e);
        }
    }
    return bits;
}

void calculateShallowSizes(HeapAnalysis& a, const TaskControl& control)
{
    const HeapSnapshot& s = *a.snapshot;
    if (a.selfSize.size() != s.nodeCount) // HeapAnalysis::analyze has usually taken the file's sizes over already
        a.selfSize = s.nodeSelfSize;
    if (!a.hasUserRoots)
        return; // "expose internals" snapshots are shown raw
    const uint32_t n = s.nodeCount;
    constexpr uint32_t kUnvisited = 0xffffffff;
    constexpr uint32_t kMultipleOwners = 0xfffffffe;
    const NodeTypeIds& t = s.nodeTypes;
    auto owners = std::make_unique_for_overwrite<uint32_t[]>(n); // written in full by the first loop
    std::vector<uint32_t> worklist;
    worklist.reserve(n); // nearly every node starts on it: no regrowth (each a copy into fresh pages)
    for (uint32_t i = 0; i < n; ++i) {
        const int type = s.nodeType[i];
        if (type == t.hidden || type == t.array
            || (type == t.native && s.nodeNameView(i) == "system / ExternalStringData")) {
            owners[i] = kUnvisited;
        } else {
            owners[i] = i;
            worklist.push_back(i);
        }
    }
    const int weak = s.edgeTypes.weak;
    uint64_t steps = 0;
    while (!worklist.empty()) {
        if (stopRequested(control, ++steps))
            return;
        const uint32_t id = worklist.back();
        worklist.pop_back();
        const uint32_t owner = owners[id];
        for (uint32_t e = s.firstEdge[id]; e < s.firstEdge[id + 1]; ++e) {
            const uint32_t word = s.edgeWords[e];
            if (edgeWordType(word) == weak)
                continue;
            const uint32_t target = edgeWordTarget(word);
            const uint32_t current = owners[target];
            if (current == kUnvisited) {
                owners[target] = owner;
                worklist.push_back(target);
            } else if (current != target && current != owner && current != kMultipleOwners) {
                owners[target] = kMultipleOwners;
                worklist.push_back(target);
            }
        }
    }
    const uint32_t root = s.rootOrdinal;
    for (uint32_t i = 0; i < n; ++i) {
        const uint32_t owner = owners[i];
        if (owner == kUnvisited || owner == kMultipleOwners || owner == i)
            continue;
        if (s.nodeType[owner] == t.synthetic || owner == root)
            continue;
        a.selfSize.add(owner, a.selfSize[i]);
        a.selfSize.set(i, 0);
    }
}

} // namespace v8scope::heapsteps
