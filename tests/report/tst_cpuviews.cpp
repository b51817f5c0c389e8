// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// CPU views in process: the same bytes the CLI prints (its goldens, tests/cli/golden/), so the viewer's exports
// through these views equal the CLI's; and the rules the views own (idle outside the percentages, sibling order).
#include "testutil.h"

#include <catch2/catch.hpp>
#include <cpu/blocking.h>
#include <cpu/calltree.h>
#include <cpu/profilereader.h>
#include <report/blockingview.h>
#include <report/calltreeview.h>
#include <report/cpuviews.h>

using namespace v8scope;

namespace {

struct Loaded
{
    std::shared_ptr<const CpuProfile> profile;
    Timing timing;
};

Loaded load(const std::string& rel)
{
    auto r = ProfileReader::read(testutil::samplePath(rel));
    REQUIRE(r.ok());
    auto t = computeTiming(*r.value().profile);
    REQUIRE(t.ok());
    return { r.value().profile, std::move(t.value()) };
}

std::string golden(const std::string& name)
{
    return testutil::readText(testutil::testDataPath("cli/golden/" + name));
}

} // namespace

TEST_CASE("CPU views write the CLI's bytes in every format", "[report][cpu]")
{
    const Loaded mix = load("cpu/cpu_mix.cpuprofile");
    const CpuProfile& p = *mix.profile;
    const report::Document functions = report::functionsDocument(p, mix.timing);
    for (const auto& [format, ext] : { std::pair { report::Format::Tsv, "tsv" }, { report::Format::Csv, "csv" },
             { report::Format::Text, "text" }, { report::Format::Markdown, "md" }, { report::Format::Json, "json" } })
        CHECK(report::writeDocument(functions, format) == golden(std::string("cpu_functions_mix.") + ext));
    // rowKeys name the function of each row (what the viewer selects).
    REQUIRE(functions.table.rowKeys.size() == functions.table.rowCount());
    CHECK(p.functions[functions.table.rowKeys[0]].name == "parseJson");

    const report::Document top = report::rollupDocument(p, mix.timing, { RollupKey::Function, 12, false });
    CHECK(report::writeDocument(top, report::Format::Text) == golden("cpu_top_mix_function.text"));
    CHECK(report::writeDocument(top, report::Format::Json) == golden("cpu_top_mix_function.json"));
    CHECK(report::writeDocument(top, report::Format::Csv) == golden("cpu_top_mix_function.csv"));

    report::CallTreeViewOptions to;
    to.depth = 4;
    to.minPercent = 1;
    const report::Document tree = report::callTreeDocument(p, mix.timing, CallTree::topDown(mix.timing), to);
    CHECK(report::writeDocument(tree, report::Format::Text) == golden("cpu_tree_mix.text"));
    CHECK(report::writeDocument(tree, report::Format::Json) == golden("cpu_tree_mix.json"));

    const Loaded http = load("cpu/http_blocking.cpuprofile");
    BlockingResult b = findBlocking(*http.profile, {});
    const report::Document blocking = report::blockingDocument(*http.profile, b, {});
    CHECK(report::writeDocument(blocking, report::Format::Text) == golden("cpu_blocking_http.text"));
    CHECK(report::writeDocument(blocking, report::Format::Json) == golden("cpu_blocking_http.json"));
}

TEST_CASE("cpu views: (idle) has no percentages and comes after the JavaScript rows", "[report][cpu]")
{
    const Loaded mix = load("cpu/cpu_mix.cpuprofile");
    const CpuProfile& p = *mix.profile;
    // cpu_mix: (idle) 259.027 ms is the 4th heaviest self time; non-idle time is 2273.157 ms.
    const report::Document top = report::rollupDocument(p, mix.timing, { RollupKey::Function, 0, false });
    const report::Table& t = top.table;
    const size_t n = t.rowCount();
    REQUIRE(n > 10);
    size_t idleRow = n, programRow = n;
    for (size_t r = 0; r < n; ++r) {
        const FunctionInfo& f = p.functions[t.rowKeys[r]];
        if (report::isIdleFunction(f))
            idleRow = r;
        if (report::isProgramFunction(f))
            programRow = r;
    }
    REQUIRE(idleRow < n);
    REQUIRE(programRow < n);
    CHECK(idleRow >= n - 2);
    CHECK(programRow >= n - 2);
    CHECK(std::holds_alternative<std::monostate>(t.cell(idleRow, 1))); // self_%
    CHECK(std::holds_alternative<std::monostate>(t.cell(idleRow, 3))); // total_%
    CHECK(std::holds_alternative<double>(t.cell(programRow, 1)));
    // The percentages of everything else add up to at most 100 % of non-idle time.
    double sum = 0;
    for (size_t r = 0; r < n; ++r)
        if (r != idleRow)
            sum += std::get<double>(t.cell(r, 1));
    CHECK(sum <= 100.0 + 1e-6);
    CHECK(top.preamble.find("# (idle) 259.027 ms = 10.2 % of the 2536.430 ms window") != std::string::npos);
}

TEST_CASE("cpu tree view: --sort orders siblings at every level; bottom-up defaults to self", "[report][cpu]")
{
    const Loaded mix = load("cpu/cpu_mix.cpuprofile");
    const CpuProfile& p = *mix.profile;
    const CallTree bu = CallTree::bottomUp(mix.timing, 3);
    for (const auto sort : { report::TreeSort::Self, report::TreeSort::Total, report::TreeSort::Name }) {
        report::CallTreeViewOptions o;
        o.bottomUp = true;
        if (sort != report::TreeSort::Self)
            o.sort = sort; // Self is the bottom-up default
        const report::Table t = report::callTreeDocument(p, mix.timing, bu, o).table;
        REQUIRE(t.rowCount() > 10);
        // Consecutive siblings (same parent, same depth) are in order.
        size_t pairs = 0;
        for (size_t r = 1; r < t.rowCount(); ++r) {
            const uint32_t b = uint32_t(t.rowKeys[r]);
            // the previous sibling of b: the last earlier row with b's parent
            for (size_t q = r; q-- > 0;) {
                const uint32_t c = uint32_t(t.rowKeys[q]);
                if (bu.parent[c] != bu.parent[b] || c == b)
                    continue;
                ++pairs;
                if (sort == report::TreeSort::Self)
                    CHECK(bu.self[c] >= bu.self[b]);
                else if (sort == report::TreeSort::Total)
                    CHECK(bu.total[c] >= bu.total[b]);
                else
                    CHECK(p.functions[bu.function[c]].displayName() <= p.functions[bu.function[b]].displayName());
                break;
            }
        }
        CHECK(pairs > 10);
    }
}
