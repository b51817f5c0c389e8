// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "classnames.h"
#include "distancecolumn.h"
#include "heapsnapshot.h"
#include "summary.h"

#include <common/error.h>
#include <common/progress.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

/// DevTools' DOM link states (the low two bits of its detachedness-and-class array).
enum DomState : uint8_t
{
    kDomUnknown = 0,
    kDomAttached = 1,
    kDomDetached = 2,
};

/// Per-node flag bits, as DevTools' JSHeapSnapshot.nodeFlags.
enum NodeFlag : uint8_t
{
    kFlagCanBeQueried = 1,
    kFlagDetachedDomTreeNode = 2,
    kFlagPageObject = 4,
};

/// HeapAnalysis::state, one byte per node: the DomState in bits 0-1, the NodeFlag bits in bits 2-4, and bit 5 set
/// when DOM-state propagation renamed the node ("Detached " + its file name, see HeapAnalysis::renames). Bits 6-7
/// are zero. Read it through HeapAnalysis::domState(), flags() and renamed().
inline constexpr uint8_t kStateDomMask = 0x03;
inline constexpr int kStateFlagShift = 2;
inline constexpr uint8_t kStateFlagMask = 0x07 << kStateFlagShift;
inline constexpr uint8_t kStateRenamed = 0x20;
inline constexpr uint8_t kStateUsedBits = 0x3f;

/// One name DOM-state propagation added: the detached native nodes named `from` (a snapshot string index) are
/// named `to` ("Detached " + from's text: the extraNames entry to - snapshot strings count).
struct RenamedName
{
    uint32_t from;
    uint32_t to;
    bool operator==(const RenamedName&) const = default;
};

/// One bit per item, stored as 64-bit words (what the analysis cache writes).
class BitVector
{
public:
    explicit BitVector(size_t n = 0)
        : m_words((n + 63) / 64, 0)
    {
    }
    bool get(size_t i) const
    {
        return (m_words[i >> 6] >> (i & 63)) & 1;
    }
    void set(size_t i)
    {
        m_words[i >> 6] |= uint64_t(1) << (i & 63);
    }
    Column<uint64_t>& words()
    {
        return m_words;
    }
    const Column<uint64_t>& words() const
    {
        return m_words;
    }

private:
    Column<uint64_t> m_words;
};

/// The reverse graph as CSR: node i is retained through slots firstRetainer[i]..firstRetainer[i+1]-1; each slot
/// names the retaining node. A node's slots are in DevTools' order (retaining node ascending, then edge
/// ascending), so the slots of one retainer are contiguous and its k-th slot is its k-th edge to the node: the
/// edge itself is not stored (4 bytes an edge) but found again by edge()/edges() where a query shows it. What the
/// graph walks need per slot is kept as bits: weak (retaining paths skip weak edges) and essential (DevTools'
/// dominator-tree edges).
struct Retainers
{
    Column<uint32_t> firstRetainer; ///< nodeCount + 1
    Column<uint32_t> retainerNode; ///< edgeCount
    BitVector weak; ///< per slot: the edge is weak
    BitVector essential; ///< per slot: the edge counts for the dominator tree

    uint32_t count(uint32_t node) const
    {
        return firstRetainer[node + 1] - firstRetainer[node];
    }
    /// The edge behind `slot`, one of `node`'s slots. Costs the retainer's out-edges plus its other slots to `node`:
    /// use edges() for all slots of a node.
    uint32_t edge(const HeapSnapshot& s, uint32_t node, uint32_t slot) const;
    /// The edges behind all of `node`'s slots, in slot order (one scan of each distinct retainer's out-edges).
    void edges(const HeapSnapshot& s, uint32_t node, std::vector<uint32_t>& out) const;
};

struct AnalysisTimings
{
    /// Per step, wall ms (steps on the two threads overlap: analyze()'s `timeline` has the order).
    double retainersMs = 0, domStateMs = 0, flagsMs = 0, shallowMs = 0, dominatorsMs = 0, distancesMs = 0,
           classesMs = 0;
    /// The Summary: keys and members, then the analysing thread's wait for them, then class retained sizes, the
    /// members' order (both threads) and the rows' order.
    double summaryKeysMs = 0, dominatorWaitMs = 0, summaryFinishMs = 0;
};

/// One step (or wait) of HeapAnalysis::analyze's timeline: which thread (0 = the calling one, 1 = the worker), start
/// and end in ms since analyze() began.
struct AnalysisStep
{
    const char* name;
    int thread;
    double startMs, endMs;
};

/// Everything DevTools' Memory panel computes from one snapshot, as flat arrays indexed by node ordinal.
/// Built once by analyze(), then immutable and shared between reports, views and threads.
///
/// Matches chrome-devtools-frontend's JSHeapSnapshot step for step (see docs/heap-semantics.md): DOM-state
/// propagation and "Detached " names, page-owned flags, essential edges, shallow-size reassignment,
/// Lengauer-Tarjan dominators with DevTools' orphan handling, retained sizes, distances, class names with
/// object-shape ({a, b}) inference.
class HeapAnalysis
{
public:
    /// `timeline` (optional, for benchmarks) receives every step and wait of both threads, in order of start.
    /// Without `sortMembers` the Summary's members stay in file order (summaryMembersSorted false): the CLI's
    /// commands never read their order, and sorting them is the analysis' last memory peak (16 bytes a member on
    /// top of everything else) and a tenth of its time; sortSummaryMembers() sorts them later if needed.
    static Result<std::shared_ptr<const HeapAnalysis>> analyze(std::shared_ptr<const HeapSnapshot> snapshot,
        const TaskControl& control = {}, std::vector<AnalysisStep>* timeline = nullptr, bool sortMembers = true);

    std::shared_ptr<const HeapSnapshot> snapshot;
    Retainers retainers;
    /// Per node: DOM state after propagation, NodeFlag bits and the renamed bit (layout at kStateDomMask). When
    /// analyze() holds the only reference to the snapshot, this is the file's detachedness column taken over
    /// (HeapSnapshot::nodeDetachedness, whose values are the DOM state bits), otherwise a copy of it.
    Column<uint8_t> state;
    /// The renames of DOM-state propagation, one per distinct old name, sorted by `from` (strictly ascending);
    /// empty when nothing was renamed. A renamed node (kStateRenamed) is named the entry of its file name: every
    /// rename is "Detached " + the node's own file name, and a node is renamed at most once. A few entries instead
    /// of a copy of the snapshot's nodeName column (4 bytes a node) as soon as one node is renamed.
    Column<RenamedName> renames;
    /// Names added by renaming, in order of first rename: the name index of extraNames[k] is snapshot strings
    /// count + k (the `to` of one entry of `renames`).
    std::vector<std::string> extraNames;
    SizeColumn selfSize; ///< bytes after DevTools' shallow-size reassignment
    Column<uint32_t> dominator; ///< immediate dominator ordinal; the root dominates itself
    SizeColumn retainedSize; ///< bytes
    /// The dominator tree's children as CSR: node n's children are dominated[firstDominated[n] ..
    /// firstDominated[n + 1] - 1], sorted once by retained size descending, then id ascending (the CLI's
    /// `dominators` order and the viewer's), and rowInParent(c) is c's position in its parent's range (a binary
    /// search in that order: no column of its own). A tree model is then three lookups per index with no
    /// allocation: child = dominatedChild(n, row), parent = dominatorParent(n), row = rowInParent(n).
    Column<uint32_t> firstDominated; ///< nodeCount + 1 CSR offsets into `dominated`
    Column<uint32_t> dominated; ///< children in the dominator tree, biggest retained first
    /// DevTools distance: 1 for user roots, >= 100000000 for system-only; -5 unreached (2 bytes a node, see
    /// DistanceColumn; `distance[node]` is the int32_t).
    DistanceColumn distance;
    ClassNames classes; ///< class per node, with this snapshot's own object-shape definitions
    /// DevTools' Summary of all objects, computed once here for every consumer (the CLI's `summary`, the viewer's
    /// Summary, the comparison's head side, growth series): buildSummary's rows in sortSummaryRows' order (rows by
    /// retained size; each class's members biggest retained first when summaryMembersSorted, else in file order).
    /// Stored in the analysis cache.
    std::vector<ClassAggregate> summary;
    bool summaryMembersSorted = false; ///< see analyze()'s `sortMembers` and sortSummaryMembers()
    uint32_t unreachableFromRoot = 0; ///< nodes DevTools reports as "unreachable from the root"
    uint32_t stillUnreachable = 0; ///< of those, the ones not reached from weak-only orphans either
    bool hasUserRoots = false;
    AnalysisTimings timings;

    static constexpr int32_t kNoDistance = DistanceColumn::kNoDistance;
    static constexpr int32_t kBaseSystemDistance = DistanceColumn::kBaseSystemDistance;

    uint32_t nodeCount() const
    {
        return snapshot->nodeCount;
    }
    uint32_t root() const
    {
        return snapshot->rootOrdinal;
    }
    DomState domState(uint32_t node) const
    {
        return DomState(state[node] & kStateDomMask);
    }
    /// The node's NodeFlag bits.
    uint8_t flags(uint32_t node) const
    {
        return uint8_t((state[node] & kStateFlagMask) >> kStateFlagShift);
    }
    /// True when DOM-state propagation renamed the node ("Detached " + its file name).
    bool renamed(uint32_t node) const
    {
        return !renames.empty() && (state[node] & kStateRenamed);
    }
    /// Index of the node's name: a snapshot string, or (from the snapshot's string count on) an extraNames entry.
    /// Without renames (or for a node not renamed) the file's name; a renamed node's name is looked up in `renames`.
    uint32_t nameId(uint32_t node) const
    {
        const uint32_t file = snapshot->nodeName[node];
        return renames.empty() || !(state[node] & kStateRenamed) ? file : renamedName(file);
    }
    /// The name index a rename gave the file's name `from` (binary search in `renames`), or `from` itself when it
    /// was not renamed.
    uint32_t renamedName(uint32_t from) const;
    /// The node's raw name as DevTools sees it (with a "Detached " prefix where propagation added one).
    std::string_view name(uint32_t node) const
    {
        const uint32_t i = nameId(node);
        const uint32_t n = snapshot->strings.size();
        return i < n ? snapshot->strings.get(i) : std::string_view(extraNames[i - n]);
    }
    std::string_view className(uint32_t node) const
    {
        return classes.className(node);
    }
    /// DevTools' display name: plain objects as "{a, b, …}", cons strings flattened, otherwise name().
    std::string displayName(uint32_t node) const;
    uint64_t totalSize() const
    {
        return retainedSize[root()] + snapshot->extraNativeBytes;
    }
    /// Ordinal of the node with this id, or kNoNode.
    uint32_t nodeForId(uint32_t id) const;

    /// Number of children of `node` in the dominator tree.
    uint32_t dominatedCount(uint32_t node) const
    {
        return firstDominated[node + 1] - firstDominated[node];
    }
    /// The `row`-th child of `node` in the dominator tree (row < dominatedCount(node)).
    uint32_t dominatedChild(uint32_t node, uint32_t row) const
    {
        return dominated[firstDominated[node] + row];
    }
    /// `node`'s index among its dominator's children (0 for the root).
    uint32_t rowInParent(uint32_t node) const;
    /// The parent of `node` in the dominator tree, kNoNode for the root.
    uint32_t dominatorParent(uint32_t node) const
    {
        return node == root() ? kNoNode : dominator[node];
    }

    /// DevTools' statistics (the Statistics view), from reassigned self sizes.
    struct Statistics
    {
        uint64_t total = 0, nativeTotal = 0, typedArrays = 0, v8Total = 0, code = 0, strings = 0, jsArrays = 0,
                 system = 0;
    };
    Statistics statistics() const;

private:
    mutable std::once_flag m_idOrderOnce;
    mutable std::vector<uint32_t> m_idOrder; ///< ordinals sorted by id, built on the kScanLookups + 1st call
    mutable std::atomic<uint32_t> m_idLookups { 0 };
};

} // namespace v8scope
