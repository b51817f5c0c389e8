// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "testutil.h"

#include <claims/claimevaluator.h>
#include <claims/claimsfile.h>
#include <cpu/profilereader.h>

#include <catch2/catch.hpp>

using namespace v8scope;
using namespace testutil;

namespace {

Claim parsed(const std::string& text)
{
    auto c = parseClaim(text, "--claim");
    if (!c)
        FAIL(c.error().toString());
    return c.value();
}

std::string parseError(const std::string& text)
{
    auto c = parseClaim(text, "--claim");
    REQUIRE(!c.ok());
    return c.error().toString();
}

struct Sample
{
    std::shared_ptr<const CpuProfile> profile;
    Timing timing;
    BlockingResult blocking;
    bool missingOk = false;
    ClaimOutcome eval(const std::string& text)
    {
        const Claim c = parsed(text);
        ClaimContext ctx { profile.get(), &timing, &blocking, {} };
        ctx.missingOk = missingOk;
        return evaluateClaim(c, ctx);
    }
};

Sample load(const std::string& rel)
{
    auto r = ProfileReader::read(samplePath(rel));
    REQUIRE(r.ok());
    auto t = computeTiming(*r.value().profile);
    REQUIRE(t.ok());
    BlockingOptions bo;
    bo.thresholdUs = 0;
    bo.excludeStartup = bo.excludeExit = true;
    return { r.value().profile, t.value(), findBlocking(*r.value().profile, bo) };
}

} // namespace

TEST_CASE("claim parser", "[claims]")
{
    Claim c = parsed("function 'parseJson' self < 5%");
    CHECK(c.subject == Claim::Subject::Function);
    CHECK(c.name == "parseJson");
    CHECK(c.self);
    CHECK(c.op == Claim::Op::Less);
    CHECK(c.value == 5);
    CHECK(c.unit == Claim::Unit::Percent);
    c = parsed("package \"lodash\" total <= 10% of wall");
    CHECK(c.subject == Claim::Subject::Package);
    CHECK(!c.self);
    CHECK(c.denominator == Claim::Denominator::Wall);
    c = parsed("blocking count(>100ms) == 0");
    CHECK(c.subject == Claim::Subject::BlockingCount);
    CHECK(c.countThresholdUs == 100000);
    CHECK(c.value == 0);
    CHECK(parsed("blocking max < 0.05s").value == 50000);
    CHECK(parsed("heap growth < 1MB").value == 1e6);
    CHECK(parsed("gc < 5%").subject == Claim::Subject::Gc);

    CHECK(parseError("function parseJson self < 5%")
        == "--claim: byte 9: in claim \"function parseJson self < 5%\": expected a quoted function name, e.g. "
           "'function 'name' self < 5%'");
    CHECK(parseError("gc 5%") == "--claim: byte 3: in claim \"gc 5%\": expected a comparison (<, <=, >, >=, ==, !=)");
    CHECK(parseError("blocking max < 5%")
        == "--claim: byte 0: in claim \"blocking max < 5%\": blocking max/total compare with a duration (e.g. 50ms)");
    CHECK(parseError("cpu < 5%")
        == "--claim: byte 0: in claim \"cpu < 5%\": expected function, package, url, category, gc, idle, program, "
           "blocking or heap, found \"cpu\"");
    CHECK(parseError("gc < 5% extra")
        == "--claim: byte 8: in claim \"gc < 5% extra\": unexpected \"extra\" after the value");
}

TEST_CASE("claims on cpu_mix: passing and failing", "[claims]")
{
    Sample s = load("cpu/cpu_mix.cpuprofile");
    // parseJson: self 877.647 ms, total 987.765 ms of 2273.157 ms non-idle (38.6 %, 43.5 %).
    auto o = s.eval("function 'parseJson' self < 5%");
    CHECK(o.status == ClaimOutcome::Status::Fail);
    CHECK(o.measured == Approx(100.0 * 877.647 / 2273.157));
    CHECK(o.measuredText == "38.61% of non-idle time (self 877.647 ms of 2273.157 ms)");
    CHECK(s.eval("function 'parseJson' total < 45%").status == ClaimOutcome::Status::Pass);
    CHECK(s.eval("function 'parseJson' total < 40%").status == ClaimOutcome::Status::Fail);
    CHECK(s.eval("function 'parseJson' self < 900ms").status == ClaimOutcome::Status::Pass);
    CHECK(s.eval("gc < 5%").status == ClaimOutcome::Status::Pass);
    CHECK(s.eval("category 'user' self > 90%").status == ClaimOutcome::Status::Pass);
    // A name that matches nothing is an error naming the closest names, unless absent means 0 (--missing-ok).
    o = s.eval("package 'lodash' total < 10%");
    CHECK(o.status == ClaimOutcome::Status::Error);
    CHECK(o.measuredText == "no package matches 'lodash' (the profile has no package names)");
    o = s.eval("function 'parseJsn' self < 5%");
    CHECK(o.status == ClaimOutcome::Status::Error);
    CHECK(o.measuredText.rfind("no function matches 'parseJsn'; closest: parseJson, ", 0) == 0);
    s.missingOk = true;
    o = s.eval("package 'lodash' total < 10%");
    CHECK(o.status == ClaimOutcome::Status::Pass);
    CHECK(o.measuredText == "0.00% of non-idle time (total 0.000 ms of 2273.157 ms) (absent: counted as 0)");
    CHECK(s.eval("heap growth < 1MB").status == ClaimOutcome::Status::Error); // extension point, no engine yet
}

TEST_CASE("blocking claims on http_blocking", "[claims]")
{
    Sample s = load("cpu/http_blocking.cpuprofile");
    // The longest handler stretch is 250.473 ms (pixelStep); two stretches exceed 200 ms, four exceed 100 ms.
    auto o = s.eval("blocking max < 50ms");
    CHECK(o.status == ClaimOutcome::Status::Fail);
    CHECK(o.measured == 250473);
    CHECK(s.eval("blocking count(>200ms) == 2").status == ClaimOutcome::Status::Pass);
    CHECK(s.eval("blocking count(>100ms) == 4").status == ClaimOutcome::Status::Pass);
    CHECK(s.eval("blocking count(>300ms) == 0").status == ClaimOutcome::Status::Pass);
}

TEST_CASE("claim evidence: the functions and the stretch a claim measured", "[claims]")
{
    Sample s = load("cpu/cpu_mix.cpuprofile");
    auto o = s.eval("function 'parseJson' self < 5%");
    REQUIRE(o.evidence.kind == ClaimEvidence::Kind::Functions);
    REQUIRE(!o.evidence.functions.empty());
    for (uint32_t f : o.evidence.functions)
        CHECK(s.profile->functions[f].displayName() == "parseJson");
    // The heaviest match carries the self time the claim measured (877.647 ms, see above) when it is the only one.
    if (o.evidence.functions.size() == 1)
        CHECK(s.timing.toMs(s.timing.functionSelf[o.evidence.functions[0]]) == Approx(877.647).margin(0.001));
    // category 'user': many functions, heaviest total first.
    o = s.eval("category 'user' total > 90%");
    REQUIRE(o.evidence.functions.size() > 1);
    for (size_t i = 1; i < o.evidence.functions.size(); ++i)
        CHECK(s.timing.functionTotal[o.evidence.functions[i - 1]] >= s.timing.functionTotal[o.evidence.functions[i]]);
    // No match, absent counted as 0 (--missing-ok): a Functions evidence with no function.
    s.missingOk = true;
    o = s.eval("package 'lodash' total < 10%");
    CHECK(o.evidence.kind == ClaimEvidence::Kind::Functions);
    CHECK(o.evidence.functions.empty());
    s.missingOk = false;
    CHECK(s.eval("heap growth < 1MB").evidence.kind == ClaimEvidence::Kind::None); // an error

    Sample h = load("cpu/http_blocking.cpuprofile");
    // blocking max: the 250.473 ms stretch (the longest, see "blocking claims on http_blocking").
    o = h.eval("blocking max < 50ms");
    REQUIRE(o.evidence.kind == ClaimEvidence::Kind::Stretch);
    REQUIRE(o.evidence.stretch < h.blocking.stretches.size());
    const BlockingStretch& st = h.blocking.stretches[o.evidence.stretch];
    CHECK(st.durationUs == 250473);
    CHECK(o.evidence.startUs == st.startUs);
    CHECK(o.evidence.endUs - o.evidence.startUs == 250473);
    CHECK(h.eval("blocking count(>200ms) == 2").evidence.stretch == o.evidence.stretch);
}

namespace {
struct FixedGrowth final : HeapClaimProvider
{
    Result<double> heapGrowthBytes(const std::vector<std::string>& files) override
    {
        return files.size() == 2 ? Result<double>(2048.0) : Result<double>(ParseError::general("x", "two files"));
    }
};
} // namespace

TEST_CASE("claim evidence of heap claims", "[claims]")
{
    FixedGrowth growth;
    ClaimContext ctx;
    ctx.files = { "a.heapsnapshot", "b.heapsnapshot" };
    auto o = evaluateClaim(parsed("heap growth < 1KB"), ctx, &growth);
    CHECK(o.status == ClaimOutcome::Status::Fail);
    CHECK(o.measured == 2048);
    CHECK(o.evidence.kind == ClaimEvidence::Kind::HeapGrowth);
}

TEST_CASE("claims files: one claim per line or JSON", "[claims]")
{
    auto r = parseClaimsText(
        "# CPU budget\n\nfunction 'parseJson' self < 5%\n  gc < 5%  \r\n#blocking max < 1ms\n", "budget.txt");
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 2);
    CHECK(r.value()[0].text == "function 'parseJson' self < 5%");
    CHECK(r.value()[0].source == "budget.txt: line 3");
    CHECK(r.value()[1].text == "gc < 5%");
    CHECK(r.value()[1].source == "budget.txt: line 4");

    r = parseClaimsText(" {\"claims\": [\"gc < 5%\", \"idle > 1%\"]}", "c.json");
    REQUIRE(r.ok());
    REQUIRE(r.value().size() == 2);
    CHECK(r.value()[1].text == "idle > 1%");
    CHECK(r.value()[1].source == "c.json: claim 2");

    r = parseClaimsText("{\"claims\": [\"gc < 5%\", 3]}", "c.json");
    REQUIRE(!r.ok());
    CHECK(r.error().toString() == "c.json: claim 2: expected a string");
    r = parseClaimsText("{\"claims\": [", "c.json");
    REQUIRE(!r.ok());
    CHECK(r.error().toString().rfind("c.json: byte 12: invalid JSON", 0) == 0);
    r = parseClaimsText("\n# nothing\n", "empty.txt");
    REQUIRE(!r.ok());
    CHECK(r.error().toString() == "empty.txt: no claims (one claim per line, or {\"claims\": [\"CLAIM\", ...]})");
    CHECK(!readClaimsFile("/nonexistent/claims.txt").ok());
}

TEST_CASE("claims files: a big file is refused, not read whole", "[claims]")
{
    std::string big;
    const std::string line = "# padding padding padding padding padding padding padding padding padding pad\n";
    while (big.size() <= kMaxClaimsFileBytes)
        big += line;
    TempFile file(big, ".claims");
    auto r = readClaimsFile(file.path);
    REQUIRE(!r.ok());
    CHECK(r.error().file == file.path);
}
