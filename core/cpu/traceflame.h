// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "flamegraph.h"
#include "tracetimeline.h"

#include <vector>

namespace v8scope {

/// The flame chart of a trace's profiled thread as the Performance panel draws its main track: the merged
/// timeline (buildTraceTimeline: trace events such as RunTask, FunctionCall, Layout or MinorGC, with the JS frames
/// the samples make nested inside them), one frame per entry at its nesting depth, in time order. x is in µs from
/// the profile's startTime (as flameChartRows, so the ruler, the timeline strip and time ranges agree), clipped to
/// the options' window, or to the profile's extent [0, end) when the window is empty: trace events outside the
/// sampled time are not drawn. self = the entry's time minus its children's; node = the profile node of a JS
/// frame, kNoFrame for a trace event. Empty when `entries` is (profiles without trace events).
FlameRows traceFlameChartRows(
    const CpuProfile& profile, const std::vector<TimelineEntry>& entries, const FlameChartOptions& options = {});

} // namespace v8scope
