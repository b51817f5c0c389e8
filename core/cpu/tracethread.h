// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace v8scope {

/// One trace event of the profiled thread as DevTools' RendererHandler keeps it: complete (`X`) and instant
/// (`I`) events, and `B`/`E` pairs turned into complete events (matched on one stack across the whole file, in
/// file order, as DevTools does; a `B` without its `E` keeps duration 0).
struct TraceEvent
{
    double ts = 0; ///< µs, as in the file
    double dur = 0; ///< µs (0 when the file has none)
    uint32_t name = 0; ///< index into TraceThread::names
    int64_t sampleTraceId = 0; ///< args.sampleTraceId / args.data.sampleTraceId / args.beginData.sampleTraceId
    bool instant = false; ///< ph "I"
    bool topLevel = false; ///< RunTask in the disabled-by-default-devtools.timeline category
};

/// The trace events of the thread a CPU profile sampled, what DevTools' trace engine merges with the samples
/// (core/cpu/tracetimeline.h). Events are sorted as DevTools sorts a thread's entries (start time, then the
/// longer first; stable).
struct TraceThread
{
    int64_t pid = 0;
    int64_t tid = 0;
    std::vector<TraceEvent> events;
    std::vector<std::string> names; ///< distinct event names
    /// The profile's `trace_ids` (ProfileChunk cpuProfile.trace_ids): trace id -> profile node id. A trace event
    /// whose sampleTraceId is here carries that node's JS stack.
    std::unordered_map<int64_t, int64_t> traceIds;
    /// Trace bounds as DevTools' MetaHandler computes them over the whole file (µs): the earliest `ts` and the
    /// latest end of B/E/X/I events with a non-zero ts whose name does not end in "::UMA"; the start is the
    /// TracingStartedInBrowser event's ts when there is one.
    double boundsMin = 0;
    double boundsMax = 0;
};

} // namespace v8scope
