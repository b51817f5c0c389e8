// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// `v8scope diff` and `v8scope leaks` through the binary: the TSV contract, gates and exit codes, formats.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <string>

namespace {

std::string heap(const std::string& name)
{
    return testutil::samplePath("heap/" + name + ".heapsnapshot.gz");
}

testutil::RunResult runCli(const std::string& args)
{
    return testutil::run(std::string(V8SCOPE_CLI) + " " + args);
}

std::string pair(const char* base, const char* head)
{
    return heap(base) + " " + heap(head);
}

size_t count(const std::string& text, const std::string& what)
{
    size_t n = 0;
    for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1))
        ++n;
    return n;
}

} // namespace

TEST_CASE("diff --format tsv: the contract header, DevTools' rows in the first seven columns", "[diff][cli]")
{
    const char* const pairs[][3] = { { "leak_s1", "leak_s2", "leak_s2_vs_s1" },
        { "leak_s2", "leak_s3", "leak_s3_vs_s2" }, { "control_a", "control_b", "control_b_vs_a" },
        { "chromium_detached_dom_1", "chromium_detached_dom_2", "chromium_2_vs_1" } };
    for (const auto& p : pairs) {
        INFO(p[2]);
        const auto r = runCli("diff --format tsv " + pair(p[0], p[1]));
        REQUIRE(r.exitCode == 0);
        const auto lines = testutil::splitLines(r.out);
        const auto reference = testutil::splitLines(
            testutil::readText(testutil::samplePath("reference/" + std::string(p[2]) + ".diff.tsv")));
        REQUIRE(lines.size() == reference.size());
        CHECK(lines[0]
            == "class\tnew\tdeleted\tdelta\talloc_size\tfreed_size\tsize_delta\tbase_retained\thead_retained\tretained_"
               "delta");
        for (size_t k = 1; k < lines.size(); ++k) {
            auto cells = testutil::splitTabs(lines[k]);
            REQUIRE(cells.size() == 10);
            CHECK(std::stoll(cells[9]) == std::stoll(cells[8]) - std::stoll(cells[7]));
            cells.resize(7);
            std::string first7;
            for (size_t c = 0; c < 7; ++c)
                first7 += (c ? "\t" : "") + cells[c];
            CHECK(first7 == reference[k]);
        }
    }
    const auto top = runCli("diff --format tsv --top 2 " + pair("leak_s1", "leak_s2"));
    CHECK(testutil::splitLines(top.out).size() == 3);
}

TEST_CASE("diff gates: exit 1 names the gate and the offending rows, 0 when all hold", "[diff][cli][gates]")
{
    const auto tripped = runCli("diff --format tsv " + pair("leak_s1", "leak_s2")
        + " --fail-if 'retained>+5MB' --fail-if 'class:Session.count>+100'");
    CHECK(tripped.exitCode == 1);
    CHECK_THAT(tripped.err, Catch::Contains("gate failed: class:Session.count>+100"));
    CHECK_THAT(tripped.err, Catch::Contains("Session: new 400"));
    CHECK_THAT(tripped.err, !Catch::Contains("gate failed: retained>+5MB"));

    const auto text = runCli("diff " + pair("leak_s1", "leak_s2") + " --fail-if 'leaks>0'");
    CHECK(text.exitCode == 1);
    CHECK_THAT(text.out, Catch::Contains("FAIL  leaks>0"));
    CHECK_THAT(text.out, Catch::Contains("Map @75559 keeps"));

    const auto holds = runCli("diff " + pair("leak_s1", "leak_s2")
        + " --fail-if 'retained>+5MB' --fail-if 'class:Session.count>+1000' --fail-if 'retained<-1%'");
    CHECK(holds.exitCode == 0);
    CHECK_THAT(holds.out, Catch::Contains("pass  retained>+5MB"));
}

TEST_CASE("control pair: nothing reported, every gate passes", "[diff][cli][control]")
{
    const auto r = runCli("diff " + pair("control_a", "control_b")
        + " --fail-if 'retained>0' --fail-if 'count!=0' --fail-if 'leaks>0' --fail-if 'class:Session.count>0'");
    CHECK(r.exitCode == 0);
    CHECK_THAT(r.out, Catch::Contains("(none)"));
    CHECK_THAT(r.out, Catch::Contains("no group retains"));
    const auto leaks = runCli("leaks " + heap("control_a") + " " + heap("control_b") + " " + heap("control_b")
        + " --fail-if 'leaks>0' --fail-if 'growing>0'");
    CHECK(leaks.exitCode == 0);
}

TEST_CASE("malformed gates and bad input exit 2 with a clear message", "[diff][cli][gates]")
{
    for (const char* gate : { "retained>", "retained>5XB", "bogus>1", "count>5MB", "class:.count>1", "leaks>5%" }) {
        INFO(gate);
        const auto r = runCli("diff " + pair("control_a", "control_b") + " --fail-if '" + gate + "'");
        CHECK(r.exitCode == 2);
        CHECK_THAT(r.err, Catch::Contains(std::string("--fail-if '") + gate + "'"));
    }
    CHECK(runCli("diff " + heap("control_a") + " /nonexistent.heapsnapshot").exitCode == 2);
    CHECK(runCli("diff " + heap("control_a")).exitCode == 2);
    CHECK(runCli("diff --by size " + pair("control_a", "control_b")).exitCode == 2);
    const auto few = runCli("leaks " + pair("leak_s1", "leak_s2"));
    CHECK(few.exitCode == 2);
    CHECK_THAT(few.err, Catch::Contains("at least 3"));
    CHECK(
        runCli("leaks " + pair("leak_s1", "leak_s2") + " " + heap("leak_s3") + " --fail-if 'count>5MB'").exitCode == 2);
}

TEST_CASE("diff and leaks refuse an oversized snapshot with summary's one-line error", "[diff][cli][limits]")
{
    // leak_s1's header (43421 nodes, 191644 edges) needs about 24 MB (HeapSnapshot::estimatedPeakBytes): refused
    // under --max-memory 1MB before any big allocation; 1000 bytes of text are over --max-input 1000. Every snapshot
    // loads through loadHeap, so the line is summary's, byte for byte, and the exit code 2.
    const std::string three = pair("leak_s1", "leak_s2") + " " + heap("leak_s3");
    for (const char* limit : { "--max-memory 1MB", "--max-input 1000" }) {
        INFO(limit);
        const auto summary = runCli(std::string("summary --no-cache ") + limit + " " + heap("leak_s1"));
        REQUIRE(summary.exitCode == 2);
        REQUIRE(count(summary.err, "\n") == 1);
        const auto diff = runCli(std::string("diff --no-cache ") + limit + " " + pair("leak_s1", "leak_s2"));
        CHECK(diff.exitCode == 2);
        CHECK(diff.err == summary.err);
        CHECK(diff.out.empty());
        const auto leaks = runCli(std::string("leaks --no-cache ") + limit + " " + three);
        CHECK(leaks.exitCode == 2);
        CHECK(leaks.err == summary.err);
    }
    // The head is checked too: the base (a few hundred bytes) passes 100000 bytes, leak_s1's text (megabytes) not.
    const auto head = runCli("diff --no-cache --max-input 100000 "
        + testutil::testDataPath("bad_inputs/valid.heapsnapshot") + " " + heap("leak_s1"));
    CHECK(head.exitCode == 2);
    CHECK_THAT(head.err, Catch::Contains("leak_s1.heapsnapshot.gz: byte 100000: decompressed input exceeds the limit"));
}

TEST_CASE("cross-process diff is detected and said in the output", "[diff][cli][process]")
{
    const auto text = runCli("diff " + pair("control_a", "shapes"));
    CHECK(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("different processes"));
    const auto tsv = runCli("diff --format tsv " + heap("control_a") + " " + heap("chromium_detached_dom_1"));
    CHECK(tsv.exitCode == 0);
    CHECK_THAT(tsv.err, Catch::Contains("different processes"));
    const auto json = runCli("diff --format json " + pair("control_a", "shapes"));
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["mode"].GetString()) == "by-class-name");
}

TEST_CASE("diff formats: JSON, Markdown, JUnit, --by dominator", "[diff][cli]")
{
    const auto json = runCli("diff --format json " + pair("leak_s1", "leak_s2") + " --fail-if 'leaks>0'");
    CHECK(json.exitCode == 1);
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["mode"].GetString()) == "by-id");
    CHECK(doc["retained_delta"].GetInt64() == 289536);
    CHECK(doc["classes"].Size() == 37);
    CHECK(std::string(doc["new_objects"]["groups"][0]["class"].GetString()) == "Session");
    CHECK(doc["new_objects"]["groups"][0]["path"].Size() >= 4);
    CHECK_FALSE(doc["passed"].GetBool());
    CHECK_FALSE(doc["gates"][0]["passed"].GetBool());

    const auto md = runCli("diff --format md " + pair("leak_s1", "leak_s2") + " --fail-if 'retained>+5MB'");
    CHECK(md.exitCode == 0);
    CHECK_THAT(md.out, Catch::Contains("### v8scope heap diff"));
    CHECK_THAT(md.out, Catch::Contains("--sessionCache--> Map @75559"));
    CHECK_THAT(md.out, Catch::Contains("| `retained>+5MB` | :white_check_mark: passed |"));

    const auto junit = runCli("diff --format junit " + pair("leak_s1", "leak_s2")
        + " --fail-if 'retained>+5MB' --fail-if 'class:Session.count>+100' --fail-if 'leaks>0'");
    CHECK(junit.exitCode == 1);
    CHECK(count(junit.out, "<testcase ") == 3);
    CHECK(count(junit.out, "<failure ") == 2);
    CHECK_THAT(junit.out, Catch::Contains("tests=\"3\" failures=\"2\""));

    const auto dom = runCli("diff --by dominator " + pair("leak_s1", "leak_s2"));
    CHECK(dom.exitCode == 0);
    CHECK_THAT(dom.out, Catch::Contains("1  Map @75559"));
}

TEST_CASE("leaks: Session leak cluster with its path, unbounded growth, gates", "[diff][cli][leaks]")
{
    const std::string files = heap("leak_s1") + " " + heap("leak_s2") + " " + heap("leak_s3");
    const auto text = runCli("leaks " + files + " --fail-if 'leaks>0' --fail-if 'class:Session.count>+500'");
    CHECK(text.exitCode == 1);
    CHECK_THAT(text.out, Catch::Contains("Leak clusters (retaining 1000 or more): 1"));
    CHECK_THAT(text.out, Catch::Contains("--sessionCache--> Map @75559"));
    CHECK_THAT(text.out, Catch::Contains("300 -> 700 -> 1300"));
    CHECK_THAT(text.out, Catch::Contains("FAIL  leaks>0"));
    CHECK_THAT(text.out, Catch::Contains("FAIL  class:Session.count>+500"));

    const auto json = runCli("leaks --format json " + files);
    CHECK(json.exitCode == 0);
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string(doc["clusters"][0]["class"].GetString()) == "Session");
    CHECK(doc["clusters"][0]["roots"].GetUint() == 400);

    const auto tsv = runCli("leaks --format tsv " + files);
    const auto lines = testutil::splitLines(tsv.out);
    REQUIRE(lines.size() > 2);
    CHECK(lines[0] == "kind\tclass\tobjects\tshallow\tretained\tdetail");
    CHECK(lines[1].rfind("cluster\tSession\t", 0) == 0);

    const auto junit = runCli("leaks --format junit " + files + " --fail-if 'growing>100'");
    CHECK(junit.exitCode == 0);
    CHECK(count(junit.out, "<testcase ") == 1);
}

TEST_CASE("leaks: what each suspect holds, and the runtime internals it filtered", "[diff][cli][leaks]")
{
    // emitter_s1..s3: closures on an EventEmitter keep 1500 Sessions (see tests/core/tst_diffleaks.cpp).
    const std::string emitter = heap("emitter_s1") + " " + heap("emitter_s2") + " " + heap("emitter_s3");
    const auto text = runCli("leaks " + emitter);
    CHECK(text.exitCode == 0);
    CHECK_THAT(text.out, Catch::Contains("Function x1500"));
    CHECK_THAT(text.out, Catch::Contains("Session x1500 (936000)"));
    CHECK_THAT(text.out, Catch::Contains("Function -context-> system / Context -session-> Session -buffer-> Buffer"));
    const auto json = runCli("leaks --format json " + emitter);
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    const auto& c = doc["clusters"][0];
    CHECK(c.HasMember("contents")); // the older key stays
    CHECK(std::string(c["holds"][1]["class"].GetString()) == "Session");
    CHECK(c["holds"][1]["count"].GetUint() == 1500);
    CHECK(std::string(c["holds_chain"][2]["edge"].GetString()) == "session");
    CHECK(doc["filtered_count"].GetUint() == 0);

    // express_s1..s3: the store leak is reported; the console's utilColors is filtered and said so.
    const std::string express = heap("express_s1") + " " + heap("express_s2") + " " + heap("express_s3");
    const auto ex = runCli("leaks " + express + " --fail-if 'leaks>1'");
    CHECK(ex.exitCode == 0);
    CHECK_THAT(ex.out, Catch::Contains("StoredSession x200"));
    CHECK_THAT(ex.out, Catch::Contains("Filtered (not counted as leaks): 1"));
    CHECK_THAT(ex.out, Catch::Contains("`utilColors` of node:internal/console/constructor"));
    const auto exJson = runCli("leaks --format json " + express);
    doc.Parse(exJson.out.c_str());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(doc["clusters"].Size() == 1);
    CHECK(doc["filtered_count"].GetUint() == 1);
    CHECK_THAT(doc["filtered"][0]["reason"].GetString(), Catch::Contains("utilColors"));
    const auto all = runCli("leaks --no-filter " + express + " --fail-if 'leaks>1'");
    CHECK(all.exitCode == 1);
    CHECK_THAT(all.out, Catch::Contains("Leak clusters (retaining 1000 or more): 2"));
}
