// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "blocking.h"

#include "timing.h"

#include <algorithm>
#include <unordered_map>

namespace v8scope {

namespace {

constexpr uint32_t kNone = UINT32_MAX;
/// A gap this many times the median interval inside a stretch means the sampler starved.
constexpr int64_t kStarvationFactor = 10;

int64_t medianInterval(const CpuProfile& p)
{
    std::vector<int64_t> d;
    d.reserve(p.sampleCount());
    for (size_t i = 1; i < p.sampleCount(); ++i)
        d.push_back(p.timestamps[i] - p.timestamps[i - 1]);
    if (d.empty())
        return 0;
    std::nth_element(d.begin(), d.begin() + d.size() / 2, d.end());
    return d[d.size() / 2];
}

/// Fills the stretch's top self functions, dominant frame and GC time from samples [i, j).
void describe(const CpuProfile& p, const std::vector<uint32_t>& gcParent, const std::vector<uint32_t>& shown, size_t i,
    size_t j, int64_t end, uint32_t topN, BlockingStretch& s)
{
    std::unordered_map<uint32_t, int64_t> self;
    struct FrameTime
    {
        int64_t t = 0;
        uint32_t depth = 0;
        size_t lastSample = SIZE_MAX;
    };
    std::unordered_map<uint32_t, FrameTime> frames;
    for (size_t k = i; k < j; ++k) {
        const int64_t d = (k + 1 < p.sampleCount() ? p.timestamps[k + 1] : p.lastSampleEnd) - p.timestamps[k];
        const uint32_t node = p.samples[k];
        self[p.function[shown[node]]] += d;
        if (p.gcNode.valid() && node == p.gcNode.index)
            s.gcUs += d;
        if (k > i)
            s.maxGapUs = std::max(s.maxGapUs, p.timestamps[k] - p.timestamps[k - 1]);
        // Frames on this sample's stack, each function once (GC sits on the previous sample's stack).
        uint32_t top = gcParent[k] != kNone ? gcParent[k] : node;
        uint32_t depth = p.depth[top] + (gcParent[k] != kNone ? 1 : 0);
        auto add = [&](uint32_t f, uint32_t dep) {
            FrameTime& ft = frames[f];
            if (ft.lastSample == k)
                return;
            ft.lastSample = k;
            ft.t += d;
            ft.depth = std::max(ft.depth, dep);
        };
        if (gcParent[k] != kNone)
            add(p.function[node], depth--);
        for (uint32_t x = top; x != 0 && x != kNone; x = p.parent[x])
            if (shown[x] == x) // frames the ignore list hides are not on the stack
                add(p.function[x], depth--);
    }
    std::vector<BlockingFunction> tops;
    for (const auto& [f, t] : self)
        tops.push_back({ f, t });
    std::sort(tops.begin(), tops.end(), [](const BlockingFunction& a, const BlockingFunction& b) {
        return a.selfUs != b.selfUs ? a.selfUs > b.selfUs : a.function < b.function;
    });
    if (tops.size() > topN)
        tops.resize(topN);
    s.topFunctions = std::move(tops);
    const int64_t total = end - p.timestamps[i];
    uint32_t best = kNone;
    FrameTime bestFt;
    for (const auto& [f, ft] : frames) {
        if (ft.t * 10 < total * 9)
            continue;
        const bool better = best == kNone || ft.depth > bestFt.depth
            || (ft.depth == bestFt.depth && (ft.t > bestFt.t || (ft.t == bestFt.t && f < best)));
        if (better) {
            best = f;
            bestFt = ft;
        }
    }
    s.dominantFunction = best;
}

} // namespace

BlockingResult findBlocking(const CpuProfile& p, const BlockingOptions& options)
{
    BlockingResult r;
    r.hasIdle = p.idleNode.valid();
    r.medianIntervalUs = medianInterval(p);
    if (!r.hasIdle)
        r.warnings.push_back(
            "the profile has no (idle) sample: the event loop never waited while it was recorded (a synchronous "
            "batch job or CLI run), or the embedder does not report idle time (some Deno versions, other V8 "
            "embedders); the whole profile is one busy stretch, reported even when startup and exit are excluded");
    const size_t n = p.sampleCount();
    const std::vector<uint32_t> gcParent = gcParents(p);
    // shown[x]: x, or for a frame the ignore list hides (ignored, and its caller ignored too) its nearest shown
    // ancestor. Nodes are in pre-order, so a parent is resolved before its children.
    std::vector<uint32_t> shown(p.nodeCount());
    const auto& ignored = options.ignoredFunctions;
    auto isIgnored = [&](uint32_t x) { return x != 0 && p.function[x] < ignored.size() && ignored[p.function[x]]; };
    for (uint32_t x = 0; x < shown.size(); ++x)
        shown[x] = x != 0 && isIgnored(x) && isIgnored(p.parent[x]) ? shown[p.parent[x]] : x;
    const uint32_t idle = r.hasIdle ? p.idleNode.index : kNone;
    size_t starved = 0;
    int64_t worstGap = 0;
    size_t i = 0;
    while (i < n) {
        if (p.samples[i] == idle) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < n && p.samples[j] != idle)
            ++j;
        const int64_t end = j < n ? p.timestamps[j] : p.lastSampleEnd;
        ++r.busyStretches;
        BlockingStretch s;
        s.startUs = p.timestamps[i] - p.startTime;
        s.durationUs = end - p.timestamps[i];
        s.samples = uint32_t(j - i);
        s.firstSample = uint32_t(i);
        s.startup = i == 0;
        s.exit = j == n;
        // Without (idle) samples the one stretch is the whole run: excluding it as startup or exit would hide it.
        const bool dropped = r.hasIdle && ((s.startup && options.excludeStartup) || (s.exit && options.excludeExit));
        if (s.durationUs >= options.thresholdUs && !dropped) {
            describe(p, gcParent, shown, i, j, end, options.topFunctions, s);
            if (r.medianIntervalUs > 0 && s.maxGapUs > kStarvationFactor * r.medianIntervalUs) {
                ++starved;
                worstGap = std::max(worstGap, s.maxGapUs);
            }
            r.stretches.push_back(std::move(s));
        }
        i = j;
    }
    if (starved)
        r.warnings.push_back(std::to_string(starved) + " reported stretch(es) have a gap of up to "
            + std::to_string(worstGap / 1000) + " ms between samples (median interval "
            + std::to_string(r.medianIntervalUs)
            + " us): the sampler starved, so durations are right but the "
              "attribution is thin");
    return r;
}

} // namespace v8scope
