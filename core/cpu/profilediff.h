// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"
#include "timing.h"

#include <string>
#include <vector>

namespace v8scope {

/// One function across two profiles, matched by name + URL + line (scriptIds differ between runs; functions
/// with the same match key in one profile are summed).
struct DiffRow
{
    std::string name; ///< display name
    std::string url;
    int32_t line = -1;
    double baseSelfMs = 0;
    double baseTotalMs = 0;
    double headSelfMs = 0; ///< scaled by `scale` when normalised
    double headTotalMs = 0;
    double baseSelfPct = 0; ///< of each profile's non-idle time
    double baseTotalPct = 0;
    double headSelfPct = 0;
    double headTotalPct = 0;
    bool inBase = false;
    bool inHead = false;
    double selfDeltaMs() const
    {
        return headSelfMs - baseSelfMs;
    }
    double totalDeltaMs() const
    {
        return headTotalMs - baseTotalMs;
    }
};

struct ProfileDiff
{
    std::vector<DiffRow> rows; ///< by |self delta| descending, then total delta, then name, url, line
    double baseBusyMs = 0;
    double headBusyMs = 0; ///< before normalisation
    double scale = 1; ///< factor applied to head times (--normalize: base busy / head busy)
};

/// Per-function self/total deltas between two timed profiles (HEAD - BASE). With `normalize`, head times are
/// scaled so that both profiles have the same non-idle time (pprof's -normalize).
ProfileDiff diffProfiles(
    const CpuProfile& base, const Timing& baseTiming, const CpuProfile& head, const Timing& headTiming, bool normalize);

} // namespace v8scope
