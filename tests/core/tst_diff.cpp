// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The diff engine: DevTools' Comparison rows on the sample pairs (reference outputs from the oracle), retained
// growth and new objects on the leaking app, the control pair, cross-process detection, and a hand-built pair.
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <diff/classaggregates.h>
#include <diff/snapshotdiff.h>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>
#include <heap/summary.h>

#include <algorithm>
#include <fmt/format.h>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {

std::string heap(const std::string& name)
{
    return testutil::samplePath("heap/" + name + ".heapsnapshot.gz");
}

DiffResult diffOf(const std::string& base, const std::string& head)
{
    auto r = diffSnapshots(heap(base), heap(head));
    if (!r)
        FAIL(r.error().toString());
    return r.value();
}

const ClassDiff* row(const DiffResult& d, const std::string& name)
{
    for (const ClassDiff& c : d.classes)
        if (c.name == name)
            return &c;
    return nullptr;
}

} // namespace

TEST_CASE("Comparison rows equal DevTools' Comparison view on every sample pair", "[diff][parity]")
{
    const char* const pairs[][3] = { { "leak_s1", "leak_s2", "leak_s2_vs_s1" },
        { "leak_s2", "leak_s3", "leak_s3_vs_s2" }, { "control_a", "control_b", "control_b_vs_a" },
        { "chromium_detached_dom_1", "chromium_detached_dom_2", "chromium_2_vs_1" } };
    for (const auto& p : pairs) {
        INFO(p[2]);
        const DiffResult d = diffOf(p[0], p[1]);
        CHECK(d.byId);
        std::vector<std::string> ours { "class\tnew\tdeleted\tdelta\talloc_size\tfreed_size\tsize_delta" };
        for (const ClassDiff& c : d.classes)
            if (c.inComparison)
                ours.push_back(fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}", c.name, c.added, c.removed, c.countDelta,
                    c.addedSize, c.removedSize, c.sizeDelta));
        const auto reference = testutil::splitLines(
            testutil::readText(testutil::samplePath("reference/" + std::string(p[2]) + ".diff.tsv")));
        REQUIRE(ours.size() == reference.size());
        for (size_t k = 0; k < ours.size(); ++k) {
            INFO("row " << k);
            CHECK(ours[k] == reference[k]); // same rows, same numbers, same order
        }
    }
}

TEST_CASE("digest aggregation equals the Summary view (keys, counts, shallow and retained sizes)", "[diff]")
{
    for (const char* name : { "leak_s1", "leak_s3", "shapes", "chromium_detached_dom_1", "chromium_detached_dom_2" }) {
        INFO(name);
        auto snap = SnapshotReader::read(heap(name));
        REQUIRE(snap);
        auto a = HeapAnalysis::analyze(snap.value());
        REQUIRE(a);
        const SnapshotDigest digest = SnapshotDigest::build(*a.value());
        // The head's shapes are taken from the parsed snapshot before it is analyzed: the same definitions.
        const auto inferred = inferDefinitions(snap.value());
        REQUIRE(inferred.size() == a.value()->classes.definitions.size());
        for (size_t k = 0; k < inferred.size(); ++k) {
            CHECK(inferred[k].name == a.value()->classes.definitions[k].name);
            CHECK(inferred[k].properties == a.value()->classes.definitions[k].properties);
        }
        const auto ours = aggregateClasses(digest, digest.ownClass, digest.classNames);
        const auto summary = buildSummary(*a.value(), a.value()->classes);
        REQUIRE(ours.size() == summary.size());
        for (size_t k = 0; k < ours.size(); ++k) {
            INFO(summary[k].key);
            CHECK(ours[k].key == summary[k].key);
            CHECK(ours[k].count == summary[k].count);
            CHECK(ours[k].shallow == summary[k].shallow);
            CHECK(ours[k].retained == summary[k].retained);
            CHECK(std::is_sorted(ours[k].ids.begin(), ours[k].ids.end()));
        }
        // Applying a snapshot's own shapes through the matcher gives its own classes back.
        std::vector<std::string> names;
        const auto classes = digest.classesWith(digest.definitions, &names);
        for (uint32_t i = 0; i < digest.nodeCount; ++i)
            if (names[classes[i]] != digest.classNames[digest.ownClass[i]])
                FAIL("node " << i << ": " << names[classes[i]] << " vs " << digest.classNames[digest.ownClass[i]]);
    }
}

TEST_CASE("location keys: records out of node order, a node's last record wins (Summary and digest)", "[diff][heap]")
{
    // global holds Widgets w1, w2, w3 (8 bytes each), a Gadget (16) and a closure (32). The file lists the
    // locations out of node order, w1 twice: w3 at A=(7,1,2), w1 at B=(7,9,9), the Gadget at A, w2 at A, the
    // closure at A, then w1 at A. DevTools' location map keeps w1's last record, so every Widget is at A: one row
    // "7,1,2,Widget" of 3 (24 bytes), none at B; the Gadget at A is its own row "7,1,2,Gadget"; the closure is not
    // an object node, so its location does not split its class.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 4);
    b.edge(root, "shortcut", "global", g);
    const auto w1 = b.node("object", "Widget", 5, 8);
    const auto gadget = b.node("object", "Gadget", 7, 16);
    const auto w2 = b.node("object", "Widget", 9, 8);
    const auto w3 = b.node("object", "Widget", 11, 8);
    const auto f = b.node("closure", "make", 13, 32);
    for (const auto node : { w1, gadget, w2, w3, f })
        b.edge(g, "property", "p" + std::to_string(node), node);
    b.location(w3, 7, 1, 2);
    b.location(w1, 7, 9, 9);
    b.location(gadget, 7, 1, 2);
    b.location(w2, 7, 1, 2);
    b.location(f, 7, 1, 2);
    b.location(w1, 7, 1, 2);
    auto h = testutil::analyzeBuilt(b);
    REQUIRE(h->snapshot->locations.size() == 6); // every record counts (info's "locations")

    auto located = [](const auto& rows) {
        std::vector<std::pair<std::string, uint32_t>> out;
        for (const auto& r : rows)
            if (r.key.rfind("7,", 0) == 0)
                out.emplace_back(r.key, uint32_t(r.count));
        std::sort(out.begin(), out.end());
        return out;
    };
    const std::vector<std::pair<std::string, uint32_t>> expected { { "7,1,2,Gadget", 1 }, { "7,1,2,Widget", 3 } };
    const auto summary = buildSummary(*h, h->classes);
    CHECK(located(summary) == expected);
    for (const auto& r : summary)
        if (r.key == "7,1,2,Widget")
            CHECK(r.shallow == 24);

    const SnapshotDigest digest = SnapshotDigest::build(*h);
    CHECK(digest.locations.size() == 4); // object nodes only, one record each
    const auto ours = aggregateClasses(digest, digest.ownClass, digest.classNames);
    CHECK(located(ours) == expected);
}

TEST_CASE("leaking app: Session and its Map cache rank first in retained growth and new objects", "[diff][leak]")
{
    const DiffResult d = diffOf("leak_s1", "leak_s2");
    // Retained growth: the cache Map (and the module context holding it) grew by every new session's memory.
    std::vector<ClassDiff> growth = d.classes;
    sortByRetainedDelta(growth);
    REQUIRE(growth.size() > 3);
    std::vector<std::string> top3 { growth[0].name, growth[1].name, growth[2].name };
    CHECK(std::find(top3.begin(), top3.end(), "Map") != top3.end());
    CHECK(std::find(top3.begin(), top3.end(), "Session") != top3.end());
    const ClassDiff* session = row(d, "Session");
    REQUIRE(session);
    CHECK(session->baseRetained == 206472); // docs/samples.md: Summary retained of Session in leak_s1 / leak_s2
    CHECK(session->headRetained == 481672);
    CHECK(session->added == 400);

    // New objects by class: Session first; its path runs through the module's sessionCache Map.
    REQUIRE(!d.newObjects.byClass.empty());
    const ObjectGroup& first = d.newObjects.byClass.front();
    CHECK(first.className == "Session");
    CHECK(first.count == 400);
    CHECK(first.retained == 275200);
    auto hasEdge = [](const PathText& p, const std::string& edge, const std::string& cls) {
        return std::any_of(
            p.begin(), p.end(), [&](const PathStep& s) { return s.edgeName == edge && s.className == cls; });
    };
    CHECK(hasEdge(first.path, "sessionCache", "Map"));
    CHECK(first.path.back().className == "Session");

    // By dominator: the Map keeps the new memory (its new backing table holds every session).
    REQUIRE(!d.newObjects.byDominator.empty());
    const ObjectGroup& keeper = d.newObjects.byDominator.front();
    CHECK(keeper.className == "Map");
    CHECK(keeper.retained > 400000);
    CHECK(hasEdge(keeper.path, "sessionCache", "Map"));
    CHECK(d.suspects == 1);
}

TEST_CASE("control pair: nothing grows, no suspects", "[diff][control]")
{
    const DiffResult d = diffOf("control_a", "control_b");
    CHECK(d.byId);
    CHECK(d.suspects == 0);
    for (const ClassDiff& c : d.classes) {
        INFO(c.name);
        CHECK(c.countDelta == 0);
        CHECK(c.sizeDelta == 0);
    }
    for (const ObjectGroup& g : d.newObjects.byDominator)
        CHECK(g.retained < 1000); // the snapshot writer's own buffers, below the reporting threshold
    CHECK(d.retainedDelta() == 0);
}

TEST_CASE("cross-process pairs are detected and compared per class name", "[diff][process]")
{
    {
        const DiffResult d = diffOf("control_a", "shapes");
        CHECK_FALSE(d.byId);
        CHECK(d.process.agreement < 0.5);
        CHECK(d.newObjects.byClass.empty());
        const ClassDiff* abc = row(d, "{a, b, c}");
        REQUIRE(abc);
        CHECK(abc->baseCount == 0); // control_a has no such shape (the base takes the head's shapes)
        CHECK(abc->headCount == 601);
        CHECK(abc->added == 601);
        CHECK(abc->countDelta == 601);
    }
    {
        // Same program, different processes: start-up makes 81% of the shared ids coincide; still not one process.
        const DiffResult d = diffOf("control_a", "leak_s1");
        CHECK_FALSE(d.byId);
        const ClassDiff* session = row(d, "Session");
        REQUIRE(session);
        CHECK(session->countDelta == 300);
    }
    CHECK_FALSE(diffOf("control_a", "chromium_detached_dom_1").byId);
    CHECK(diffOf("chromium_detached_dom_1", "chromium_detached_dom_2").process.agreement == 1.0);
}

TEST_CASE("hand-built pair: new, deleted and kept objects by id, retained growth and keeper", "[diff]")
{
    // Base: root -shortcut-> global(10) -cache-> Cache(20) -[0]-> Item#11(30); global -tmp-> Temp#13(5).
    // Head: the same global and Cache; Item#11 kept, two new Items #21, #23 (30 each) under Cache; Temp deleted.
    // Comparison: Item +2 new (60 B), Temp 1 deleted (5 B). Cache retained 50 -> 110 (+60), Item 30 -> 90.
    // Total: base 10+20+30+5 = 65, head 10+20+90 = 120.
    // New objects: Items #21 and #23, dominated by Cache: one keeper retaining 60 B.
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
    const DiffResult d = diffAgainst(SnapshotDigest::build(*base), *head, DiffOptions {});
    CHECK(d.byId);
    const ClassDiff* item = row(d, "Item");
    REQUIRE(item);
    CHECK(item->added == 2);
    CHECK(item->removed == 0);
    CHECK(item->addedSize == 60);
    CHECK(item->baseRetained == 30);
    CHECK(item->headRetained == 90);
    const ClassDiff* temp = row(d, "Temp");
    REQUIRE(temp);
    CHECK(temp->removed == 1);
    CHECK(temp->sizeDelta == -5);
    const ClassDiff* cache = row(d, "Cache");
    REQUIRE(cache);
    CHECK_FALSE(cache->inComparison);
    CHECK(cache->retainedDelta == 60);
    CHECK(d.retainedDelta() == 55); // base 10+20+30+5 = 65, head 10+20+90 = 120
    REQUIRE(d.newObjects.byDominator.size() == 1);
    CHECK(d.newObjects.byDominator[0].className == "Cache");
    CHECK(d.newObjects.byDominator[0].count == 2);
    CHECK(d.newObjects.byDominator[0].retained == 60);
    REQUIRE(d.newObjects.byClass.size() == 1);
    // The path starts at the root's child: global -cache-> Cache -[1]-> Item (the larger id ties: first found).
    const PathText& path = d.newObjects.byClass[0].path;
    REQUIRE(path.size() == 3);
    CHECK(path[0].className == "global");
    CHECK(path[1].edgeName == "cache");
    CHECK(path[2].className == "Item");
}

TEST_CASE("leak suspects: keepers of the program count, the root and V8 internals do not", "[diff][leak]")
{
    // chromium 1 -> 2: Window keeps the detached panels, Array `controllers` the PanelControllers; the root's
    // (GC roots) also keeps new layout objects of the attached panel (1760 B), which is not a suspect.
    const DiffResult d = diffOf("chromium_detached_dom_1", "chromium_detached_dom_2");
    CHECK(d.suspects == 2);
    REQUIRE(d.newObjects.byDominator.size() >= 3);
    CHECK(d.newObjects.byDominator[0].className == "Window [JSGlobalObject] / file://");
    CHECK_FALSE(d.newObjects.byDominator[0].runtimeKeeper);
    const auto root = std::find_if(d.newObjects.byDominator.begin(), d.newObjects.byDominator.end(),
        [](const ObjectGroup& g) { return g.className == "(synthetic)"; });
    REQUIRE(root != d.newObjects.byDominator.end());
    CHECK(root->runtimeKeeper);
    CHECK(root->retained >= 1000);
    CHECK_FALSE(isSuspect(*root, 1000));
}
