// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// LeakFinder on the samples: memlab's baseline/target/final and unbounded growth.
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <diff/leakfilter.h>
#include <diff/leakfinder.h>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {
LeakResult leaksOf(std::initializer_list<const char*> names)
{
    std::vector<std::string> paths;
    for (const char* n : names)
        paths.push_back(testutil::samplePath(std::string("heap/") + n + ".heapsnapshot.gz"));
    auto r = findLeaks(paths);
    if (!r)
        FAIL(r.error().toString());
    return r.value();
}
} // namespace

TEST_CASE("leak_s1..s3: the sessions of the second batch leak through the sessionCache Map", "[diff][leaks]")
{
    const LeakResult r = leaksOf({ "leak_s1", "leak_s2", "leak_s3" });
    CHECK(r.sameProcess);
    REQUIRE(r.clusters.size() == 1);
    const LeakCluster& c = r.clusters.front();
    CHECK(c.className == "Session");
    CHECK(c.roots == 400); // requests 301..700: allocated between s1 and s2, still cached in s3
    CHECK(c.retained == 400 * 688);
    CHECK(c.signature.find("sessionCache:Map > table:(array) > []:Session") != std::string::npos);
    REQUIRE(!c.path.empty());
    CHECK(c.path.back().className == "Session");

    // Unbounded growth: Session 300 -> 700 -> 1300, retained as in the Summary of each snapshot.
    const GrowthSeries* session = nullptr;
    for (const GrowthSeries& g : r.classes)
        if (g.name == "Session")
            session = &g;
    REQUIRE(session);
    CHECK(session->countGrows);
    CHECK(session->count == std::vector<uint32_t> { 300, 700, 1300 });
    CHECK(session->retained == std::vector<uint64_t> { 206472, 481672, 894472 });
    CHECK(r.growingCount() >= 5);
    // The Map cache's retained size grows in every step, at most by the memory of the sessions it holds.
    const GrowthSeries& top = r.classes.front();
    CHECK((top.name == "Map" || top.name == "system / Context"));
    CHECK(top.retainedGrows);
}

TEST_CASE("control snapshots: no leak clusters, nothing grows in every step", "[diff][leaks]")
{
    const LeakResult r = leaksOf({ "control_a", "control_b", "control_b" });
    CHECK(r.sameProcess);
    CHECK(r.clusters.empty());
    CHECK(r.growingCount() == 0);
}

TEST_CASE("leaks refuses fewer than 3 snapshots and notices different processes", "[diff][leaks]")
{
    auto few = findLeaks({ testutil::samplePath("heap/leak_s1.heapsnapshot.gz") });
    REQUIRE_FALSE(few);
    CHECK_THAT(few.error().message, Catch::Contains("at least 3"));
    const LeakResult r = leaksOf({ "control_a", "control_b", "shapes" });
    CHECK_FALSE(r.sameProcess);
    CHECK(r.clusters.empty());
    CHECK_THAT(r.processNote, Catch::Contains("shapes"));
}

TEST_CASE(
    "emitter_s1..s3: listeners on an EventEmitter leak, and the suspect says it holds the Session", "[diff][leaks]")
{
    // sample_profiles/scripts/emitter_leak.js: 1500 connections between s1 and s2 each register a closure on
    // `configBus` that captures a Session (own 256-byte Buffer, an onData closure); nothing else keeps the
    // sessions. The top-level leaked objects are the listener Functions; Session is inside them.
    const LeakResult r = leaksOf({ "emitter_s1", "emitter_s2", "emitter_s3" });
    REQUIRE(r.clusters.size() == 1);
    CHECK(r.filtered.empty());
    const LeakCluster& c = r.clusters.front();
    CHECK(c.className == "Function");
    CHECK(c.roots == 1500);
    CHECK(
        c.signature.find("configBus:EventEmitter > _events:Object > config:Array > []:Function") != std::string::npos);
    // What they hold, by retained size: each listener's context (its own and, nested, the onData closure's:
    // 3000 contexts counted once each), then the Session. Every Session retains 624 bytes: DevTools' Summary of
    // emitter_s3 (reference/emitter_s3.summary.tsv) has Session count 3020, retained 1884480 = 3020 x 624.
    REQUIRE(c.holds.size() >= 3);
    CHECK(c.holds[0].className == "system / Context");
    CHECK(c.holds[0].count == 3000);
    CHECK(c.holds[1].className == "Session");
    CHECK(c.holds[1].count == 1500);
    CHECK(c.holds[1].retained == 1500 * 624);
    CHECK(c.holds[2].className == "Buffer");
    // The representative's chain: closure -> its context -> the captured session -> its Buffer -> ArrayBuffer.
    REQUIRE(c.holdsChain.size() >= 5);
    CHECK(chainText(c.holdsChain)
              .starts_with(
                  "Function -context-> system / Context -session-> Session -buffer-> Buffer -buffer-> ArrayBuffer"));
    CHECK(c.holdsChain[0].id == c.representativeId);
    CHECK(c.holdsChain[2].retained == 624);
}

TEST_CASE(
    "express_s1..s3: the session store leak is found, Node's lazily built utilColors is filtered", "[diff][leaks]")
{
    // sample_profiles/scripts/express_leak/express_leak.js: an express 5 server with express-session and a store
    // that never prunes; 200 visitors log in between s1 and s2 (and 200 more before s3). The first console.log
    // also happens between s1 and s2, so the console's lazily loaded `utilColors` is allocated in the target.
    const LeakResult r = leaksOf({ "express_s1", "express_s2", "express_s3" });
    REQUIRE(r.clusters.size() == 1);
    const LeakCluster& c = r.clusters.front();
    CHECK(c.className == "StoredSession");
    CHECK(c.roots == 200);
    CHECK(c.signature.find("sessions:Map > table:(array) > []:StoredSession") != std::string::npos);
    REQUIRE(!c.holds.empty());
    CHECK(c.holds[0].className == "{cookie, user, cart}");
    CHECK(c.holds[0].count == 200);
    REQUIRE(r.filtered.size() == 1);
    const LeakCluster& f = r.filtered.front();
    CHECK(f.roots == 1);
    CHECK(f.signature.ends_with("utilColors:Object"));
    CHECK_THAT(f.filterReason, Catch::Contains("`utilColors` of node:internal/console/constructor"));

    // Without the filter the false positive is a second cluster.
    LeakOptions all;
    all.filterRuntimeInternals = false;
    std::vector<std::string> paths;
    for (const char* n : { "express_s1", "express_s2", "express_s3" })
        paths.push_back(testutil::samplePath(std::string("heap/") + n + ".heapsnapshot.gz"));
    auto unfiltered = findLeaks(paths, all);
    REQUIRE(unfiltered);
    CHECK(unfiltered.value().clusters.size() == 2);
    CHECK(unfiltered.value().filtered.empty());
}

TEST_CASE("hand-built: what a leaked closure holds, nested classes counted once", "[diff][leaks]")
{
    // root -shortcut-> global(10) -bus-> Emitter(20) -[0]-> closure onConfig(32) -context-> system / Context(40)
    //   -session-> Session(50) -buf-> Buffer(80) -buffer-> ArrayBuffer(300); Session -inner-> Session(10).
    // Retained: ArrayBuffer 300, Buffer 380, inner Session 10, Session 50+380+10 = 440, Context 480, closure 512.
    // Held by the closure: Context x1 480; Session x2 440 (the inner one is inside the outer: counted once);
    // Buffer x1 380; ArrayBuffer x1 300. Chain: each child keeps more than half of its parent, to the end.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 10);
    const auto bus = b.node("object", "Emitter", 5, 20);
    const auto fn = b.node("closure", "onConfig", 11, 32);
    const auto ctx = b.node("object", "system / Context", 13, 40);
    const auto session = b.node("object", "Session", 15, 50);
    const auto buffer = b.node("object", "Buffer", 17, 80);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "bus", bus);
    b.edge(bus, "element", "0", fn);
    b.edge(fn, "internal", "context", ctx);
    b.edge(ctx, "context", "session", session);
    b.edge(session, "property", "buf", buffer);
    b.edge(session, "property", "inner", b.node("object", "Session", 21, 10));
    b.edge(buffer, "internal", "buffer", b.node("object", "ArrayBuffer", 19, 300));
    auto a = testutil::analyzeBuilt(b);
    const auto held = heldClasses(*a, { { fn } }, 10);
    REQUIRE(held.size() == 1);
    REQUIRE(held[0].size() == 4);
    CHECK(held[0][0].className == "system / Context");
    CHECK(held[0][0].retained == 480);
    CHECK(held[0][1].className == "Session");
    CHECK(held[0][1].count == 2);
    CHECK(held[0][1].retained == 440);
    CHECK(held[0][2].retained == 380);
    CHECK(held[0][3].className == "ArrayBuffer");
    const auto chain = dominantChain(*a, fn);
    CHECK(chainText(chain)
        == "Function -context-> system / Context -session-> Session -buf-> Buffer -buffer-> ArrayBuffer");
    CHECK(chain[0].retained == 512);
    // Not a runtime internal: the holder is an Emitter, not a Node.js module scope.
    CHECK(runtimeOnceReason(*a, fn, [](uint32_t) { return false; }).empty());
}
