// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "tracethread.h"

#include <common/index.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace v8scope {

using CpuNodeIndex = Index<struct CpuNodeTag>;
using FunctionIndex = Index<struct CpuFunctionTag>;

/// One function as DevTools' Performance panel identifies it (TraceTree.generateEventID):
/// (functionName, scriptId, or url when scriptId is empty, lineNumber, columnNumber). Line and column are the
/// file's 0-based values (-1 when unknown); DevTools shows line + 1.
struct FunctionInfo
{
    std::string name; ///< raw functionName, "" for anonymous code
    std::string url;
    std::string scriptId;
    int32_t line = -1;
    int32_t column = -1;
    /// A trace event name (Layout, Paint, MinorGC, ...) rather than a JS function: the Performance panel's
    /// rows for non-JS work in a trace (keyed by name, as DevTools' generateEventID does).
    bool traceEvent = false;

    /// The name DevTools shows: functionName or "(anonymous)".
    std::string displayName() const
    {
        return name.empty() ? std::string("(anonymous)") : name;
    }
};

enum class ProfileKind : uint8_t
{
    Cpu, ///< .cpuprofile or a profile taken from a trace; weights are microseconds
    Heap, ///< .heapprofile (sampling heap profile); weights are bytes
};

/// An immutable CPU or sampling heap profile as flat arrays.
///
/// Nodes are stored in DFS pre-order with the root at 0, so a parent always precedes its children and the
/// subtree of node n is the index range [n, n + subtreeSize[n]). Samples are sorted by timestamp (stable, as
/// DevTools' sortSamples) and have had fixMissingSamples applied; timestamps are absolute integer microseconds
/// on the profile's clock.
struct CpuProfile
{
    ProfileKind kind = ProfileKind::Cpu;
    std::string sourceName;
    /// Which input format it came from: "cpuprofile", "cpuprofile-legacy", "trace", "heapprofile".
    std::string format;

    // --- nodes (parallel arrays, index = CpuNodeIndex) ---
    std::vector<int64_t> nodeId; ///< id in the file
    std::vector<uint32_t> parent; ///< kInvalid for the root
    std::vector<uint32_t> depth; ///< root 0 here (DevTools' root depth is -1)
    std::vector<uint32_t> subtreeSize; ///< nodes in the subtree including the node itself
    std::vector<uint32_t> function; ///< FunctionIndex per node
    std::vector<uint32_t> hitCount; ///< from the file, or counted from samples when the file has none
    std::vector<uint64_t> selfSize; ///< heap profiles only: bytes allocated by the node itself
    std::vector<FunctionInfo> functions;
    uint32_t maxDepth = 0;

    /// Root children named (garbage collector), (program), (idle) (DevTools' extractMetaNodes: first of each).
    CpuNodeIndex gcNode;
    CpuNodeIndex programNode;
    CpuNodeIndex idleNode;

    // --- time (CPU profiles) ---
    int64_t startTime = 0; ///< µs
    int64_t endTime = 0; ///< µs
    std::vector<int64_t> timestamps; ///< sorted sample times, µs
    std::vector<uint32_t> samples; ///< node index per sample (after fixMissingSamples)
    /// End of the last sample: last + the average interval rounded to µs (DevTools normalizeTimestamps), or
    /// endTime for a single sample.
    int64_t lastSampleEnd = 0;
    uint64_t totalHitCount = 0;
    /// Samples that fixMissingSamples turned from a lone (program) into the previous sample's node.
    uint32_t fixedProgramSamples = 0;

    // --- heap profiles ---
    uint64_t heapSampleCount = 0;

    // --- traces ---
    /// The profiled thread's trace events (trace input only; null for .cpuprofile and .heapprofile).
    std::shared_ptr<const TraceThread> trace;
    /// FunctionIndex of each trace event name (TraceThread::names); these functions come after the ones the
    /// nodes use and have `traceEvent` set.
    std::vector<uint32_t> eventFunction;

    size_t nodeCount() const
    {
        return nodeId.size();
    }
    size_t sampleCount() const
    {
        return samples.size();
    }
    const FunctionInfo& functionOf(uint32_t node) const
    {
        return functions[function[node]];
    }
    bool isHeap() const
    {
        return kind == ProfileKind::Heap;
    }
};

} // namespace v8scope
