// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// The individual steps HeapAnalysis::analyze runs, in DevTools' order. Internal to core/heap.

#include "chunkedqueue.h"
#include "heapanalysis.h"
#include "weakmapedge.h"

#include <cstdint>
#include <latch>
#include <memory>
#include <unordered_map>
#include <vector>

namespace v8scope::heapsteps {

/// Caches, per string index, whether an internal edge name is a WeakMap ephemeron name.
class WeakMapEdgeCache
{
public:
    explicit WeakMapEdgeCache(const HeapSnapshot& s)
        : m_snapshot(s)
        , m_state(s.strings.size(), 0)
    {
    }
    const WeakMapEdgeName* get(uint32_t stringIndex);

private:
    const HeapSnapshot& m_snapshot;
    std::vector<uint8_t> m_state; ///< 0 unknown, 1 not a WeakMap name, 2 parsed
    std::unordered_map<uint32_t, WeakMapEdgeName> m_parsed;
};

/// Whether a long loop should stop: polls the cancel token every 2^16 iterations. Steps that stop early leave
/// partial results; HeapAnalysis::analyze checks the token after every step and returns "cancelled".
inline bool stopRequested(const TaskControl& control, uint64_t iteration)
{
    return (iteration & 0xFFFF) == 0 && control.cancelled();
}

/// DevTools' buildRetainers (same slot order), with each slot's weak and essential bits (`essential`: per edge).
Retainers buildRetainers(const HeapSnapshot& s, const BitVector& essential, const TaskControl& control);
/// initDetachednessAndClassIndex + propagateDOMState: fills the DOM state bits of HeapAnalysis::state and renames
/// detached native nodes (the renamed bit, `renames`, `extraNames`). A `state` column of nodeCount entries on entry is
/// the file's detachedness taken over by analyze(); otherwise the snapshot's nodeDetachedness is copied.
void propagateDomState(HeapAnalysis& a, const TaskControl& control);
bool isUserRoot(const HeapSnapshot& s, uint32_t node);
bool hasUserRoots(const HeapSnapshot& s);
/// calculateFlags: detached-DOM-tree and page-object flags (the NodeFlag bits of HeapAnalysis::state; after
/// propagateDomState).
void calculateFlags(HeapAnalysis& a, const TaskControl& control);
/// DevTools' essential edges for the dominator tree, one bit per edge.
BitVector essentialEdges(const HeapAnalysis& a, WeakMapEdgeCache& weakMaps, const TaskControl& control);
/// calculateShallowSizes: moves single-owner array/hidden/ExternalStringData sizes into their owner.
void calculateShallowSizes(HeapAnalysis& a, const TaskControl& control);
/// The dominator tree in three steps that HeapAnalysis::analyze spreads over its two threads:
/// dominatorDfs (Lengauer-Tarjan's DFS from the root over essential edges: needs the essential bits only), then
/// calculateDominators (DevTools' orphan DFSes, semidominators, immediate dominators, retained sizes: needs
/// a.retainers and a.selfSize; frees the DFS state), then buildDominatedTree (the dominated-nodes CSR, children
/// sorted).
struct LengauerTarjan;
struct LengauerTarjanDeleter
{
    void operator()(LengauerTarjan* lt) const;
};
using LengauerTarjanPtr = std::unique_ptr<LengauerTarjan, LengauerTarjanDeleter>;
/// `essential` is per edge and must outlive the returned state.
LengauerTarjanPtr dominatorDfs(const HeapSnapshot& s, const BitVector& essential, const TaskControl& control);
/// `spare` (optional) receives arrays of nodeCount + 1 elements that the DFS state no longer needs, for
/// buildDominatedTree to reuse instead of allocating fresh ones. `essentialToFree` (optional): the essential bits
/// the DFS state reads, emptied once the last DFS is done (before the semidominators' arrays are allocated).
bool calculateDominators(HeapAnalysis& a, LengauerTarjanPtr dfs, const TaskControl& control,
    std::vector<std::vector<uint32_t>>* spare = nullptr, BitVector* essentialToFree = nullptr);
bool buildDominatedTree(HeapAnalysis& a, const TaskControl& control, std::vector<std::vector<uint32_t>> spare = {});
/// All three in a row (benchmarks): `retainersReady` and `shallowReady` are waited for after the DFS.
bool calculateDominators(HeapAnalysis& a, const BitVector& essential, std::latch& retainersReady,
    std::latch& shallowReady, const TaskControl& control);
void calculateDistances(HeapAnalysis& a, WeakMapEdgeCache& weakMaps, const TaskControl& control);
/// DevTools' calculateDistances into `distances` (nodeCount entries): user roots at 1 and a BFS from them, then the
/// root at 100000000 (0 without user roots) and a BFS from it, with JSHeapSnapshot's filter; kNoDistance where
/// unreached. `ignored` (one bit per node, or null): nodes no edge leads into, the Retainers view's ignored nodes
/// (calculateDistances(isForRetainersView = true)). The BFS queue is a ChunkedQueue of 2^queueChunkShift nodes a
/// chunk (tests shrink it to cross many chunk boundaries).
void computeDistances(const HeapSnapshot& s, WeakMapEdgeCache& weakMaps, const BitVector* ignored,
    DistanceColumn& distances, const TaskControl& control, unsigned queueChunkShift = ChunkedQueue::kDefaultChunkShift);

} // namespace v8scope::heapsteps
