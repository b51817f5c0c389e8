// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "calltree.h"
#include "cpuprofile.h"
#include "timing.h"

#include <cstdint>
#include <vector>

namespace v8scope {

/// A flame graph or flame chart ready to draw and hit-test: frames grouped by depth (row), each row's frames in
/// x order and not overlapping, with the weight each frame stands for. x is in weight units (µs, hits or bytes;
/// flame charts: µs from the profile's startTime). Pure data; the drawing lives in the viewer.
struct FlameRows
{
    static constexpr uint32_t kNoFrame = UINT32_MAX;

    std::vector<int64_t> x0; ///< per frame, sorted by (depth, x0)
    std::vector<int64_t> x1;
    std::vector<uint32_t> depth;
    std::vector<uint32_t> node; ///< call tree node (flame graph) or profile node (flame chart)
    std::vector<uint32_t> function; ///< FunctionIndex
    std::vector<int64_t> self; ///< weight units: the frame's own weight (chart: time as the leaf)
    std::vector<int64_t> total; ///< weight units: the frame and everything above it
    std::vector<uint32_t> rowBegin; ///< depth d's frames are [rowBegin[d], rowBegin[d + 1])
    int64_t extent0 = 0; ///< the whole graph's horizontal range
    int64_t extent1 = 0;

    size_t size() const
    {
        return x0.size();
    }
    uint32_t rows() const
    {
        return rowBegin.empty() ? 0 : uint32_t(rowBegin.size() - 1);
    }
};

enum class FlameWidth : uint8_t
{
    Total, ///< top-down flame graph: a frame is as wide as its total
    Self, ///< inverted (bottom-up) flame graph: a function row as wide as its self, split by caller chains
};

/// The flame graph of a CallTree, rows grouped by depth, each node's children laid out heaviest first by the width
/// measure: top-down with FlameWidth::Total, a bottom-up tree with FlameWidth::Self (each function as wide as its
/// self weight, callers above it). Frames of zero width are left out with their subtrees. No recursion.
FlameRows flameGraphRows(const CallTree& tree, FlameWidth width = FlameWidth::Total);

struct FlameChartOptions
{
    bool includeIdle = false; ///< draw (idle) samples (DevTools leaves them out)
    bool includeProgram = false; ///< draw (program) samples
    /// Window in µs from startTime; [0, 0) = the whole profile.
    int64_t windowStart = 0;
    int64_t windowEnd = 0;
};

/// The flame chart (DevTools' Performance panel): stacks in time order, a frame per run of consecutive samples
/// sharing the same profile node at that depth. Sample i lasts ts[i+1] - ts[i] (the last one until
/// lastSampleEnd); a GC sample is drawn on top of the stack it interrupted (timing.h gcParents). CPU profiles
/// only (a heap profile has no time order: empty result).
FlameRows flameChartRows(const CpuProfile& profile, const FlameChartOptions& options = {});

/// The frame of row `depth` whose [x0, x1) contains x, or kNoFrame. Binary search: O(log frames in the row).
uint32_t flameFrameAt(const FlameRows& rows, uint32_t depth, double x);

/// Appends to `out` the frames of row `depth` that overlap [v0, v1) and are at least `minWidth` wide (units),
/// in x order, skipping runs of narrower frames by binary search, so a row costs O(visible frames x log n)
/// however many tiny frames it holds. `out` is cleared first (reuse it to paint without allocating).
void visibleFrames(
    const FlameRows& rows, uint32_t depth, double v0, double v1, double minWidth, std::vector<uint32_t>& out);

/// The horizontal window of a flame view, in weight units, kept inside [lo, hi] and at least minSpan wide.
struct FlameViewport
{
    double x0 = 0;
    double x1 = 0;

    double span() const
    {
        return x1 - x0;
    }
    /// Zooms by `factor` (< 1 zooms in) keeping `anchor` at the same screen position.
    FlameViewport zoomedAt(double anchor, double factor, double lo, double hi, double minSpan) const;
    /// Moves by dx units, clamped to [lo, hi].
    FlameViewport panned(double dx, double lo, double hi) const;
};

} // namespace v8scope
