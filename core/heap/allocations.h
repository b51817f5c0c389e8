// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// Allocation tracking (snapshots recorded with HeapProfiler.startTrackingHeapObjects{trackAllocations:true}:
// DevTools' .heaptimeline, or any .heapsnapshot with trace_function_infos and trace_tree): DevTools'
// AllocationProfile. Per object its allocation stack (its trace_node_id's path in the trace tree), per function
// the allocations and what is still alive (the Allocation view), and per function its callers (the bottom-up tree
// the Allocation view expands).

#include "filters.h"

#include <common/error.h>
#include <common/progress.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace v8scope {

class HeapAnalysis;
struct HeapSnapshot;

/// One function of trace_function_infos (DevTools' FunctionAllocationInfo) with its totals over the trace nodes
/// that allocated (count > 0).
struct AllocationFunction
{
    std::string_view name; ///< "" for anonymous functions (DevTools shows "(anonymous)")
    std::string_view scriptName;
    uint32_t scriptId = 0;
    uint32_t line = 0; ///< as in the file: 1-based, 0 when unknown
    uint32_t column = 0;
    uint64_t count = 0; ///< objects allocated (the trace tree's counts)
    uint64_t size = 0; ///< bytes allocated
    uint64_t liveCount = 0; ///< objects of this snapshot allocated there
    uint64_t liveSize = 0; ///< their DevTools self sizes
};

/// The callers of one function as DevTools' Allocation view expands it (BottomUpAllocationNode): node 0 is the
/// function itself, each node's children are the distinct functions that called it on some allocating stack, with
/// the counts of the stacks through them. Children are listed as the view shows them: by allocated size
/// descending, ties in the order DevTools met them.
struct AllocationCallers
{
    std::vector<uint32_t> function; ///< index into AllocationProfile::functions
    std::vector<uint32_t> parent; ///< UINT32_MAX for node 0
    std::vector<uint64_t> count, size, liveCount, liveSize;
    std::vector<uint32_t> firstChild; ///< nodeCount()+1 CSR offsets into `children`
    std::vector<uint32_t> children;
    /// Per node, the allocating trace nodes whose stacks pass through it (DevTools' traceTopIds), as trace node
    /// indices: nodeCount()+1 CSR offsets into `traceTops`.
    std::vector<uint32_t> traceTopFirst;
    std::vector<uint32_t> traceTops;

    uint32_t nodeCount() const
    {
        return uint32_t(function.size());
    }
};

/// DevTools' AllocationProfile of one analysed snapshot. Immutable once built; shares the analysis (function
/// names are views into its string table).
class AllocationProfile
{
public:
    /// Whether the snapshot was recorded with allocation tracking (trace_function_count > 0 and a trace tree).
    static bool available(const HeapSnapshot& snapshot);
    /// Builds the profile; errors when the snapshot has no allocation tracking data or its trace tree refers to
    /// functions or strings that do not exist (DevTools fails on such files).
    static Result<std::shared_ptr<const AllocationProfile>> build(
        std::shared_ptr<const HeapAnalysis> analysis, const TaskControl& control = {});

    std::shared_ptr<const HeapAnalysis> analysis;
    std::vector<AllocationFunction> functions; ///< in trace_function_infos order; 0 is "(root)"

    /// The top-down trace tree, flat in file order (pre-order; node 0 is the root). Per trace node: its id (what
    /// objects' trace_node_id refer to), function, parent (UINT32_MAX for the root), the allocation count and size
    /// recorded there and the live objects of this snapshot whose trace_node_id is its id.
    std::vector<uint32_t> traceId, traceFunction, traceParent;
    std::vector<uint64_t> traceCount, traceSize, traceLiveCount, traceLiveSize;
    std::vector<uint32_t> traceFirstChild; ///< traceNodeCount()+1 CSR offsets into traceChildren (file order)
    std::vector<uint32_t> traceChildren;

    uint32_t traceNodeCount() const
    {
        return uint32_t(traceId.size());
    }
    /// The trace node with this id (the last one when ids repeat, as DevTools), or UINT32_MAX.
    uint32_t traceNodeForId(uint32_t id) const;

    /// DevTools' Allocation view top level (serializeTraceTops): the functions that allocated, by allocated size
    /// descending, ties in function order.
    std::vector<uint32_t> topFunctions() const;

    /// The allocation stack of node `ordinal` (DevTools' allocationStack): trace nodes from the allocating frame
    /// out to the root, into `out`. Empty when the object has no trace node id or an unknown one.
    void allocationStack(uint32_t ordinal, std::vector<uint32_t>& out) const;

    /// The callers tree of `function` (DevTools' bottom-up tree for one Allocation view row). Empty (no nodes)
    /// when the function allocated nothing.
    AllocationCallers callers(uint32_t function) const;

    /// The objects allocated on the stacks through callers node `node` (node 0: everything the function
    /// allocated): DevTools' Summary filter for a selected Allocation view row (createAllocationStackFilter).
    NodeMask allocatedAt(const AllocationCallers& callers, uint32_t node) const;

private:
    std::vector<uint32_t> m_idIndex; ///< dense id -> trace node (when ids are small), else empty
    std::vector<std::pair<uint32_t, uint32_t>> m_idSorted; ///< (id, trace node) sorted, when ids are sparse
};

} // namespace v8scope
