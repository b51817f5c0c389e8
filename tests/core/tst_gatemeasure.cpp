// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The gate measurement of `diff` and `leaks` (core/diff/gatemeasure.h): what each metric measures and which rows
// a tripped gate points at, on a hand-built pair (numbers derived in the comment) and the leak_s1..3 series.
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <diff/gatemeasure.h>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {
std::vector<Gate> gates(const std::vector<std::string>& texts, const GateMetrics& metrics)
{
    std::vector<Gate> out;
    for (const std::string& t : texts) {
        auto g = parseGate(t, metrics);
        REQUIRE(g);
        out.push_back(g.value());
    }
    return out;
}
} // namespace

TEST_CASE("diff gates: whole-heap and per-class metrics, offending classes and keepers", "[diff][gates]")
{
    // The pair of tst_diff.cpp's hand-built test. Base: root -> global(10) -cache-> Cache(20) -[0]-> Item#11(30),
    // global -tmp-> Temp#13(5). Head: Item#11 kept, new Items #21, #23 (30 each) under Cache, Temp deleted.
    // Total 65 -> 120 (+55). Item: +2 (60 B), retained 30 -> 90 (+60); Cache retained 50 -> 110 (+60, size 0);
    // Temp: -1 (-5 B). One keeper of new objects (Cache, 60 B): a suspect when the threshold is at most 60.
    auto build = [](bool head) {
        SnapshotBuilder b;
        const auto root = b.node("synthetic", "", 1, 0);
        const auto g = b.node("object", "global", 3, 10);
        const auto cache = b.node("object", "Cache", 5, 20);
        const auto item = b.node("object", "Item", 11, 30);
        b.edge(root, "shortcut", "global", g);
        b.edge(g, "property", "cache", cache);
        b.edge(cache, "element", "0", item);
        if (head) {
            b.edge(cache, "element", "1", b.node("object", "Item", 21, 30));
            b.edge(cache, "element", "2", b.node("object", "Item", 23, 30));
        } else {
            b.edge(g, "property", "tmp", b.node("object", "Temp", 13, 5));
        }
        return b;
    };
    auto base = testutil::analyzeBuilt(build(false));
    auto head = testutil::analyzeBuilt(build(true));
    DiffOptions options;
    options.minSuspectRetained = 50;
    const DiffResult d = diffAgainst(SnapshotDigest::build(*base), *head, options);

    const auto results = measureDiffGates(d,
        gates({ "retained>+50B", "retained>+10%", "class:Item.count>+1", "class:Temp.size<0", "leaks>0",
                  "class:Nope.count>0", "new>5" },
            diffGateMetrics()));
    REQUIRE(results.size() == 7);
    // retained: +55 B, tripped; the classes that grew most by retained size: Item and Cache (+60 each; Item first
    // by its size delta 60 > 0).
    CHECK(results[0].outcome.measure.delta == 55);
    CHECK(results[0].outcome.tripped);
    CHECK(results[0].bytes);
    CHECK(results[0].kind == OffendingKind::ClassDiff);
    REQUIRE(results[0].offending.size() >= 2);
    CHECK(d.classes[results[0].offending[0]].name == "Item");
    CHECK(d.classes[results[0].offending[1]].name == "Cache");
    CHECK(results[0].offending.size() <= GateResult::kOffendingRows);
    // +55 of 65 is +84.6 %.
    CHECK(results[1].outcome.tripped);
    CHECK(results[1].outcome.value == Approx(100.0 * 55 / 65));
    // Item: 2 new; the offending row is Item itself.
    CHECK(results[2].outcome.measure.delta == 2);
    REQUIRE(results[2].offending.size() == 1);
    CHECK(d.classes[results[2].offending[0]].name == "Item");
    // Temp shrank by 5 bytes.
    CHECK(results[3].outcome.measure.delta == -5);
    CHECK(results[3].outcome.tripped);
    // One suspect, Cache, which keeps the two new Items.
    CHECK(results[4].outcome.measure.delta == 1);
    CHECK(results[4].kind == OffendingKind::Keeper);
    REQUIRE(results[4].offending.size() == 1);
    CHECK(d.newObjects.byDominator[results[4].offending[0]].className == "Cache");
    // A class in neither snapshot: measured 0, not found, holds.
    CHECK_FALSE(results[5].outcome.measure.found);
    CHECK_FALSE(results[5].outcome.tripped);
    // 2 new objects in all (the Items): holds, no offending rows.
    CHECK(results[6].outcome.measure.delta == 2);
    CHECK_FALSE(results[6].outcome.tripped);
    CHECK(results[6].offending.empty());
    CHECK(anyTripped(results));
}

TEST_CASE("leak gates on leak_s1..3: clusters, leaked objects, per-class series", "[diff][gates][leaks]")
{
    std::vector<std::string> paths;
    for (const char* n : { "leak_s1", "leak_s2", "leak_s3" })
        paths.push_back(testutil::samplePath(std::string("heap/") + n + ".heapsnapshot.gz"));
    auto r = findLeaks(paths);
    REQUIRE(r);
    const LeakResult& lr = r.value();
    // tst_diffleaks.cpp: one cluster, 400 top-level Sessions; Session count 300 -> 700 -> 1300 (+1000), retained
    // 206472 -> 894472 (+688000).
    const auto results = measureLeakGates(lr,
        gates({ "leaks>0", "class:Session.count>+1000", "class:Session.count>=+1000", "class:Session.retained>+600kB",
                  "growing>100" },
            leakGateMetrics()));
    REQUIRE(results.size() == 5);
    CHECK(results[0].outcome.measure.delta == 1);
    CHECK(results[0].kind == OffendingKind::LeakCluster);
    CHECK(results[0].offending == std::vector<uint32_t> { 0 });
    CHECK(results[1].outcome.measure.delta == 1000);
    CHECK_FALSE(results[1].outcome.tripped);
    CHECK(results[2].outcome.tripped);
    REQUIRE(results[2].offending.size() == 1);
    CHECK(results[2].kind == OffendingKind::GrowthSeries);
    CHECK(lr.classes[results[2].offending[0]].name == "Session");
    CHECK(results[3].outcome.measure.delta == 688000);
    CHECK(results[3].bytes);
    CHECK(results[4].outcome.measure.delta == double(lr.growingCount()));
    CHECK_FALSE(results[4].outcome.tripped);
}
