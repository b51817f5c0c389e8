// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "activity.h"

#include <algorithm>

namespace v8scope {

std::vector<ActivityBucket> cpuActivity(const CpuProfile& p, uint32_t bucketCount)
{
    std::vector<ActivityBucket> out;
    const int64_t duration = std::max(p.endTime, p.lastSampleEnd) - p.startTime;
    if (p.isHeap() || bucketCount == 0 || duration <= 0)
        return out;
    out.resize(bucketCount);
    // Bucket b covers [b * duration / n, (b + 1) * duration / n), integer µs, so the buckets tile exactly.
    auto edge = [&](uint64_t b) { return int64_t(b * uint64_t(duration) / bucketCount); };
    for (uint32_t b = 0; b < bucketCount; ++b) {
        out[b].startUs = edge(b);
        out[b].endUs = edge(b + 1);
    }
    const uint32_t idle = p.idleNode.valid() ? p.idleNode.index : UINT32_MAX;
    const uint32_t program = p.programNode.valid() ? p.programNode.index : UINT32_MAX;
    const uint32_t gc = p.gcNode.valid() ? p.gcNode.index : UINT32_MAX;
    for (size_t i = 0; i < p.sampleCount(); ++i) {
        int64_t a = std::clamp<int64_t>(p.timestamps[i] - p.startTime, 0, duration);
        const int64_t e = std::clamp<int64_t>(
            (i + 1 < p.sampleCount() ? p.timestamps[i + 1] : p.lastSampleEnd) - p.startTime, 0, duration);
        const uint32_t s = p.samples[i];
        if (s == 0)
            continue; // the root itself: time no frame covers
        int64_t ActivityBucket::*field = s == idle ? &ActivityBucket::idleUs
            : s == program                         ? &ActivityBucket::programUs
            : s == gc                              ? &ActivityBucket::gcUs
                                                   : &ActivityBucket::scriptUs;
        // Bucket of a: the largest b with edge(b) <= a.
        uint32_t b = uint32_t(std::min<uint64_t>(uint64_t(a) * bucketCount / uint64_t(duration), bucketCount - 1));
        while (b > 0 && out[b].startUs > a)
            --b;
        while (b + 1 < bucketCount && out[b].endUs <= a)
            ++b;
        while (a < e && b < bucketCount) {
            const int64_t cut = std::min(e, out[b].endUs);
            out[b].*field += cut - a;
            a = cut;
            ++b;
        }
    }
    return out;
}

} // namespace v8scope
