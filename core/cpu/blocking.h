// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"

#include <string>
#include <vector>

namespace v8scope {

struct BlockingOptions
{
    int64_t thresholdUs = 50'000; ///< report stretches at least this long
    bool excludeStartup = false; ///< drop the stretch that begins with the first sample (bootstrap)
    bool excludeExit = false; ///< drop the stretch that runs to the end of the profile (exit, profile write)
    uint32_t topFunctions = 3;
    /// DevTools' ignore list (ignoredFunctions() in timing.h; empty = off): a frame whose function is ignored and
    /// whose caller's is too is hidden, its self time going to the outermost ignored frame of the chain, as the
    /// Performance panel's trees show it. Stretches themselves do not change; top functions and the dominant
    /// frame do.
    std::vector<uint8_t> ignoredFunctions;
};

struct BlockingFunction
{
    uint32_t function;
    int64_t selfUs;
};

/// A busy stretch: a maximal run of consecutive samples that are not the top-level (idle) node. It starts at
/// its first sample and ends at the next (idle) sample (or the end of the last sample).
struct BlockingStretch
{
    int64_t startUs = 0; ///< from the profile's startTime
    int64_t durationUs = 0;
    uint32_t samples = 0;
    uint32_t firstSample = 0; ///< index into the profile's sorted samples
    std::vector<BlockingFunction> topFunctions; ///< by self time in the stretch, descending
    /// The deepest frame present for at least 90 % of the stretch (UINT32_MAX when none): the callback entry or
    /// the loop that blocked.
    uint32_t dominantFunction = UINT32_MAX;
    int64_t gcUs = 0;
    int64_t maxGapUs = 0; ///< the longest time between two samples inside the stretch
    bool startup = false;
    bool exit = false;
};

struct BlockingResult
{
    std::vector<BlockingStretch> stretches; ///< at or above the threshold, in time order
    uint32_t busyStretches = 0; ///< all stretches, before the threshold and exclusions
    int64_t medianIntervalUs = 0;
    bool hasIdle = false;
    std::vector<std::string> warnings;
};

/// Event-loop blocking from a Node.js CPU profile (spec section 4.2). Sample times are DevTools' (sorted,
/// ts[i+1] - ts[i], the last sample lasting the average interval); GC samples sit on the previous sample's
/// stack for the dominant frame.
BlockingResult findBlocking(const CpuProfile& profile, const BlockingOptions& options = {});

} // namespace v8scope
