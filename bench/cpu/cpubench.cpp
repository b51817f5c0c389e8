// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// In-process timing of the CPU pipeline on one profile: read, perf timing, top-down, bottom-up, blocking.
// Built by run_bench.sh against the core library; prints one "step<TAB>ms" line per step (best of 5).
#include <cpu/blocking.h>
#include <cpu/calltree.h>
#include <cpu/profilereader.h>
#include <cpu/timing.h>

#include <chrono>
#include <cstdio>
#include <functional>

using namespace v8scope;

static double bestOf(int runs, const std::function<void()>& f)
{
    double best = 1e18;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        const auto t1 = std::chrono::steady_clock::now();
        best = std::min(best, std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    return best;
}

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: cpubench PROFILE\n");
        return 2;
    }
    std::shared_ptr<const CpuProfile> p;
    const double read = bestOf(5, [&] { p = ProfileReader::read(argv[1]).value().profile; });
    Timing t;
    const double timing = bestOf(5, [&] { t = computeTiming(*p).value(); });
    size_t n = 0;
    const double td = bestOf(5, [&] { n += CallTree::topDown(t).size(); });
    const double bu = bestOf(5, [&] { n += CallTree::bottomUp(t).size(); });
    const double bl = bestOf(5, [&] { n += findBlocking(*p).busyStretches; });
    const double all = bestOf(5, [&] {
        auto q = ProfileReader::read(argv[1]).value().profile;
        Timing u = computeTiming(*q).value();
        n += CallTree::topDown(u).size() + CallTree::bottomUp(u).size() + findBlocking(*q).busyStretches;
    });
    std::printf("nodes\t%zu\nsamples\t%zu\nread_ms\t%.1f\ntiming_ms\t%.1f\ntopdown_ms\t%.1f\nbottomup_ms\t%.1f\n"
                "blocking_ms\t%.1f\nall_in_process_ms\t%.1f\n",
        p->nodeCount(), p->sampleCount(), read, timing, td, bu, bl, all);
    return n == 0;
}
