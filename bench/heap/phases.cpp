// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
//
// Phase timing and memory breakdown of v8scope's heap pipeline on one snapshot, for bench/ only (not part of the
// product build). Built by bench/heap/phases.sh against the release core library.
//
// usage: phases FILE [--parser-baselines] [--sort-members] [--rss]
//
// Prints, per phase: wall ms, process CPU ms (both threads), RSS and peak RSS (VmHWM) after the phase; then the
// analysis' own step timings and the bytes held by every array of HeapSnapshot and HeapAnalysis. With
// --rss it also samples the RSS every 5 ms during the analysis and prints each step's highest sample (where the
// peak is). With --parser-baselines it also times, on the same file: plain 1 MiB reads, InputStream byte-by-byte, and
// RapidJSON's SAX reader with an empty handler in iterative and in recursive mode (what the parser costs before
// the snapshot handler does anything).
#include <common/bigblocks.h>
#include <common/inputstream.h>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>
#include <heap/summary.h>

#include <rapidjson/reader.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace v8scope;

namespace {

double nowMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
long statusKb(const char* key)
{
    std::ifstream f("/proc/self/status");
    std::string line;
    const size_t n = std::strlen(key);
    while (std::getline(f, line))
        if (line.compare(0, n, key) == 0)
            return std::stol(line.substr(n + 1));
    return -1;
}

struct Phase
{
    double wall0 = nowMs(), cpu0 = cpuMs();
    void end(const char* name)
    {
        const double w = nowMs() - wall0, c = cpuMs() - cpu0;
        std::printf("%-28s %9.1f ms wall %9.1f ms cpu   rss %7.1f MB   peak %7.1f MB\n", name, w, c,
            statusKb("VmRSS:") / 1024.0, statusKb("VmHWM:") / 1024.0);
        wall0 = nowMs();
        cpu0 = cpuMs();
    }
};

template <typename V> double mb(const V& v)
{
    return double(v.capacity() * sizeof(typename V::value_type)) / 1e6;
}

double mb(const SizeColumn& c)
{
    return mb(c.low()) + mb(c.overflow().entries());
}

double mb(const DistanceColumn& c)
{
    return mb(c.codes()) + mb(c.overflow().entries());
}

void parserBaselines(const std::string& path)
{
    {
        Phase p;
        std::FILE* f = std::fopen(path.c_str(), "rb");
        std::vector<char> buf(1 << 20);
        uint64_t sum = 0;
        size_t n;
        while (f && (n = std::fread(buf.data(), 1, buf.size(), f)) > 0)
            sum += uint8_t(buf[n - 1]);
        if (f)
            std::fclose(f);
        std::printf("(checksum %llu) ", (unsigned long long)sum);
        p.end("baseline: fread 1 MiB");
    }
    {
        Phase p;
        auto in = InputStream::open(path);
        uint64_t digits = 0;
        if (in) {
            InputStream& s = *in.value();
            for (char c; (c = s.Take()) != '\0';)
                digits += unsigned(c - '0') < 10;
        }
        std::printf("(digits %llu) ", (unsigned long long)digits);
        p.end("baseline: InputStream Take");
    }
    for (int iterative = 1; iterative >= 0; --iterative) {
        Phase p;
        auto in = InputStream::open(path);
        if (in) {
            rapidjson::Reader reader;
            rapidjson::BaseReaderHandler<> handler;
            if (iterative)
                reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag>(*in.value(), handler);
            else
                reader.Parse<rapidjson::kParseStopWhenDoneFlag>(*in.value(), handler);
        }
        p.end(iterative ? "baseline: RapidJSON iterative" : "baseline: RapidJSON recursive");
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: phases FILE [--parser-baselines] [--sort-members] [--rss]\n");
        return 2;
    }
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 20); // as the CLI (cli/main.cpp): the same allocations, the same peak RSS
#endif
    const std::string path = argv[1];
    bool baselines = false, sortMembers = false; // the CLI's loads leave the Summary's members in file order
    bool sampleRss = false;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--parser-baselines") == 0)
            baselines = true;
        else if (std::strcmp(argv[i], "--sort-members") == 0)
            sortMembers = true; // as the viewer's loads
        else if (std::strcmp(argv[i], "--rss") == 0)
            sampleRss = true;
        else {
            std::fprintf(stderr, "phases: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (baselines)
        parserBaselines(path);

    Phase p;
    // As loadHeap: freed arrays are moved into the next ones until the analysis is done (common/bigblocks.h).
    std::optional<bigblocks::ReuseScope> reuse(std::in_place);
    auto snap = SnapshotReader::read(path);
    if (!snap) {
        std::fprintf(stderr, "%s\n", snap.error().toString().c_str());
        return 2;
    }
    p.end("parse (SnapshotReader)");
    std::vector<AnalysisStep> timeline;
    // RSS samples (ms since analyze() began, MiB) from a thread of their own, when asked.
    std::vector<std::pair<double, double>> samples;
    std::atomic<bool> sampling { sampleRss };
    const double analyzeStart = nowMs();
    std::thread sampler([&] {
        while (sampling.load()) {
            samples.emplace_back(nowMs() - analyzeStart, statusKb("VmRSS:") / 1024.0);
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    });
    // Moved, as the CLI's loader does: the analysis then takes the file's self sizes over instead of copying them.
    auto analysis = HeapAnalysis::analyze(std::move(snap.value()), {}, &timeline, sortMembers);
    sampling = false;
    sampler.join();
    if (!analysis) {
        std::fprintf(stderr, "%s\n", analysis.error().toString().c_str());
        return 2;
    }
    reuse.reset();
    p.end("analyze (HeapAnalysis)");
    const auto rows = buildSummary(*analysis.value(), analysis.value()->classes);
    p.end("summary (buildSummary)");

    const HeapAnalysis& a = *analysis.value();
    const HeapSnapshot& s = *a.snapshot;
    const AnalysisTimings& t = a.timings;
    std::printf("\nanalysis steps (ms, wall; the dominator tree's chain on thread 0, the rest on thread 1):\n"
                "  retainers %.1f  domState %.1f  flags+essential %.1f  shallow %.1f  dominators+retained+tree %.1f"
                "  distances %.1f  classes %.1f\n"
                "  summary keys+members %.1f  thread 0 waits %.1f  summary finish %.1f\n",
        t.retainersMs, t.domStateMs, t.flagsMs, t.shallowMs, t.dominatorsMs, t.distancesMs, t.classesMs,
        t.summaryKeysMs, t.dominatorWaitMs, t.summaryFinishMs);
    std::printf("\ntimeline (thread, start - end ms, step):\n");
    for (const AnalysisStep& step : timeline) {
        double peak = 0; // the highest RSS sample within the step, when sampled
        for (const auto& [ms, rss] : samples)
            if (ms >= step.startMs && ms <= step.endMs)
                peak = std::max(peak, rss);
        std::printf("  %d %8.1f - %8.1f %8.1f  %-32s", step.thread, step.startMs, step.endMs, step.endMs - step.startMs,
            step.name);
        std::printf(sampleRss ? "  rss max %7.1f MB\n" : "\n", peak);
    }
    std::printf("\n%u nodes, %u edges, %u strings, %zu summary rows\n", s.nodeCount, s.edgeCount, s.strings.size(),
        rows.size());

    double snapTotal = 0, anaTotal = 0;
    auto line = [](const char* name, double v, double& total) {
        std::printf("  %-24s %8.1f MB\n", name, v);
        total += v;
    };
    std::printf("\nHeapSnapshot arrays (capacity):\n");
    line("nodeType", mb(s.nodeType), snapTotal);
    line("nodeName", mb(s.nodeName), snapTotal);
    line("nodeId", mb(s.nodeId), snapTotal);
    line("nodeSelfSize", mb(s.nodeSelfSize), snapTotal);
    line("firstEdge", mb(s.firstEdge), snapTotal);
    line("nodeTraceNodeId", mb(s.nodeTraceNodeId), snapTotal);
    line("nodeDetachedness", mb(s.nodeDetachedness), snapTotal);
    line("edgeWords (type+target)", mb(s.edgeWords), snapTotal);
    line("edgeNameOrIndex", mb(s.edgeNameOrIndex), snapTotal);
    line("locations (node, site)", mb(s.locations), snapTotal);
    line("locationSites", mb(s.locationSites), snapTotal);
    line("strings (bytes)", double(s.strings.byteSize()) / 1e6, snapTotal);
    line("strings (offsets, u32)", mb(s.strings.lowOffsets()) + mb(s.strings.wraps()), snapTotal);
    std::printf("  %-24s %8.1f MB\n", "total", snapTotal);
    std::printf("\nHeapAnalysis arrays (capacity):\n");
    line("retainers.firstRetainer", mb(a.retainers.firstRetainer), anaTotal);
    line("retainers.retainerNode", mb(a.retainers.retainerNode), anaTotal);
    line("retainers.weak (bits)", mb(a.retainers.weak.words()), anaTotal);
    line("retainers.essential", mb(a.retainers.essential.words()), anaTotal);
    line("state (DOM, flags, ren.)", mb(a.state), anaTotal);
    line("renames", mb(a.renames), anaTotal);
    line("selfSize (u32+overflow)", mb(a.selfSize), anaTotal);
    line("dominator", mb(a.dominator), anaTotal);
    line("retainedSize (u32+ovf)", mb(a.retainedSize), anaTotal);
    line("firstDominated", mb(a.firstDominated), anaTotal);
    line("dominated", mb(a.dominated), anaTotal);
    line("distance (u16+overflow)", mb(a.distance), anaTotal);
    line("classes.classId", mb(a.classes.classId), anaTotal);
    std::printf("  %-24s %8.1f MB\n", "total", anaTotal);
    std::printf(
        "\nsnapshot + analysis arrays %.1f MB; peak RSS %.1f MB\n", snapTotal + anaTotal, statusKb("VmHWM:") / 1024.0);
    const bigblocks::Stats blocks = bigblocks::stats();
    std::printf("big blocks (bigblocks.h, 32 MiB and more): %.1f MB mapped fresh, %.1f MB reused from freed blocks\n",
        blocks.freshBytes / 1e6, blocks.reusedBytes / 1e6);
    return 0;
}
