// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Every command x format on the bundled samples, compared byte for byte with tests/cli/golden/. These pin the
// documented outputs while the report code moves (issue 8): a change to any of them must be deliberate, made with
// V8SCOPE_UPDATE_GOLDEN=1 and reviewed in the diff of the golden file.
//
// The CLI runs from the repository root with relative sample paths, so the "file" fields do not depend on where the
// checkout lives. The only non-deterministic values, info's parse_ms, analyze_ms and peak_rss_bytes, are masked; info
// runs with --no-cache.
#include "testutil.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

namespace {

struct Case
{
    std::string golden; ///< file name under tests/cli/golden/
    std::string args; ///< command line after `v8scope`, relative to the repository root
    int exitCode = 0;
};

std::string repoRoot()
{
    return std::string(V8SCOPE_SAMPLES) + "/..";
}

/// Masks the wall-clock timings of `info` (the only values that change from run to run).
std::string maskTimings(const std::string& out)
{
    static const std::regex timing(R"(((?:parse|analyze)_ms|peak_rss_bytes)([^0-9\n]*)[0-9]+(?:\.[0-9]+)?)");
    return std::regex_replace(out, timing, "$1$2<n>");
}

void checkGolden(const std::string& name, const std::string& actual)
{
    const std::string path = testutil::testDataPath("cli/golden/" + name);
    if (std::getenv("V8SCOPE_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    const std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(actual == expected);
}

void runCases(const std::vector<Case>& cases)
{
    for (const Case& c : cases) {
        INFO("v8scope " << c.args);
        const auto r = testutil::run("cd " + repoRoot() + " && " + V8SCOPE_CLI + " " + c.args);
        CHECK(r.exitCode == c.exitCode);
        checkGolden(c.golden, maskTimings(r.out));
    }
}

const std::string kS1 = "sample_profiles/heap/leak_s1.heapsnapshot.gz";
const std::string kS2 = "sample_profiles/heap/leak_s2.heapsnapshot.gz";
const std::string kS3 = "sample_profiles/heap/leak_s3.heapsnapshot.gz";
const std::string kChromium1 = "sample_profiles/heap/chromium_detached_dom_1.heapsnapshot.gz";
const std::string kChromium2 = "sample_profiles/heap/chromium_detached_dom_2.heapsnapshot.gz";
const std::string kControlA = "sample_profiles/heap/control_a.heapsnapshot.gz";
const std::string kControlB = "sample_profiles/heap/control_b.heapsnapshot.gz";
const std::string kSmall = "tests/bad_inputs/valid.heapsnapshot";
const std::string kCpuMix = "sample_profiles/cpu/cpu_mix.cpuprofile";
const std::string kHttp = "sample_profiles/cpu/http_blocking.cpuprofile";
const std::string kHeapProf = "sample_profiles/cpu/heap_prof.heapprofile";
const std::string kEdge = "sample_profiles/cpu/edge_cases.cpuprofile";

/// One case per format, golden files named STEM.FORMAT.
std::vector<Case> perFormat(const std::string& stem, const std::string& args,
    std::initializer_list<const char*> formats = { "text", "tsv", "md", "json" }, int exitCode = 0)
{
    std::vector<Case> cases;
    for (const char* f : formats)
        cases.push_back({ stem + "." + f, args + " --format " + f, exitCode });
    return cases;
}

} // namespace

TEST_CASE("golden: info", "[cli][golden]")
{
    runCases(perFormat("info_leak_s3", "info --no-cache " + kS3, { "text", "tsv", "csv", "md", "json" }));
    runCases(perFormat("info_chromium2", "info --no-cache " + kChromium2));
}

TEST_CASE("golden: summary", "[cli][golden]")
{
    runCases(perFormat("summary_leak_s3", "summary --top 12 " + kS3, { "text", "tsv", "csv", "md", "json" }));
    runCases(perFormat("summary_chromium2_count", "summary --top 15 --sort count " + kChromium2));
    runCases(perFormat("summary_leak_s3_filter", "summary --filter 'Session|Map' --sort name --human " + kS3));
}

TEST_CASE("golden: nodes", "[cli][golden]")
{
    runCases(perFormat("nodes_small", "nodes " + kSmall, { "tsv", "csv", "json" }));
    runCases({ { "nodes_small.default", "nodes " + kSmall } });
}

TEST_CASE("golden: retainers", "[cli][golden]")
{
    // 79983: a Session in leak_s3 (docs/samples.md: held by the sessionCache Map).
    runCases(perFormat(
        "retainers_leak_s3", "retainers --id 79983 --paths 3 " + kS3, { "text", "tsv", "csv", "md", "json" }));
    runCases(perFormat("retainers_chromium2", "retainers --id 64627 --paths 2 " + kChromium2));
    // The retainer graph of a leak_s3 Session (108097, the README's example) and of a detached DOM node.
    runCases(perFormat("retainers_graph_leak_s3", "retainers --graph --id 108097 " + kS3, { "text", "json", "dot" }));
    runCases(perFormat(
        "retainers_graph_chromium2", "retainers --graph --depth 2 --id 64627 " + kChromium2, { "text", "dot" }));
}

TEST_CASE("golden: dominators", "[cli][golden]")
{
    runCases(
        perFormat("dominators_leak_s3", "dominators --depth 2 --top 3 " + kS3, { "text", "tsv", "csv", "md", "json" }));
    runCases(perFormat("dominators_leak_s3_id", "dominators --id 79983 --depth 3 --top 0 --human " + kS3));
    runCases(perFormat("dominators_chromium2", "dominators --depth 3 --top 4 " + kChromium2));
}

TEST_CASE("golden: diff", "[cli][golden]")
{
    const std::string gates = " --fail-if 'retained>+5MB' --fail-if 'class:Session.count>+100' --fail-if 'leaks>0'";
    for (const char* f : { "text", "tsv", "md", "json", "junit" }) {
        runCases({ { std::string("diff_leak_s1_s2.") + f, "diff --top 8 " + kS1 + " " + kS2 + gates + " --format " + f,
            1 } });
    }
    runCases(perFormat("diff_leak_s2_s3_dominator", "diff --top 5 --by dominator " + kS2 + " " + kS3,
        { "text", "tsv", "csv", "md", "json" }));
    runCases(perFormat("diff_control", "diff " + kControlA + " " + kControlB));
    runCases(perFormat("diff_chromium", "diff --top 10 --human " + kChromium1 + " " + kChromium2));
}

TEST_CASE("golden: leaks", "[cli][golden]")
{
    const std::string files = " " + kS1 + " " + kS2 + " " + kS3;
    const std::string gates = " --fail-if 'leaks>0' --fail-if 'class:Session.count>+1000' --fail-if 'growing>100'";
    for (const char* f : { "text", "tsv", "md", "json", "junit" })
        runCases({ { std::string("leaks_s1_s2_s3.") + f, "leaks --top 5" + files + gates + " --format " + f, 1 } });
    runCases(perFormat("leaks_control", "leaks " + kControlA + " " + kControlB + " " + kControlA));
    runCases({ { "leaks_s1_s2_s3.csv", "leaks --top 5" + files + " --format csv" } });
}

TEST_CASE("golden: cpu info", "[cli][golden]")
{
    runCases(perFormat("cpu_info_mix", "cpu info " + kCpuMix));
    runCases(perFormat("cpu_info_heapprof", "cpu info " + kHeapProf));
    runCases(perFormat("cpu_info_range", "cpu info --range 100,900 " + kHttp));
    runCases(perFormat("cpu_info_hitcount", "cpu info --model hitcount " + kHttp));
    runCases({ { "cpu_info_mix.csv", "cpu info --format csv " + kCpuMix },
        { "cpu_info_ignore.json", "cpu info --ignore-list default --format json " + kCpuMix } });
}

TEST_CASE("golden: cpu functions", "[cli][golden]")
{
    runCases(perFormat("cpu_functions_mix", "cpu functions " + kCpuMix, { "text", "tsv", "csv", "md", "json" }));
    // The test contract: without --format, TSV.
    runCases({ { "cpu_functions_mix.tsv", "cpu functions " + kCpuMix } });
    runCases({ { "cpu_functions_heapprof.default", "cpu functions " + kHeapProf } });
}

TEST_CASE("golden: cpu top", "[cli][golden]")
{
    for (const char* by : { "function", "url", "package", "category" })
        runCases(
            perFormat(std::string("cpu_top_mix_") + by, std::string("cpu top --top 12 --by ") + by + " " + kCpuMix));
    runCases(perFormat("cpu_top_heapprof", "cpu top --top 8 " + kHeapProf));
    runCases({ { "cpu_top_mix_function.csv", "cpu top --top 12 --format csv " + kCpuMix },
        { "cpu_top_mix_function_long.text", "cpu top --top 12 --long-names " + kCpuMix } });
    runCases(perFormat("cpu_top_http_all", "cpu top --top 0 --by category " + kHttp));
}

TEST_CASE("golden: cpu tree", "[cli][golden]")
{
    runCases(perFormat("cpu_tree_mix", "cpu tree --depth 4 --min-percent 1 " + kCpuMix));
    runCases(perFormat("cpu_tree_mix_bottomup", "cpu tree --bottom-up --depth 3 --min-percent 2 " + kCpuMix));
    runCases(perFormat("cpu_tree_edge", "cpu tree " + kEdge));
    runCases(perFormat("cpu_tree_http_focus", "cpu tree --focus handle --exclude '^node:' --depth 6 " + kHttp));
    runCases({ { "cpu_tree_mix_bottomup_total.tsv",
                   "cpu tree --bottom-up --sort total --depth 2 --min-percent 2 --format tsv " + kCpuMix },
        { "cpu_tree_mix_name.text", "cpu tree --sort name --depth 2 --min-percent 1 " + kCpuMix },
        { "cpu_tree_mix.csv", "cpu tree --depth 4 --min-percent 1 --format csv " + kCpuMix } });
}

TEST_CASE("golden: cpu flame", "[cli][golden]")
{
    runCases({ { "cpu_flame_mix.folded", "cpu flame " + kCpuMix },
        { "cpu_flame_mix.json", "cpu flame --format json " + kCpuMix },
        { "cpu_flame_edge.json", "cpu flame --format json " + kEdge },
        { "cpu_flame_edge.csv", "cpu flame --format csv " + kEdge } });
}

TEST_CASE("golden: cpu blocking", "[cli][golden]")
{
    runCases(perFormat("cpu_blocking_http", "cpu blocking " + kHttp));
    runCases(perFormat("cpu_blocking_http_10ms", "cpu blocking --threshold 10ms --top 2 --exclude-startup " + kHttp));
    runCases(perFormat("cpu_blocking_mix", "cpu blocking --threshold 20ms " + kCpuMix));
    runCases({ { "cpu_blocking_http.csv", "cpu blocking --format csv " + kHttp },
        { "cpu_blocking_http_long.text", "cpu blocking --long-names " + kHttp },
        { "cpu_blocking_http_ignore.text", "cpu blocking --ignore-list default " + kHttp },
        { "cpu_blocking_http_ignore.json", "cpu blocking --ignore-list default --format json " + kHttp } });
}

TEST_CASE("golden: cpu diff", "[cli][golden]")
{
    runCases(perFormat("cpu_diff_mix_http", "cpu diff --top 12 " + kCpuMix + " " + kHttp));
    runCases(perFormat("cpu_diff_mix_http_norm", "cpu diff --top 8 --normalize " + kHttp + " " + kCpuMix));
    runCases({ { "cpu_diff_mix_http.csv", "cpu diff --top 12 --format csv " + kCpuMix + " " + kHttp } });
}

TEST_CASE("golden: cpu export", "[cli][golden]")
{
    // pprof is binary (gzip without a timestamp): the file itself is the golden.
    const testutil::TempFile out("", ".pb.gz");
    const auto r
        = testutil::run("cd " + repoRoot() + " && " + V8SCOPE_CLI + " cpu export --pprof " + out.path + " " + kCpuMix);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.empty());
    std::ifstream in(out.path, std::ios::binary);
    checkGolden("cpu_export_mix.pb.gz", std::string((std::istreambuf_iterator<char>(in)), {}));
}

TEST_CASE("golden: check", "[cli][golden]")
{
    const std::string cpuClaims = " --claim \"function 'parseJson' self < 5%\" --claim \"function 'parseJson' total < "
                                  "45%\" --claim 'gc < 5%' --claim 'blocking count(>100ms) == 0' --claim \"package "
                                  "'lodash' total < 10%\" --claim 'idle > 10% of wall'";
    // --missing-ok: parseJson is not in http_blocking and lodash in neither (absent counts as 0).
    for (const char* f : { "text", "tsv", "csv", "md", "json", "junit" })
        runCases({ { std::string("check_cpu.") + f,
            "check --missing-ok " + kCpuMix + " " + kHttp + cpuClaims + " --format " + f, 1 } });
    // Without it, a name that matches nothing is an error (exit 2) naming the closest names.
    for (const char* f : { "text", "json" })
        runCases({ { std::string("check_missing.") + f,
            "check " + kCpuMix
                + " --claim \"function 'parseJsn' self < 5%\" --claim \"url 'cpu_mx.js' total < 99%\" "
                  "--claim \"package 'lodash' total < 10%\" --claim 'gc < 5%' --format "
                + f,
            2 } });
    // The ignore list: default rule (node: frames fold into their outermost node: caller).
    runCases({ { "check_ignore.text",
        "check --ignore-list default " + kHttp
            + " --claim \"function 'undestroy' self < 0.1%\" --claim \"function 'onconnection' total < 2%\" --claim "
              "\"function 'busyUntil' self < 20%\" --claim 'blocking max < 300ms'",
        0 } });
    for (const char* f : { "text", "json", "junit" })
        runCases({ { std::string("check_heap.") + f,
            "check " + kS1 + " " + kS2 + " --claim 'heap growth < 1MB' --claim 'heap growth < 10kB' --format " + f,
            1 } });
}
