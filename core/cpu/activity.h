// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"

#include <cstdint>
#include <vector>

namespace v8scope {

/// What the profiled thread did during one time bucket, in µs (sample intervals split across buckets, as
/// timing.h measures them: sample i lasts ts[i+1] - ts[i], the last one until lastSampleEnd).
struct ActivityBucket
{
    int64_t startUs = 0; ///< from the profile's startTime
    int64_t endUs = 0;
    int64_t scriptUs = 0; ///< every frame but the three below: JavaScript, builtins, native code
    int64_t gcUs = 0; ///< (garbage collector)
    int64_t programUs = 0; ///< (program): V8 or Node outside JavaScript
    int64_t idleUs = 0; ///< (idle): waiting in the event loop

    /// Share of the bucket the thread was busy (script + GC + program), 0..1.
    double busyShare() const
    {
        return endUs > startUs ? double(scriptUs + gcUs + programUs) / double(endUs - startUs) : 0.0;
    }
};

/// The profile's activity over [0, duration) in `bucketCount` equal buckets (the timeline strip). CPU profiles
/// only: a heap profile gives no buckets.
std::vector<ActivityBucket> cpuActivity(const CpuProfile& profile, uint32_t bucketCount);

} // namespace v8scope
