// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "blocking.h"
#include "cpuprofile.h"
#include "timing.h"

#include <common/error.h>

#include <string_view>
#include <vector>

namespace v8scope {

/// One entry of the profiled thread's timeline as the Performance panel's tree views get it: a trace event or a
/// JS frame (DevTools' ProfileCall) with its start and duration in µs (doubles, computed as DevTools computes
/// them, so that its nesting decisions are reproduced exactly).
struct TimelineEntry
{
    double ts = 0;
    double dur = 0;
    uint32_t function = 0; ///< FunctionIndex (JS function, or a trace event name's function)
    uint32_t node = UINT32_MAX; ///< profile node of a JS frame; UINT32_MAX for trace events
    bool topLevel = false; ///< RunTask in disabled-by-default-devtools.timeline (where windowed walks start)
    bool runTask = false; ///< named RunTask (the Bottom-up view filters these out)
};

/// The thread's timeline as DevTools' trace engine builds it for a trace (RendererHandler.buildHierarchy):
/// the thread's trace events merged with JS frames made from the samples (SamplesIntegrator.buildProfileCalls:
/// samples count only inside JS-invocation events or when no JS frame is open; a sample inside another event,
/// such as a Layout, is dropped and the open frames stretch over it; events carrying a sampleTraceId bring their
/// own JS stack; (program), (idle), (garbage collector) and the root never become frames), then nested into a
/// tree (TreeHelpers.treify: an event that ends after its parent is left out), in time order. Empty for
/// profiles without trace events.
std::vector<TimelineEntry> buildTraceTimeline(const CpuProfile& profile);

/// The Performance panel's Bottom-up numbers ("No grouping") for a trace's profiled thread, over the trace
/// bounds or `options.range` (µs from the trace start): every timeline entry clipped to the window, self = its
/// time minus its children's, total counted once per stack (BottomUpRootNode over forEachEvent, RunTask
/// excluded). The root's self (time no entry covers) is `unattributed`.
Result<Timing> computeTraceTiming(const CpuProfile& profile, const TimingOptions& options);
/// The same over a timeline already built (buildTraceTimeline), for several windows of one trace.
Result<Timing> computeTraceTiming(
    const CpuProfile& profile, const std::vector<TimelineEntry>& entries, const TimingOptions& options);

/// For a trace: each stretch's top functions become the Performance panel's Bottom-up rows over the stretch's
/// time (JS functions and trace events such as Layout or a GC), instead of the samples' self times.
void attributeStretchesToTimeline(
    const CpuProfile& profile, BlockingResult& blocking, uint32_t topN, const std::string& ignoreList = "off");

/// Category of a trace event name: "gc", "layout" (style and layout), "paint" (paint, raster, composite,
/// commit), "scripting" (script evaluation and compilation, callbacks, V8 work), "loading" (parsing HTML and
/// CSS, resources) or "other".
std::string_view traceEventCategory(std::string_view name);

} // namespace v8scope
