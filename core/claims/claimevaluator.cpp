// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "claimevaluator.h"

#include <cpu/rollup.h>

#include <algorithm>
#include <cstdio>

namespace v8scope {

namespace {

std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string msText(double us)
{
    return fixed(us / 1000, 3) + " ms";
}

ClaimOutcome error(std::string text)
{
    ClaimOutcome o;
    o.status = ClaimOutcome::Status::Error;
    o.measuredText = std::move(text);
    return o;
}

ClaimOutcome decide(const Claim& c, double measured, std::string text, ClaimEvidence evidence)
{
    ClaimOutcome o;
    o.measured = measured;
    o.measuredText = std::move(text);
    o.evidence = std::move(evidence);
    o.status = compare(measured, c.op, c.value) ? ClaimOutcome::Status::Pass : ClaimOutcome::Status::Fail;
    return o;
}

/// Edit distance (Levenshtein) of a and b, ASCII case-insensitive: ranks the names a claim could have meant.
size_t editDistance(std::string_view a, std::string_view b)
{
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t up = row[j];
            row[j] = std::min({ row[j] + 1, row[j - 1] + 1, diag + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1) });
            diag = up;
        }
    }
    return row[b.size()];
}

/// What a function, url or package claim can name in this profile: display names, URLs (a url claim is a
/// substring, so its file name is compared too) or packages.
std::vector<std::string> candidateNames(const Claim& c, const CpuProfile& p)
{
    std::vector<std::string> names;
    for (uint32_t f = 0; f < p.functions.size(); ++f) {
        if (f == p.function[0])
            continue;
        const FunctionInfo& fi = p.functions[f];
        if (c.subject == Claim::Subject::Function)
            names.push_back(fi.displayName());
        else if (c.subject == Claim::Subject::Package)
            names.push_back(packageOf(fi.url));
        else
            names.push_back(fi.url);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::erase(names, std::string());
    return names;
}

/// "no function matches 'X'; closest: a, b, c" (the three nearest names by edit distance; for URLs the distance
/// to the file name counts too).
std::string noMatchText(const Claim& c, const CpuProfile& p)
{
    const char* what = c.subject == Claim::Subject::Function ? "function"
        : c.subject == Claim::Subject::Package               ? "package"
                                                             : "url";
    std::vector<std::pair<size_t, std::string>> ranked;
    for (std::string& n : candidateNames(c, p)) {
        size_t d = editDistance(c.name, n);
        if (c.subject == Claim::Subject::Url)
            d = std::min(d, editDistance(c.name, std::string_view(n).substr(n.find_last_of('/') + 1)));
        ranked.emplace_back(d, std::move(n));
    }
    std::sort(ranked.begin(), ranked.end());
    std::string text = std::string("no ") + what + " matches '" + c.name + "'";
    if (ranked.empty())
        return text + " (the profile has no " + what + " names)";
    text += "; closest: ";
    for (size_t i = 0; i < ranked.size() && i < 3; ++i)
        text += (i ? ", " : "") + ranked[i].second;
    return text + " (use --missing-ok to count an absent " + what + " as 0)";
}

/// Time share claims: function, package, url, category, gc, idle, program.
ClaimOutcome shareClaim(const Claim& c, const CpuProfile& p, const Timing& t, bool missingOk)
{
    using S = Claim::Subject;
    std::vector<char> match(p.functions.size(), 0);
    size_t matched = 0;
    for (uint32_t f = 0; f < p.functions.size(); ++f) {
        if (f == p.function[0])
            continue;
        const FunctionInfo& fi = p.functions[f];
        bool m = false;
        switch (c.subject) {
        case S::Function:
            m = fi.displayName() == c.name || fi.name == c.name;
            break;
        case S::Package:
            m = packageOf(fi.url) == c.name;
            break;
        case S::Url:
            m = !c.name.empty() && fi.url.find(c.name) != std::string::npos;
            break;
        case S::Category:
            m = categoryOf(fi) == c.name;
            break;
        case S::Gc:
            m = fi.url.empty() && fi.name == "(garbage collector)";
            break;
        case S::Idle:
            m = fi.url.empty() && fi.name == "(idle)";
            break;
        case S::Program:
            m = fi.url.empty() && fi.name == "(program)";
            break;
        default:
            break;
        }
        match[f] = m;
        matched += m;
    }
    const auto [total, self] = t.tree.matchTotals([&](uint32_t f) { return match[f] != 0; });
    ClaimEvidence evidence;
    evidence.kind = ClaimEvidence::Kind::Functions;
    evidence.functions.reserve(matched);
    for (uint32_t f = 0; f < match.size(); ++f)
        if (match[f])
            evidence.functions.push_back(f);
    const std::vector<int64_t>& weight = c.self ? t.functionSelf : t.functionTotal;
    auto weightOf = [&](uint32_t f) { return f < weight.size() ? weight[f] : 0; };
    std::stable_sort(evidence.functions.begin(), evidence.functions.end(),
        [&](uint32_t a, uint32_t b) { return weightOf(a) > weightOf(b); });
    const int64_t units = c.self ? self : total;
    const double us = t.toMs(units) * 1000;
    const std::string what = std::string(c.self ? "self " : "total ") + msText(us);
    const bool named
        = c.subject == S::Function || c.subject == S::Package || c.subject == S::Url || c.subject == S::Category;
    if (matched == 0 && named && !missingOk && c.subject != S::Category)
        return error(noMatchText(c, p));
    std::string note = matched == 0 && named ? " (absent: counted as 0)" : "";
    if (c.unit == Claim::Unit::Microseconds)
        return decide(c, us, what + note, std::move(evidence));
    const bool wall = c.denominator == Claim::Denominator::Wall;
    const int64_t denomUnits = wall ? t.duration : t.busy();
    const double pct = denomUnits > 0 ? 100.0 * double(units) / double(denomUnits) : 0;
    return decide(c, pct,
        fixed(pct, 2) + "% of " + (wall ? "the profile window" : "non-idle time") + " (" + what + " of "
            + msText(t.toMs(denomUnits) * 1000) + ")" + note,
        std::move(evidence));
}

ClaimOutcome blockingClaim(const Claim& c, const CpuProfile& p, const BlockingResult& b)
{
    const BlockingStretch* worst = nullptr;
    double totalUs = 0;
    size_t count = 0;
    for (const BlockingStretch& s : b.stretches) {
        if (!worst || s.durationUs > worst->durationUs)
            worst = &s;
        totalUs += double(s.durationUs);
        if (compare(double(s.durationUs), c.countOp, double(c.countThresholdUs)))
            ++count;
    }
    auto where = [&](const BlockingStretch* s) {
        if (!s)
            return std::string(" (no busy stretch)");
        std::string w = " (longest at " + fixed(double(s->startUs) / 1000, 1) + " ms";
        if (s->dominantFunction != UINT32_MAX)
            w += ", in " + p.functions[s->dominantFunction].displayName();
        return w + ")";
    };
    // Without (idle) samples the loop never waited (or idle is not reported): the run is one busy stretch, as
    // `cpu blocking` shows it.
    ClaimEvidence evidence;
    evidence.kind = ClaimEvidence::Kind::Stretch;
    if (worst) {
        evidence.stretch = uint32_t(worst - b.stretches.data());
        evidence.startUs = worst->startUs;
        evidence.endUs = worst->startUs + worst->durationUs;
    }
    const std::string noIdle = b.hasIdle ? std::string() : "; no (idle) sample: the whole profile is one stretch";
    switch (c.subject) {
    case Claim::Subject::BlockingMax:
        return decide(c, worst ? double(worst->durationUs) : 0,
            "longest busy stretch " + msText(worst ? double(worst->durationUs) : 0) + where(worst) + noIdle,
            std::move(evidence));
    case Claim::Subject::BlockingTotal:
        return decide(c, totalUs, "busy stretches total " + msText(totalUs) + noIdle, std::move(evidence));
    default:
        return decide(c, double(count),
            std::to_string(count) + " busy stretch(es) " + opText(c.countOp) + " "
                + fixed(double(c.countThresholdUs) / 1000, 1) + " ms" + where(worst) + noIdle,
            std::move(evidence));
    }
}

} // namespace

ClaimOutcome evaluateClaim(const Claim& c, const ClaimContext& ctx, HeapClaimProvider* heap)
{
    if (c.isHeap()) {
        if (!heap)
            return error("heap claims need a heap snapshot loader (the caller passed none)");
        auto growth = heap->heapGrowthBytes(ctx.files);
        if (!growth)
            return error(growth.error().toString());
        ClaimEvidence evidence;
        evidence.kind = ClaimEvidence::Kind::HeapGrowth;
        return decide(c, growth.value(), "heap growth " + fixed(growth.value(), 0) + " bytes", std::move(evidence));
    }
    if (!ctx.profile || !ctx.timing)
        return error("needs a CPU profile");
    if (ctx.profile->isHeap())
        return error("needs a CPU profile, not a sampling heap profile");
    if (c.isBlocking())
        return ctx.blocking ? blockingClaim(c, *ctx.profile, *ctx.blocking) : error("blocking was not computed");
    return shareClaim(c, *ctx.profile, *ctx.timing, ctx.missingOk);
}

} // namespace v8scope
