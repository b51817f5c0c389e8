// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The gate language: every operator and unit, class names with dots and '<', and malformed gates.
#include <catch2/catch.hpp>
#include <diff/gate.h>

using namespace v8scope;

namespace {
const GateMetrics& metrics()
{
    static const GateMetrics m { { { "retained", true, true, "" }, { "count", false, true, "" },
                                     { "leaks", false, false, "" } },
        { { "count", false, true, "" }, { "retained", true, true, "" } } };
    return m;
}

Gate parse(const std::string& text)
{
    auto g = parseGate(text, metrics());
    if (!g)
        FAIL(g.error().toString());
    return g.value();
}

std::string error(const std::string& text)
{
    auto g = parseGate(text, metrics());
    REQUIRE_FALSE(g);
    return g.error().toString();
}
} // namespace

TEST_CASE("gates: operators", "[diff][gates]")
{
    CHECK(parse("leaks>0").op == Gate::Op::Greater);
    CHECK(parse("leaks>=0").op == Gate::Op::GreaterEqual);
    CHECK(parse("leaks<0").op == Gate::Op::Less);
    CHECK(parse("leaks<=0").op == Gate::Op::LessEqual);
    CHECK(parse("leaks==0").op == Gate::Op::Equal);
    CHECK(parse("leaks!=0").op == Gate::Op::NotEqual);
    // trips(value): the gate fails when the comparison is true
    CHECK(parse("count>100").trips(101));
    CHECK_FALSE(parse("count>100").trips(100));
    CHECK(parse("count>=100").trips(100));
    CHECK(parse("count<-5").trips(-6));
    CHECK_FALSE(parse("count<-5").trips(-5));
    CHECK(parse("count<=-5").trips(-5));
    CHECK(parse("count==3").trips(3));
    CHECK_FALSE(parse("count==3").trips(4));
    CHECK(parse("count!=3").trips(4));
    CHECK_FALSE(parse("count!=3").trips(3));
}

TEST_CASE("gates: units and signs", "[diff][gates]")
{
    CHECK(parse("retained>+5MB").threshold == 5e6);
    CHECK(parse("retained>5mb").threshold == 5e6);
    CHECK(parse("retained > 12B").threshold == 12);
    CHECK(parse("retained>1.5KB").threshold == 1500);
    CHECK(parse("retained>2GB").threshold == 2e9);
    CHECK(parse("retained>1KiB").threshold == 1024);
    CHECK(parse("retained>1MiB").threshold == 1024 * 1024);
    CHECK(parse("retained>1GiB").threshold == 1024.0 * 1024 * 1024);
    CHECK(parse("retained<-1MB").threshold == -1e6);
    CHECK(parse("retained>100").threshold == 100); // bytes without a unit
    const Gate pct = parse("retained>+10%");
    CHECK(pct.percent);
    CHECK(pct.threshold == 10);
    CHECK(parse("class:Session.count>+50%").percent);
}

TEST_CASE("gates: class names", "[diff][gates]")
{
    Gate g = parse("class:Session.count>+100");
    CHECK(g.hasClass);
    CHECK(g.className == "Session");
    CHECK(g.metric == "count");
    CHECK(g.threshold == 100);
    g = parse("class:Detached <div>.retained>=10KB");
    CHECK(g.className == "Detached <div>");
    CHECK(g.op == Gate::Op::GreaterEqual);
    g = parse("class:system / Context.count>0");
    CHECK(g.className == "system / Context");
    g = parse("class:a.b.c.retained>0"); // dots inside the name: the last .metric wins
    CHECK(g.className == "a.b.c");
    g = parse("class:\"{a, b}\".count>1");
    CHECK(g.className == "{a, b}");
    CHECK(g.metric == "count");
}

TEST_CASE("gates: malformed expressions give clear errors", "[diff][gates]")
{
    CHECK_THAT(error(""), Catch::Contains("empty gate"));
    CHECK_THAT(error("retained"), Catch::Contains("comparison operator"));
    CHECK_THAT(error("retained>"), Catch::Contains("expected a number"));
    CHECK_THAT(error("retained>abc"), Catch::Contains("expected a number"));
    CHECK_THAT(error("retained>5XB"), Catch::Contains("unknown unit 'XB'"));
    CHECK_THAT(error("count>5MB"), Catch::Contains("is a count"));
    CHECK_THAT(error("leaks>5%"), Catch::Contains("% does not apply"));
    CHECK_THAT(error("bogus>1"), Catch::Contains("unknown metric 'bogus'"));
    CHECK_THAT(error("class:Session.bogus>1"), Catch::Contains("unknown class metric 'bogus'"));
    CHECK_THAT(error("class:Session>1"), Catch::Contains("expected class:NAME.METRIC"));
    CHECK_THAT(error("class:Session.leaks>1"), Catch::Contains("unknown class metric 'leaks'"));
    CHECK_THAT(error("class:.count>1"), Catch::Contains("empty class name"));
    CHECK_THAT(error("class:\"Session.count>1"), Catch::Contains("unterminated"));
    CHECK_THAT(error("retained=>1"), Catch::Contains("comparison operator"));
    CHECK_THAT(error(">5"), Catch::Contains("expected a metric"));
}

TEST_CASE("gates: evaluation with percent of the base", "[diff][gates]")
{
    const std::vector<Gate> gates { parse("retained>+10%"), parse("count>5"), parse("retained<0%") };
    const auto out = evaluateGates(gates, [](const Gate& g) {
        GateMeasure m;
        m.delta = g.metric == "retained" ? 150 : 5;
        m.base = 1000;
        return m;
    });
    REQUIRE(out.size() == 3);
    CHECK(out[0].value == 15.0);
    CHECK(out[0].tripped);
    CHECK_FALSE(out[1].tripped);
    CHECK_FALSE(out[2].tripped);
}
