// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Microbenchmarks of the heap pipeline, one per step (Google Benchmark), so that a regression shows up in the step
// that caused it rather than only in the end-to-end numbers of bench/scale. Every benchmark works on one snapshot:
// $V8SCOPE_MICROBENCH_FILE, or the bundled sample express_s3 (tiny: useful only to check that the steps run).
// A plain (not gzip) file takes the mapped, parallel parse path; the parse benchmarks run it on 1 and 2 threads.
//
//   build/release/bench/micro/v8scope-microbench --benchmark_filter=Dominators
//   V8SCOPE_MICROBENCH_FILE=/data/heap-300mb.heapsnapshot v8scope-microbench --benchmark_repetitions=3
//
// Steps that need earlier steps' results rebuild them outside the timed region (PauseTiming), so each benchmark
// times its own step only. See bench/README.md.
#include <benchmark/benchmark.h>
#include <heap/heapanalysis.h>
#include <heap/heapsteps.h>
#include <heap/snapshotreader.h>
#include <heap/summary.h>

#include <cstdio>
#include <cstdlib>
#include <latch>
#include <memory>
#include <string>

using namespace v8scope;
using namespace v8scope::heapsteps;

namespace {

std::string inputPath()
{
    const char* env = std::getenv("V8SCOPE_MICROBENCH_FILE");
    return env && *env ? std::string(env) : std::string(V8SCOPE_SAMPLES) + "/heap/express_s3.heapsnapshot.gz";
}

std::shared_ptr<const HeapSnapshot> parse(unsigned threads)
{
    InputOptions options;
    options.parseThreads = threads;
    auto r = SnapshotReader::read(inputPath(), options);
    if (!r.ok()) {
        std::fprintf(stderr, "v8scope-microbench: %s\n", r.error().toString().c_str());
        std::exit(2);
    }
    return r.value();
}

const std::shared_ptr<const HeapSnapshot>& snapshot()
{
    static const std::shared_ptr<const HeapSnapshot> s = parse(0);
    return s;
}

const HeapAnalysis& analysis()
{
    static const std::shared_ptr<const HeapAnalysis> a = [] {
        auto r = HeapAnalysis::analyze(snapshot());
        if (!r.ok()) {
            std::fprintf(stderr, "v8scope-microbench: %s\n", r.error().toString().c_str());
            std::exit(2);
        }
        return r.value();
    }();
    return *a;
}

/// The state HeapAnalysis::analyze has when it reaches the dominator step (retainers, DOM state, flags,
/// essential edges, reassigned shallow sizes).
struct BeforeDominators
{
    std::unique_ptr<HeapAnalysis> a = std::make_unique<HeapAnalysis>();
    std::unique_ptr<WeakMapEdgeCache> weakMaps;
    BitVector essential;
    BeforeDominators()
    {
        a->snapshot = snapshot();
        propagateDomState(*a, {});
        calculateFlags(*a, {});
        a->hasUserRoots = hasUserRoots(*a->snapshot);
        weakMaps = std::make_unique<WeakMapEdgeCache>(*a->snapshot);
        essential = essentialEdges(*a, *weakMaps, {});
        a->retainers = buildRetainers(*a->snapshot, essential, {});
        calculateShallowSizes(*a, {});
    }
};

void counters(benchmark::State& state)
{
    const HeapSnapshot& s = *snapshot();
    state.counters["nodes"] = double(s.nodeCount);
    state.counters["edges"] = double(s.edgeCount);
    state.counters["MB/s"]
        = benchmark::Counter(double(s.sourceBytes) / 1e6, benchmark::Counter::kIsIterationInvariantRate);
}

/// The whole parse (the number scanner of the nodes/edges arrays on a plain file, RapidJSON for the rest).
void BM_Parse(benchmark::State& state)
{
    for (auto _ : state) {
        auto s = parse(unsigned(state.range(0)));
        benchmark::DoNotOptimize(s->nodeCount);
    }
    counters(state);
}
BENCHMARK(BM_Parse)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Retainers(benchmark::State& state)
{
    const HeapSnapshot& s = *snapshot();
    BeforeDominators prep; // the essential bits the slots copy
    for (auto _ : state) {
        Retainers r = buildRetainers(s, prep.essential, {});
        benchmark::DoNotOptimize(r.firstRetainer.data());
    }
    counters(state);
}
BENCHMARK(BM_Retainers)->Unit(benchmark::kMillisecond);

void BM_EssentialEdges(benchmark::State& state)
{
    BeforeDominators prep;
    for (auto _ : state) {
        BitVector bits = essentialEdges(*prep.a, *prep.weakMaps, {});
        benchmark::DoNotOptimize(bits.get(0));
    }
    counters(state);
}
BENCHMARK(BM_EssentialEdges)->Unit(benchmark::kMillisecond);

/// Lengauer-Tarjan, retained sizes and the sorted dominated-children CSR.
void BM_Dominators(benchmark::State& state)
{
    for (auto _ : state) {
        state.PauseTiming();
        auto prep = std::make_unique<BeforeDominators>();
        state.ResumeTiming();
        std::latch ready(0); // the retainers and shallow sizes are built already
        benchmark::DoNotOptimize(calculateDominators(*prep->a, prep->essential, ready, ready, {}));
        state.PauseTiming();
        prep.reset();
        state.ResumeTiming();
    }
    counters(state);
}
BENCHMARK(BM_Dominators)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Distances(benchmark::State& state)
{
    for (auto _ : state) {
        state.PauseTiming();
        auto prep = std::make_unique<BeforeDominators>();
        state.ResumeTiming();
        calculateDistances(*prep->a, *prep->weakMaps, {});
        benchmark::DoNotOptimize(prep->a->distance.codes().data());
        state.PauseTiming();
        prep.reset();
        state.ResumeTiming();
    }
    counters(state);
}
BENCHMARK(BM_Distances)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ClassNames(benchmark::State& state)
{
    const HeapAnalysis& a = analysis();
    for (auto _ : state) {
        ClassNames c = ClassNames::compute(a, nullptr);
        benchmark::DoNotOptimize(c);
    }
    counters(state);
}
BENCHMARK(BM_ClassNames)->Unit(benchmark::kMillisecond);

/// DevTools' Summary: the class aggregation (counts, shallow, class retained sizes, distances, members).
void BM_ClassAggregation(benchmark::State& state)
{
    const HeapAnalysis& a = analysis();
    for (auto _ : state) {
        auto rows = buildSummary(a, a.classes);
        benchmark::DoNotOptimize(rows.data());
    }
    counters(state);
}
BENCHMARK(BM_ClassAggregation)->Unit(benchmark::kMillisecond);

/// The whole analysis (both cores, as every command runs it).
void BM_Analyze(benchmark::State& state)
{
    for (auto _ : state) {
        auto r = HeapAnalysis::analyze(snapshot());
        benchmark::DoNotOptimize(r.ok());
    }
    counters(state);
}
BENCHMARK(BM_Analyze)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
