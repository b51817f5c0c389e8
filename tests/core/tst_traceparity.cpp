// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// DevTools parity on the real Chrome traces: for every profiled renderer thread, every row of the Performance
// panel's Bottom-up view ("No grouping": JS functions and trace events such as Layout), whole trace and a
// window, as ../shared/oracle/trace_oracle.mjs wrote them into sample_profiles/reference/.
#include "testutil.h"

#include <cpu/profilereader.h>
#include <cpu/timing.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace v8scope;
using namespace testutil;

namespace {

std::vector<std::map<std::string, std::string>> readTsv(const std::string& rel)
{
    const auto lines = splitLines(readText(samplePath(rel)));
    const auto head = splitTabs(lines.at(0));
    std::vector<std::map<std::string, std::string>> rows;
    for (size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].empty())
            continue;
        const auto cells = splitTabs(lines[i]);
        std::map<std::string, std::string> row;
        for (size_t c = 0; c < head.size() && c < cells.size(); ++c)
            row[head[c]] = cells[c];
        rows.push_back(row);
    }
    return rows;
}

struct Outcome
{
    size_t rows = 0;
    size_t differ = 0;
    double worst = 0;
};

/// Every reference row against our numbers, and every function of ours with time against the reference.
Outcome compare(const CpuProfile& p, const Timing& t, const std::string& refRel)
{
    std::map<std::tuple<std::string, std::string, int, int>, uint32_t> byKey;
    std::map<std::string, uint32_t> byEvent;
    for (uint32_t f = 0; f < p.functions.size(); ++f) {
        const FunctionInfo& fn = p.functions[f];
        if (fn.traceEvent)
            byEvent[fn.name] = f;
        else
            byKey[{ fn.name, fn.scriptId, fn.line, fn.column }] = f;
    }
    Outcome o;
    std::vector<uint8_t> seen(p.functions.size(), 0);
    for (const auto& row : readTsv(refRel)) {
        const double refSelf = std::stod(row.at("self_ms"));
        const double refTotal = std::stod(row.at("total_ms"));
        const std::string& name = row.at("function");
        if (refSelf == 0 && refTotal == 0)
            continue; // network rows the view lists for their transfer size only
        INFO(refRel << ": " << name << " " << row.at("url") << ":" << row.at("line"));
        uint32_t f = UINT32_MAX;
        if (name.rfind("#event ", 0) == 0) {
            const auto it = byEvent.find(name.substr(7));
            REQUIRE(it != byEvent.end());
            f = it->second;
        } else {
            const auto it
                = byKey.find({ name, row.at("script_id"), std::stoi(row.at("line")), std::stoi(row.at("column")) });
            REQUIRE(it != byKey.end());
            f = it->second;
        }
        seen[f] = 1;
        const double self = t.toMs(t.functionSelf[f]);
        const double total = t.toMs(t.functionTotal[f]);
        CHECK(self == Approx(refSelf).margin(0.002));
        CHECK(total == Approx(refTotal).margin(0.002));
        const double d = std::max(std::fabs(self - refSelf), std::fabs(total - refTotal));
        ++o.rows;
        o.differ += d > 0.002;
        o.worst = std::max(o.worst, d);
    }
    // DevTools lists every function with self time > 0; so must the reference for each of ours.
    for (uint32_t f = 0; f < p.functions.size(); ++f) {
        INFO(refRel << ": ours only: " << p.functions[f].name);
        if (!seen[f])
            CHECK(t.toMs(t.functionSelf[f]) <= 0.002);
    }
    return o;
}

} // namespace

TEST_CASE("trace model equals the Performance panel's Bottom-up view on every real trace", "[cpu][trace][parity]")
{
    size_t threads = 0;
    for (const char* name : { "chromium_trace", "chromium_two_renderers" }) {
        for (const auto& m : readTsv(std::string("reference/") + name + ".traces.tsv")) {
            ProfileReadOptions ro;
            ro.profile = m.at("pid") + ":" + m.at("profile");
            auto r = ProfileReader::read(samplePath(std::string("cpu/") + name + ".json.gz"), ro);
            REQUIRE(r.ok());
            const CpuProfile& p = *r.value().profile;
            REQUIRE(p.trace);
            REQUIRE(!p.trace->events.empty());
            auto full = computeTiming(p);
            REQUIRE(full.ok());
            const std::string stem = std::string("reference/") + name + "." + m.at("pid");
            const Outcome a = compare(p, full.value(), stem + ".full.tsv");
            TimingOptions w;
            w.range = std::make_pair(std::llround(std::stod(m.at("window_start_ms")) * 1000),
                std::llround(std::stod(m.at("window_end_ms")) * 1000));
            auto windowed = computeTiming(p, w);
            REQUIRE(windowed.ok());
            const Outcome b = compare(p, windowed.value(), stem + ".window.tsv");
            CHECK(a.rows > 20);
            CHECK(b.rows > 3);
            CHECK(a.differ == 0);
            CHECK(b.differ == 0);
            ++threads;
        }
    }
    CHECK(threads == 3);
}

TEST_CASE("profile model keeps the samples-only numbers on a trace", "[cpu][trace]")
{
    ProfileReadOptions ro;
    ro.profile = "23139:0x1";
    auto r = ProfileReader::read(samplePath("cpu/chromium_trace.json.gz"), ro);
    REQUIRE(r.ok());
    const CpuProfile& p = *r.value().profile;
    TimingOptions o;
    o.model = TimingModel::Profile;
    auto t = computeTiming(p, o);
    REQUIRE(t.ok());
    // Samples only: no trace event has time, and the (idle) samples are a row of their own.
    for (uint32_t f = 0; f < p.functions.size(); ++f)
        if (p.functions[f].traceEvent)
            CHECK(t.value().functionSelf[f] == 0);
    CHECK(t.value().idle > 0);
    auto perf = computeTiming(p);
    REQUIRE(perf.ok());
    CHECK(perf.value().idle == 0);
}

TEST_CASE("trace model: each JS frame counts the samples whose leaf it is (pprof's samples value)", "[cpu][trace]")
{
    ProfileReadOptions ro;
    ro.profile = "23139:0x1";
    auto r = ProfileReader::read(samplePath("cpu/chromium_trace.json.gz"), ro);
    REQUIRE(r.ok());
    const CpuProfile& p = *r.value().profile;
    auto perf = computeTiming(p);
    REQUIRE(perf.ok());
    const WeightedTree& w = perf.value().tree;
    // Expected, derived independently: samples in the trace bounds whose leaf is a JS frame (not the root,
    // (program), (idle) or (garbage collector), which never become frames), per profile node. A JS frame's samples
    // are those of its node while it runs, so per node the tree's counts can only be at most these (samples
    // dropped inside non-JS events, such as a Layout, still lie inside their frame: they count too).
    std::map<uint32_t, uint64_t> expected;
    uint64_t expectedTotal = 0;
    for (size_t i = 0; i < p.sampleCount(); ++i) {
        const uint32_t n = p.samples[i];
        if (n == 0 || n == p.programNode.index || n == p.idleNode.index || n == p.gcNode.index)
            continue;
        ++expected[n];
        ++expectedTotal;
    }
    std::map<uint32_t, uint64_t> counted;
    uint64_t total = 0;
    for (uint32_t x = 1; x < w.size(); ++x) {
        if (w.selfSamples[x] == 0)
            continue;
        REQUIRE(w.profileNode[x] != UINT32_MAX); // trace events (Layout, GC, ...) have no samples
        counted[w.profileNode[x]] += w.selfSamples[x];
        total += w.selfSamples[x];
    }
    REQUIRE(expectedTotal > 100);
    for (const auto& [node, n] : counted) {
        INFO("node " << node);
        CHECK(n <= expected[node]);
    }
    // Most JS samples land inside a frame of theirs (the rest fall in gaps DevTools leaves out, or outside the
    // trace bounds); before this count, every frame had 0 and pprof's samples column was empty.
    CHECK(total > expectedTotal * 9 / 10);
    CHECK(total <= expectedTotal);
}
