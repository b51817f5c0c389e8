// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// libFuzzer target: the profile reader (.cpuprofile, trace JSON, .heapprofile, plain or gzip) on arbitrary bytes,
// then timing, both call trees, blocking and the exporters when the bytes form a profile.
#include <cpu/blocking.h>
#include <cpu/calltree.h>
#include <cpu/exporters.h>
#include <cpu/profilediff.h>
#include <cpu/profilereader.h>
#include <cpu/rollup.h>
#include <cpu/timing.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace v8scope;
    ProfileReadOptions options;
    options.input.maxDecompressedBytes = 16 << 20;
    options.input.bufferBytes = (size & 1) ? 64 : 4096;
    auto in = InputStream::fromMemory("fuzz", data, size, options.input);
    auto read = ProfileReader::read(*in, options);
    if (!read) {
        if (read.error().message.empty())
            std::abort();
        return 0;
    }
    const CpuProfile& profile = *read.value().profile;
    for (TimingModel model : { TimingModel::Perf, TimingModel::HitCount }) {
        TimingOptions to;
        to.model = model;
        auto timing = computeTiming(profile, to);
        if (!timing)
            continue;
        const CallTree topDown = CallTree::topDown(timing.value());
        (void)CallTree::bottomUp(timing.value());
        (void)flameLayout(topDown);
        (void)foldedStacks(profile, timing.value(), topDown);
        (void)pprofGzip(profile, timing.value());
        for (RollupKey by : { RollupKey::Function, RollupKey::Url, RollupKey::Package, RollupKey::Category })
            (void)rollup(profile, timing.value(), by);
        (void)diffProfiles(profile, timing.value(), profile, timing.value(), true);
    }
    (void)findBlocking(profile);
    return 0;
}
