// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Heap views in process on a real sample: the same rows the CLI prints, in every format.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heaploader.h>
#include <report/heapviews.h>
#include <report/writers.h>

using namespace v8scope;

TEST_CASE("summaryTable: rows, order, top and the documented TSV columns", "[report][heap]")
{
    auto loaded = loadHeap(testutil::samplePath("heap/leak_s3.heapsnapshot.gz"), {}, {});
    REQUIRE(loaded);
    const HeapAnalysis& a = *loaded.value().analysis;
    const std::vector<ClassAggregate> rows = buildSummary(a, a.classes);
    report::SummaryViewOptions o;
    o.top = 3;
    const report::Table t = report::summaryTable(a, rows, o);
    REQUIRE(t.rowCount() == 3);
    REQUIRE(t.rowKeys.size() == 3);
    // Retained descending; rowKeys point back into `rows`.
    for (size_t r = 0; r < 3; ++r)
        CHECK(std::get<std::string>(t.cell(r, 0)) == rows[t.rowKeys[r]].name);
    CHECK(std::get<uint64_t>(t.cell(0, 6)) >= std::get<uint64_t>(t.cell(1, 6)));
    // README: leak_s3's first Summary row is "global", distance 1, count 2, retained 2449035 (62.3 %).
    const std::string tsv = report::writeString(t, report::Format::Tsv);
    const auto lines = testutil::splitLines(tsv);
    CHECK(lines.at(0) == "class\tcount\tshallow\tretained\tdistance");
    CHECK(lines.at(1) == "global\t2\t8448\t2449035\t1");
    CHECK(report::displayText(t, 0, 7) == "62.3");
    // The whole table equals the reference Summary (DevTools' own numbers) row for row.
    report::SummaryViewOptions all;
    all.sort = report::SummarySort::Name;
    auto refLines = testutil::splitLines(testutil::readText(testutil::samplePath("reference/leak_s3.summary.tsv")));
    auto ourLines = testutil::splitLines(report::writeString(report::summaryTable(a, rows, all), report::Format::Tsv));
    std::sort(refLines.begin() + 1, refLines.end());
    std::sort(ourLines.begin() + 1, ourLines.end());
    CHECK(ourLines == refLines);
}
