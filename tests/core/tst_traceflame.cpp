// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The flame chart of a trace (traceFlameChartRows over buildTraceTimeline): a hand-made timeline with the depths,
// clipping and self times derived in comments, and the real Chrome trace's main track (rows sorted and
// non-overlapping, every frame inside a frame one row up, trace events and JS frames both drawn).
#include "testutil.h"

#include <cpu/profilereader.h>
#include <cpu/traceflame.h>

#include <catch2/catch.hpp>

using namespace v8scope;
using namespace testutil;

TEST_CASE("trace flame chart: depths, clipping and self from a hand-made timeline", "[cpu][traceflame]")
{
    // A profile that starts at 1000 µs and ends at 1100 µs, and a timeline (absolute µs, time order, parents
    // first):
    //   A [1000, 1060)            depth 0; children B (20) and C (10): self 60 - 30 = 30
    //     B [1010, 1030)          depth 1, self 20
    //     C [1040, 1050)          depth 1, self 10
    //   D [1070, 1150)            depth 0, drawn [70, 100): clipped at the profile's end; self 80
    //   E [900, 950)              before the profile: not drawn (ends before x = 0)
    CpuProfile p;
    p.startTime = 1000;
    p.endTime = 1100;
    p.lastSampleEnd = 1100;
    std::vector<TimelineEntry> t(5);
    t[0] = { 900, 50, 4 };
    t[1] = { 1000, 60, 0 };
    t[2] = { 1010, 20, 1, 7 };
    t[3] = { 1040, 10, 2 };
    t[4] = { 1070, 80, 3 };
    const FlameRows r = traceFlameChartRows(p, t);
    REQUIRE(r.rows() == 2);
    REQUIRE(r.size() == 4);
    CHECK(r.extent0 == 0);
    CHECK(r.extent1 == 100);
    // Row 0: A then D; row 1: B then C.
    CHECK(r.function == std::vector<uint32_t> { 0, 3, 1, 2 });
    CHECK(r.x0 == std::vector<int64_t> { 0, 70, 10, 40 });
    CHECK(r.x1 == std::vector<int64_t> { 60, 100, 30, 50 });
    CHECK(r.self == std::vector<int64_t> { 30, 80, 20, 10 });
    CHECK(r.total == std::vector<int64_t> { 60, 80, 20, 10 });
    CHECK(r.node == std::vector<uint32_t> { FlameRows::kNoFrame, FlameRows::kNoFrame, 7, FlameRows::kNoFrame });
    // A window [15, 45): A [15, 45), B [15, 30), C [40, 45); D is outside.
    FlameChartOptions o;
    o.windowStart = 15;
    o.windowEnd = 45;
    const FlameRows w = traceFlameChartRows(p, t, o);
    CHECK(w.x0 == std::vector<int64_t> { 15, 15, 40 });
    CHECK(w.x1 == std::vector<int64_t> { 45, 30, 45 });
    CHECK(w.depth == std::vector<uint32_t> { 0, 1, 1 });
    CHECK(traceFlameChartRows(p, {}).size() == 0);
}

TEST_CASE("trace flame chart of the Chrome trace sample", "[cpu][traceflame]")
{
    auto read = ProfileReader::read(samplePath("cpu/chromium_trace.json.gz"));
    REQUIRE(read.ok());
    const CpuProfile& p = *read.value().profile;
    REQUIRE(p.trace);
    const std::vector<TimelineEntry> entries = buildTraceTimeline(p);
    REQUIRE(!entries.empty());
    const FlameRows r = traceFlameChartRows(p, entries);
    REQUIRE(r.size() > 100);
    bool traceEvent = false, jsFrame = false;
    for (uint32_t d = 0; d < r.rows(); ++d) {
        for (uint32_t i = r.rowBegin[d]; i < r.rowBegin[d + 1]; ++i) {
            CHECK(r.depth[i] == d);
            CHECK(r.x0[i] < r.x1[i]);
            CHECK(r.x0[i] >= r.extent0);
            CHECK(r.x1[i] <= r.extent1);
            if (i > r.rowBegin[d])
                CHECK(r.x0[i] >= r.x1[i - 1]); // in x order, not overlapping
            if (d > 0) {
                // Inside a frame of the row above (flameFrameAt finds it at the frame's start).
                const uint32_t up = flameFrameAt(r, d - 1, double(r.x0[i]));
                REQUIRE(up != FlameRows::kNoFrame);
                CHECK(r.x1[i] <= r.x1[up]);
            }
            traceEvent |= p.functions[r.function[i]].traceEvent;
            jsFrame |= r.node[i] != FlameRows::kNoFrame;
        }
    }
    CHECK(traceEvent); // RunTask, FunctionCall, Layout, ...: the events the samples-only chart lacks
    CHECK(jsFrame);
}
