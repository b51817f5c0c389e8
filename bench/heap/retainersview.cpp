// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
//
// Times RetainersView::compute (DevTools' "Ignore this retainer": the Retainers view's distances recomputed without
// the ignored nodes, what the viewer runs on a worker per click), for bench/ only. Built by
// bench/heap/retainersview.sh.
//
// usage: retainersview FILE [RUNS]
//
// Loads FILE through loadHeap (the analysis cache applies), then ignores, one set at a time: nothing; the object
// on the shortest retaining path of the biggest non-root object just below a user root (cuts the most); the
// biggest object's dominator chain's first 3 nodes; each RUNS times (default 5). Prints one line per set: nodes
// ignored, min and median wall and CPU ms, nodes unreachable without them, ignored WeakMap edges.
#include <heap/heapanalysis.h>
#include <heap/heaploader.h>
#include <heap/retainersview.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

using namespace v8scope;

namespace {
double nowMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
/// This thread's CPU time: on a shared machine wall time also counts the other processes' turns.
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: retainersview FILE [RUNS]\n");
        return 2;
    }
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const double t0 = nowMs();
    auto loaded = loadHeap(argv[1], HeapLoadOptions {}, TaskControl {});
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().toString().c_str());
        return 2;
    }
    const auto analysis = loaded.value().analysis;
    const HeapAnalysis& a = *analysis;
    std::printf("loaded %s: %u nodes in %.0f ms (cache %s); ordinary distances took %.1f ms in the analysis\n", argv[1],
        a.nodeCount(), nowMs() - t0, loaded.value().fromCache ? "hit" : "miss", a.timings.distancesMs);

    // The root's biggest dominated child and, below it, the chain of biggest children: ignoring its top cuts the
    // most; three of them cut deeper.
    std::vector<uint32_t> chain;
    for (uint32_t n = a.root(); chain.size() < 3 && a.dominatedCount(n) > 0;) {
        n = a.dominatedChild(n, 0);
        chain.push_back(n);
    }
    const std::vector<std::vector<uint32_t>> sets = { {}, { chain.empty() ? a.root() : chain.front() }, chain };
    for (const auto& set : sets) {
        std::vector<double> ms, cpu;
        std::shared_ptr<const RetainersView> view;
        for (int r = 0; r < runs; ++r) {
            const double s = nowMs(), c = cpuMs();
            view = RetainersView::compute(analysis, set);
            ms.push_back(nowMs() - s);
            cpu.push_back(cpuMs() - c);
        }
        std::sort(ms.begin(), ms.end());
        std::sort(cpu.begin(), cpu.end());
        uint32_t unreachable = 0;
        for (uint32_t n = 0; n < a.nodeCount(); ++n)
            unreachable += !RetainersView::isReachable(view->distance(n));
        std::printf("ignore %zu node(s): wall min %.1f median %.1f ms, cpu min %.1f median %.1f ms; %u nodes "
                    "unreachable, %zu ignored edges\n",
            set.size(), ms.front(), ms[ms.size() / 2], cpu.front(), cpu[cpu.size() / 2], unreachable,
            view->ignoredEdges().size());
    }
    return 0;
}
