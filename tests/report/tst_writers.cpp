// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The view layer's writers and formatters on small hand-made tables: every expected string is written out in full,
// so a reader checks it by eye.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>
#include <report/format.h>
#include <report/writers.h>

using namespace v8scope::report;

namespace {

/// Two rows: a name with characters every format must escape, a count, bytes, a signed delta, a percentage, ms.
Table sampleTable()
{
    Table t({
        { "name", "Name", Unit::Text, "what" },
        { "count", "Count", Unit::Count, "how many" },
        { "size", "Size", Unit::Bytes, "bytes" },
        { "delta", "Delta", Unit::SignedBytes, "bytes, signed" },
        { "pct", "%", Unit::Percent, "share" },
        { "ms", "Time", Unit::Ms, "milliseconds" },
    });
    t.addRow({ std::string("Detached <div>"), uint64_t(1234567), uint64_t(2500000), int64_t(-4200), 12.345, 1.5 });
    t.addRow({ std::string("a|b, \"c\"\t*x*"), uint64_t(7), uint64_t(999), int64_t(0), 0.0, 0.0004 });
    return t;
}

} // namespace

TEST_CASE("format helpers", "[report]")
{
    CHECK(humanSize(999) == "999 B");
    CHECK(humanSize(1000) == "1.0 kB");
    CHECK(humanSize(1234567) == "1.2 MB");
    CHECK(humanSize(-4200) == "-4.2 kB");
    CHECK(humanSize(3e12) == "3.0 TB");
    CHECK(sizeText(2500, false) == "2500");
    CHECK(signedSizeText(2500, true) == "+2.5 kB");
    CHECK(signedSizeText(-12, false) == "-12");
    CHECK(signedSizeText(0, false) == "0");
    CHECK(signedBytesText(482584, false) == "+482584 B");
    CHECK(signedBytesText(482584, true) == "+482.6 kB");
    CHECK(groupedCount(0) == "0");
    CHECK(groupedCount(999) == "999");
    CHECK(groupedCount(1000) == "1,000");
    CHECK(groupedCount(1234567) == "1,234,567");
    CHECK(signedCount(12) == "+12");
    CHECK(signedCount(-3) == "-3");
    CHECK(signedCount(1.25) == "+1.2"); // {:.1f} rounds half to even on the binary value 1.25
    CHECK(percentOf(1, 3) == "33.3");
    CHECK(percentOf(5, 0) == "0.0");
    CHECK(msText(1.23456) == "1.235");
    CHECK(msText(2, 3, true) == "+2.000");
    CHECK(distanceText(-1) == "-");
    CHECK(distanceText(100000000) == "-");
    CHECK(distanceText(7) == "7");
}

TEST_CASE("text writer: aligned columns, numbers right, human sizes", "[report]")
{
    const Table t = sampleTable();
    // Widths: Name 14 ("Detached <div>"; the other name is 12 code points, the tab counts as one), Count 9, Size 6,
    // Delta 7 ("-4.2 kB"; a zero delta is "0 B" in human mode), % 4, Time 5. Titles are left-aligned, numbers right.
    const std::string expected = "Name            Count      Size    Delta    %     Time\n"
                                 "Detached <div>  1,234,567  2.5 MB  -4.2 kB  12.3  1.500\n"
                                 "a|b, \"c\"\t*x*            7   999 B      0 B   0.0  0.000\n";
    CHECK(writeString(t, Format::Text) == expected);
    WriteOptions raw;
    raw.human = false;
    CHECK(displayText(t, 0, 2, raw) == "2500000");
    CHECK(displayText(t, 0, 3, raw) == "-4200");
    CHECK(displayText(t, 0, 2) == "2.5 MB");
}

TEST_CASE("TSV and CSV writers: keys, raw numbers, escaping", "[report]")
{
    const Table t = sampleTable();
    CHECK(writeString(t, Format::Tsv)
        == "name\tcount\tsize\tdelta\tpct\tms\n"
           "Detached <div>\t1234567\t2500000\t-4200\t12.3\t1.500\n"
           "a|b, \"c\" *x*\t7\t999\t0\t0.0\t0.000\n");
    CHECK(writeString(t, Format::Csv)
        == "name,count,size,delta,pct,ms\n"
           "Detached <div>,1234567,2500000,-4200,12.3,1.500\n"
           "\"a|b, \"\"c\"\"\t*x*\",7,999,0,0.0,0.000\n");
    CHECK(csvEscape("plain") == "plain");
    CHECK(csvEscape("line\nbreak") == "\"line\nbreak\"");
}

TEST_CASE("Markdown writer escapes pipes, HTML and emphasis in every cell", "[report]")
{
    const Table t = sampleTable();
    WriteOptions raw;
    raw.human = false;
    CHECK(writeString(t, Format::Markdown, raw)
        == "| Name | Count | Size | Delta | % | Time |\n"
           "| --- | ---: | ---: | ---: | ---: | ---: |\n"
           "| Detached &lt;div&gt; | 1,234,567 | 2500000 | -4200 | 12.3 | 1.500 |\n"
           "| a\\|b, \"c\"\t\\*x\\* | 7 | 999 | 0 | 0.0 | 0.000 |\n");
    CHECK(markdownEscape("__proto__ & `x` [y] ~z~ \\") == "\\_\\_proto\\_\\_ &amp; \\`x\\` \\[y\\] \\~z\\~ \\\\");
    CHECK(markdownEscape("self_ms _a a_") == "self_ms \\_a a\\_");
}

TEST_CASE("JSON writer: RapidJSON, typed values, wrapper and projections", "[report]")
{
    Table t = sampleTable();
    t.jsonMeta = { { "file", std::string("x.heapsnapshot") }, { "total", uint64_t(10) } };
    t.jsonRowsKey = "rows";
    t.jsonColumns = { 0, 2, 4 };
    const std::string json = writeString(t, Format::Json);
    CHECK(json
        == "{\n  \"file\": \"x.heapsnapshot\",\n  \"total\": 10,\n  \"rows\": [\n    {\n      \"name\": \"Detached "
           "<div>\",\n      \"size\": 2500000,\n      \"pct\": 12.345\n    },\n    {\n      \"name\": \"a|b, "
           "\\\"c\\\"\\t*x*\",\n      \"size\": 999,\n      \"pct\": 0\n    }\n  ]\n}\n");
    rapidjson::Document doc;
    doc.Parse(json.c_str());
    REQUIRE(!doc.HasParseError());
    CHECK(doc["rows"][1]["name"].GetString() == std::string("a|b, \"c\"\t*x*"));
    // A bare table is an array; empty cells are null; fixedJson keeps the text's digits.
    Table bare({ { "v", "V", Unit::Ms, "", 2, true }, { "e", "E", Unit::Text, "" } });
    bare.addRow({ 1.5, Cell {} });
    CHECK(writeString(bare, Format::Json) == "[\n  {\n    \"v\": 1.50,\n    \"e\": null\n  }\n]\n");
}

TEST_CASE("JUnit writer: one test case per row", "[report]")
{
    Table t({ { "status", "Status", Unit::Text, "" }, { "name", "Name", Unit::Text, "" },
        { "message", "Message", Unit::Text, "" }, { "classname", "File", Unit::Text, "" } });
    t.name = "v8scope check";
    t.addRow({ std::string("PASS"), std::string("gc < 5%"), std::string("2.6%"), std::string("a.cpuprofile") });
    t.addRow({ std::string("FAIL"), std::string("x < \"1\""), std::string("3 & 4"), std::string("a.cpuprofile") });
    t.addRow({ std::string("ERROR"), std::string("y"), std::string("no"), std::string("b") });
    CHECK(writeString(t, Format::JUnit)
        == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<testsuite name=\"v8scope check\" tests=\"3\" failures=\"1\" errors=\"1\">\n"
           "  <testcase classname=\"a.cpuprofile\" name=\"gc &lt; 5%\"><system-out>2.6%</system-out></testcase>\n"
           "  <testcase classname=\"a.cpuprofile\" name=\"x &lt; &quot;1&quot;\"><failure message=\"3 &amp; "
           "4\"/></testcase>\n"
           "  <testcase classname=\"b\" name=\"y\"><error message=\"no\"/></testcase>\n"
           "</testsuite>\n");
}
