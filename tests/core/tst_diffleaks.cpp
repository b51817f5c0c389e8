// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// LeakFinder on the samples: memlab's baseline/target/final and unbounded growth.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <diff/leakfinder.h>

using namespace v8scope;

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
