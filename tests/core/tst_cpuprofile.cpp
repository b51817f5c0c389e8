// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Hand-built profiles with expected numbers derived in comments, every input format, and malformed input.
#include "testutil.h"

#include <cpu/calltree.h>
#include <cpu/exporters.h>
#include <cpu/profilediff.h>
#include <cpu/profilereader.h>
#include <cpu/rollup.h>
#include <cpu/timing.h>

#include <catch2/catch.hpp>

using namespace v8scope;
using namespace testutil;

namespace {

std::shared_ptr<const CpuProfile> readString(const std::string& json, ProfileReadOptions options = {})
{
    TempFile f(json);
    auto r = ProfileReader::read(f.path, options);
    if (!r)
        FAIL(r.error().toString());
    return r.value().profile;
}

std::string readError(const std::string& json)
{
    TempFile f(json);
    auto r = ProfileReader::read(f.path);
    REQUIRE(!r.ok());
    std::string s = r.error().toString();
    return s.substr(f.path.size()); // drop the temporary file name
}

Timing timed(const CpuProfile& p, TimingOptions o = {})
{
    auto t = computeTiming(p, o);
    REQUIRE(t.ok());
    return t.value();
}

uint32_t fn(const CpuProfile& p, const std::string& name, const std::string& url = {})
{
    for (uint32_t f = 0; f < p.functions.size(); ++f)
        if (p.functions[f].name == name && (url.empty() || p.functions[f].url == url))
            return f;
    FAIL("no function " << name);
    return 0;
}

// root(1) -> a(2) -> b(3) -> a(4) (recursion); root -> (garbage collector)(5); root -> (idle)(6)
// start 0, end 10000 µs; samples at 1000 a, 2000 b, 3000 a>b>a, 4000 GC, 5000 idle, 6000 a, last sample end
// = 6000 + (6000-1000)/5 = 7000.
// Sample durations: a 1000, b 1000, a>b>a 1000, GC (on a>b>a) 1000, idle 1000, a 1000.
//   a: self 1000 + 1000 + 1000 = 3000 µs; total once per stack: samples 1000,2000,3000,4000,6000 = 5000.
//   b: self 1000; total 2000,3000,4000 = 3000.  GC: 1000 (self and total); idle 1000.
//   unattributed: [0,1000) and [7000,10000) = 4000.
const char* kTiny = R"J({"nodes":[
 {"id":1,"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},"children":[2,5,6]},
 {"id":2,"callFrame":{"functionName":"a","scriptId":"3","url":"file:///x.js","lineNumber":0,"columnNumber":0},"children":[3]},
 {"id":3,"callFrame":{"functionName":"b","scriptId":"3","url":"file:///x.js","lineNumber":5,"columnNumber":2},"children":[4]},
 {"id":4,"callFrame":{"functionName":"a","scriptId":"3","url":"file:///x.js","lineNumber":0,"columnNumber":0}},
 {"id":5,"callFrame":{"functionName":"(garbage collector)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}},
 {"id":6,"callFrame":{"functionName":"(idle)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}}],
 "startTime":0,"endTime":10000,"samples":[2,3,4,5,6,2],"timeDeltas":[1000,1000,1000,1000,1000,1000]})J";

} // namespace

TEST_CASE("perf timing of a tiny profile: recursion once, GC on the previous stack", "[cpu][timing]")
{
    const auto p = readString(kTiny);
    const Timing t = timed(*p);
    CHECK(p->lastSampleEnd == 7000);
    CHECK(t.functionSelf[fn(*p, "a")] == 3000);
    CHECK(t.functionTotal[fn(*p, "a")] == 5000);
    CHECK(t.functionSelf[fn(*p, "b")] == 3000 - 2000);
    CHECK(t.functionTotal[fn(*p, "b")] == 3000);
    CHECK(t.gc == 1000);
    CHECK(t.idle == 1000);
    CHECK(t.unattributed == 4000);
    CHECK(t.busy() == 10000 - 4000 - 1000);

    // Top-down, as text: the GC frame sits under the inner a.
    const CallTree td = CallTree::topDown(t);
    std::string shape;
    for (uint32_t x = 1; x < td.size(); ++x)
        shape += std::string(td.depth[x] * 2, ' ') + p->functions[td.function[x]].displayName() + " "
            + std::to_string(td.total[x]) + "\n";
    CHECK(shape
        == "  a 5000\n"
           "    b 3000\n"
           "      a 2000\n"
           "        (garbage collector) 1000\n"
           "  (idle) 1000\n");

    // Bottom-up: a's callers: (none) for the outer a, b for the inner a.
    const CallTree bu = CallTree::bottomUp(t);
    CHECK(bu.total[0] == 6000);

    // Flame layout: widths are totals, children start at the parent's x0.
    const auto frames = flameLayout(td);
    REQUIRE(frames.size() == 5);
    CHECK(frames[0].x0 == 0);
    CHECK(frames[0].x1 == 5000);
    CHECK(frames[4].x0 == 5000); // (idle) after a
    CHECK(frames[4].x1 == 6000);

    // Folded stacks: one line per path with self time.
    CHECK(foldedStacks(*p, t, td)
        == "a file:///x.js:1 2000\n"
           "a file:///x.js:1;b file:///x.js:6 1000\n"
           "a file:///x.js:1;b file:///x.js:6;a file:///x.js:1 1000\n"
           "a file:///x.js:1;b file:///x.js:6;a file:///x.js:1;(garbage collector) 1000\n"
           "(idle) 1000\n");
}

TEST_CASE("range clips sample intervals to the window", "[cpu][timing]")
{
    const auto p = readString(kTiny);
    TimingOptions o;
    o.range = std::make_pair(int64_t(2500), int64_t(4500));
    const Timing t = timed(*p, o);
    // [2500,3000) b, [3000,4000) a>b>a, [4000,4500) GC on a>b>a.
    CHECK(t.duration == 2000);
    CHECK(t.functionSelf[fn(*p, "b")] == 500);
    CHECK(t.functionSelf[fn(*p, "a")] == 1000);
    CHECK(t.functionTotal[fn(*p, "a")] == 2000);
    CHECK(t.gc == 500);
    CHECK(t.unattributed == 0);
    o.range = std::make_pair(int64_t(5), int64_t(5));
    CHECK(!computeTiming(*p, o).ok());
}

TEST_CASE("parent-only, legacy head and trace inputs give the same times", "[cpu][reader]")
{
    const auto base = readString(kTiny);
    const Timing bt = timed(*base);
    // Parent-only nodes (trace-derived .cpuprofile), no hitCount.
    const auto parentOnly = readString(R"J({"nodes":[
 {"id":1,"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}},
 {"id":2,"parent":1,"callFrame":{"functionName":"a","scriptId":"3","url":"file:///x.js","lineNumber":0,"columnNumber":0}},
 {"id":3,"parent":2,"callFrame":{"functionName":"b","scriptId":"3","url":"file:///x.js","lineNumber":5,"columnNumber":2}},
 {"id":4,"parent":3,"callFrame":{"functionName":"a","scriptId":"3","url":"file:///x.js","lineNumber":0,"columnNumber":0}},
 {"id":5,"parent":1,"callFrame":{"functionName":"(garbage collector)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}},
 {"id":6,"parent":1,"callFrame":{"functionName":"(idle)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}}],
 "startTime":0,"endTime":10000,"samples":[2,3,4,5,6,2],"timeDeltas":[1000,1000,1000,1000,1000,1000]})J");
    const Timing pt = timed(*parentOnly);
    CHECK(pt.functionTotal == bt.functionTotal);
    CHECK(pt.functionSelf == bt.functionSelf);
    CHECK(parentOnly->hitCount[1] == 2); // counted from samples: a sampled twice

    // Legacy: nested head, 1-based positions on the node, seconds, absolute timestamps.
    const auto legacy = readString(R"J({"head":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":0,
 "columnNumber":0,"hitCount":0,"id":1,"children":[
  {"functionName":"a","scriptId":"3","url":"file:///x.js","lineNumber":1,"columnNumber":1,"hitCount":2,"id":2,
   "children":[{"functionName":"b","scriptId":"3","url":"file:///x.js","lineNumber":6,"columnNumber":3,"hitCount":1,
   "id":3,"children":[{"functionName":"a","scriptId":"3","url":"file:///x.js","lineNumber":1,"columnNumber":1,
   "hitCount":1,"id":4,"children":[]}]}]},
  {"functionName":"(garbage collector)","scriptId":"0","url":"","lineNumber":0,"columnNumber":0,"hitCount":1,"id":5,"children":[]},
  {"functionName":"(idle)","scriptId":"0","url":"","lineNumber":0,"columnNumber":0,"hitCount":1,"id":6,"children":[]}]},
 "startTime":0,"endTime":0.01,"samples":[2,3,4,5,6,2],"timestamps":[1000,2000,3000,4000,5000,6000]})J");
    CHECK(legacy->format == "cpuprofile-legacy");
    CHECK(legacy->functions[legacy->function[1]].line == 0);
    const Timing lt = timed(*legacy);
    CHECK(lt.functionTotal[fn(*legacy, "a")] == 5000);
    CHECK(lt.gc == 1000);

    // Trace: Profile + two ProfileChunks (nodes with parent, omitted url/line), keyed by pid and id; a second
    // profile with fewer samples is listed but not chosen.
    const std::string trace = R"J({"traceEvents":[
 {"name":"Profile","ph":"P","pid":7,"tid":1,"ts":500,"id":"0x1","args":{"data":{"startTime":123}}},
 {"name":"ProfileChunk","ph":"P","pid":7,"tid":9,"ts":600,"id":"0x1","args":{"data":{"cpuProfile":{"nodes":[
  {"id":1,"callFrame":{"functionName":"(root)","scriptId":0}},
  {"id":2,"parent":1,"callFrame":{"functionName":"a","scriptId":3,"url":"file:///x.js","lineNumber":0,"columnNumber":0}},
  {"id":3,"parent":2,"callFrame":{"functionName":"b","scriptId":3,"url":"file:///x.js","lineNumber":5,"columnNumber":2}}],
  "samples":[2,3]},"timeDeltas":[1000,1000]}}},
 {"name":"Other","ph":"X","pid":7,"tid":1,"ts":700,"dur":5,"args":{"data":{"cpuProfile":{"nodes":[]}}}},
 {"name":"ProfileChunk","ph":"P","pid":7,"tid":9,"ts":800,"id":"0x1","args":{"data":{"cpuProfile":{"nodes":[
  {"id":4,"parent":3,"callFrame":{"functionName":"a","scriptId":3,"url":"file:///x.js","lineNumber":0,"columnNumber":0}},
  {"id":5,"parent":1,"callFrame":{"functionName":"(garbage collector)","scriptId":0}},
  {"id":6,"parent":1,"callFrame":{"functionName":"(idle)","scriptId":0}}],
  "samples":[4,5,6,2]},"timeDeltas":[1000,1000,1000,1000],"endTime":10123}}},
 {"name":"Profile","ph":"P","pid":8,"tid":1,"ts":0,"id":"0x1","args":{"data":{}}},
 {"name":"ProfileChunk","ph":"P","pid":8,"tid":1,"ts":0,"id":"0x1","args":{"data":{"cpuProfile":{"nodes":[
  {"id":1,"callFrame":{"functionName":"(root)","scriptId":0}}],"samples":[1]},"timeDeltas":[5]}}}]})J";
    TempFile tf(trace);
    auto tr = ProfileReader::read(tf.path);
    REQUIRE(tr.ok());
    CHECK(tr.value().available.size() == 2);
    CHECK(tr.value().chosenKey == "7:0x1");
    CHECK(tr.value().ambiguous);
    const CpuProfile& tp = *tr.value().profile;
    CHECK(tp.startTime == 500);
    CHECK(tp.endTime == 500 + 10000); // data.endTime - data.startTime
    CHECK(tp.functions[tp.function[tp.gcNode.index]].line == -1);
    // The samples alone (--model profile). The trace model would time the thread's events: here one 5 µs "Other"
    // event, which is also the whole trace window (DevTools' bounds come from B/E/X/I events only).
    TimingOptions samplesOnly;
    samplesOnly.model = TimingModel::Profile;
    const Timing tt = timed(tp, samplesOnly);
    CHECK(tt.functionTotal[fn(tp, "a")] == 5000);
    CHECK(tt.functionSelf[fn(tp, "b")] == 1000);
    const Timing traceModel = timed(tp);
    CHECK(traceModel.duration == 5);
    CHECK(traceModel.functionSelf[tp.eventFunction.at(0)] == 5);
    ProfileReadOptions pick;
    pick.profile = "8:0x1";
    auto tr2 = ProfileReader::read(tf.path, pick);
    REQUIRE(tr2.ok());
    CHECK(tr2.value().profile->sampleCount() == 1);
    pick.profile = "0x1";
    CHECK(!ProfileReader::read(tf.path, pick).ok()); // in two processes
}

TEST_CASE("fixMissingSamples and negative deltas (edge_cases sample)", "[cpu][timing]")
{
    auto r = ProfileReader::read(samplePath("cpu/edge_cases.cpuprofile"));
    REQUIRE(r.ok());
    const CpuProfile& p = *r.value().profile;
    // Sorted: the -500 µs delta puts the sample at 9600 before the one at 10100.
    CHECK(std::is_sorted(p.timestamps.begin(), p.timestamps.end()));
    CHECK(p.fixedProgramSamples == 1);
    const Timing t = timed(p);
    // fib: self 1 (node 3) + 3 (node 4, incl. the fixed (program) sample) ms; total 7 ms (outermost frame).
    CHECK(t.functionSelf[fn(p, "fib")] == 4000);
    CHECK(t.functionTotal[fn(p, "fib")] == 7000);
    CHECK(t.functionTotal[fn(p, "main", "file:///app/app.js")] == 8000);
    CHECK(t.functionTotal[fn(p, "main", "file:///app/other.js")] == 1000);
    CHECK(t.unattributed == 100);
    // Rollups: categories.
    const auto cats = rollup(p, t, RollupKey::Category);
    REQUIRE(!cats.empty());
    CHECK(cats[0].key == "user");
    CHECK(cats[0].self == 7000); // main 1 + fib 4 + leaf 1 + other.js main 1 ms
}

TEST_CASE("packages from node_modules paths", "[cpu][rollup]")
{
    CHECK(packageOf("file:///app/node_modules/lodash/index.js") == "lodash");
    CHECK(packageOf("/a/node_modules/@scope/pkg/lib/x.js") == "@scope/pkg");
    CHECK(packageOf("/a/node_modules/x/node_modules/y/z.js") == "y");
    CHECK(packageOf("file:///app/app.js").empty());
}

TEST_CASE("profile diff matches functions by name, url and line", "[cpu][diff]")
{
    const auto p = readString(kTiny);
    const Timing t = timed(*p);
    const ProfileDiff same = diffProfiles(*p, t, *p, t, false);
    for (const DiffRow& r : same.rows) {
        CHECK(r.selfDeltaMs() == 0);
        CHECK(r.inBase);
        CHECK(r.inHead);
    }
    TimingOptions o;
    o.range = std::make_pair(int64_t(0), int64_t(3000));
    const Timing half = timed(*p, o);
    const ProfileDiff d = diffProfiles(*p, t, *p, half, false);
    // a: base self 3 ms, head self 2 ms (samples at 1000 and 2000..3000 of b -> a only [1000,2000)).
    for (const DiffRow& r : d.rows)
        if (r.name == "a")
            CHECK(r.selfDeltaMs() == Approx(1.0 - 3.0));
}

TEST_CASE("malformed inputs give a one-line error with a byte offset", "[cpu][reader][errors]")
{
    CHECK(readError("") == ": byte 0: expected a CPU profile, found an empty file");
    CHECK(readError("{}")
        == ": byte 2: expected a CPU or heap profile (\"nodes\" or \"head\"), or trace events with "
           "a profile");
    CHECK(readError("{\"nodes\": 5}") == ": byte 11: expected an array for this key, found a number");
    CHECK(readError("{\"nodes\": {}}") == ": byte 10: expected an array for \"nodes\", found an object");
    CHECK(readError("{\"nodes\": [{\"callFrame\": {}}]}") == ": byte 11: expected an \"id\" in this profile node");
    CHECK(readError("{\"nodes\": [{\"id\": 1}, {\"id\": 1}]}") == ": byte 22: duplicate node id 1");
    CHECK(readError("{\"nodes\": [{\"id\": 1, \"children\": [9]}]}")
        == ": byte 11: node id 1 lists an unknown child id 9");
    CHECK(readError("{\"nodes\": [{\"id\": 1}], \"startTime\": 0, \"samples\": [1, 2], \"timeDeltas\": [1, 1]}")
        == ": byte 50: samples[1] refers to node id 2, which is not in the profile's tree");
    CHECK(readError("{\"nodes\": [{\"id\": 1}], \"startTime\": 0, \"samples\": [1], \"timeDeltas\": [1, 1]}")
        == ": byte 69: expected as many \"timeDeltas\" as \"samples\" (1), found 2");
    CHECK(readError("{\"nodes\": [{\"id\": 1}], \"samples\": [\"x\"]}")
        == ": byte 35: expected a number, found a string");
    CHECK(readError("{\"nodes\": [{\"id\": 1}]")
        == ": byte 21: invalid JSON: Missing a comma or '}' after an object member.");
    CHECK(readError("[{\"name\": \"X\"}]")
        == ": byte 15: expected a CPU profile (Profile and ProfileChunk trace events, or a CpuProfile event) in this "
           "trace");
    CHECK(readError("{\"nodes\": [{\"id\": 1}]} x")
        == ": byte 23: expected the end of the input after the JSON document");
}
