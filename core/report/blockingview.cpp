// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "blockingview.h"

#include "cpuviews.h"
#include "jsonout.h"

#include <algorithm>
#include <fmt/format.h>

namespace v8scope::report {

namespace {

constexpr uint32_t kNoFunction = UINT32_MAX;
/// Text labels longer than this end in "..." (a minified name or a data: URL would widen every line).
constexpr size_t kMaxLabel = 72;

std::string clip(std::string s)
{
    if (s.size() > kMaxLabel)
        s = s.substr(0, kMaxLabel - 3) + "...";
    return s;
}

void functionFields(JsonOut& j, const FunctionInfo& f)
{
    auto& w = j.w();
    j.key("function");
    j.str(f.displayName());
    j.key("url");
    j.str(f.url);
    j.key("line");
    w.Int(f.line);
    j.key("column");
    w.Int(f.column);
}

/// A JSON number as fmt's shortest form prints a double (what the documented output has always been).
void shortest(JsonOut& j, double v)
{
    j.number(fmt::format("{}", v));
}

std::string blockingJson(const CpuProfile& p, const BlockingResult& r, int64_t thresholdUs)
{
    JsonOut j;
    auto& w = j.w();
    w.StartObject();
    j.key("threshold_ms");
    shortest(j, double(thresholdUs) / 1000);
    j.key("median_interval_ms");
    shortest(j, double(r.medianIntervalUs) / 1000);
    j.key("busy_stretches");
    w.Uint(r.busyStretches);
    j.key("has_idle");
    w.Bool(r.hasIdle);
    j.key("warnings");
    w.StartArray();
    for (const std::string& s : r.warnings)
        j.str(s);
    w.EndArray();
    j.key("stretches");
    w.StartArray();
    for (const BlockingStretch& s : r.stretches) {
        w.StartObject();
        j.key("start_ms");
        shortest(j, double(s.startUs) / 1000);
        j.key("duration_ms");
        shortest(j, double(s.durationUs) / 1000);
        j.key("samples");
        w.Uint(s.samples);
        j.key("top_functions");
        w.StartArray();
        for (const BlockingFunction& f : s.topFunctions) {
            w.StartObject();
            functionFields(j, p.functions[f.function]);
            j.key("self_ms");
            shortest(j, double(f.selfUs) / 1000);
            w.EndObject();
        }
        w.EndArray();
        j.key("dominant_frame");
        if (s.dominantFunction == kNoFunction)
            w.Null();
        else {
            w.StartObject();
            functionFields(j, p.functions[s.dominantFunction]);
            w.EndObject();
        }
        j.key("gc_ms");
        shortest(j, double(s.gcUs) / 1000);
        j.key("max_gap_ms");
        shortest(j, double(s.maxGapUs) / 1000);
        j.key("startup");
        w.Bool(s.startup);
        j.key("exit");
        w.Bool(s.exit);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return j.text();
}

const char* note(const BlockingStretch& s)
{
    return s.startup ? "startup" : s.exit ? "exit" : "";
}

} // namespace

const char* diffMatchName(DiffMatch m)
{
    return m == DiffMatch::Url ? "url" : m == DiffMatch::Path ? "path" : "name";
}

Document blockingDocument(const CpuProfile& p, const BlockingResult& r, const BlockingViewOptions& o)
{
    Document d;
    Table& tb = d.table;
    tb = Table({
        { "start_ms", "start_ms", Unit::Ms, "When the stretch began, from the profile's start" },
        { "duration_ms", "duration_ms", Unit::Ms, "How long the event loop was busy" },
        { "samples", "samples", Unit::Number, "Samples in the stretch" },
        { "gc_ms", "gc_ms", Unit::Ms, "Garbage collection inside the stretch", 1 },
        { "dominant_frame", "dominant_frame", Unit::Text, "The deepest frame present for >= 90 % of the stretch" },
        { "top_self_functions", "top_self_functions", Unit::Text, "The functions with the most self time, ms" },
        { "note", "note", Unit::Text, "startup: the first stretch; exit: the last" },
    });
    tb.name = "cpu blocking";
    // Text: the stretch's numbers and dominant frame on one row, its top self functions on the rows below.
    Table& tx = d.textTable;
    tx = Table({
        { "start_ms", "start_ms", Unit::Ms, "" },
        { "duration_ms", "duration_ms", Unit::Ms, "" },
        { "samples", "samples", Unit::Number, "" },
        { "gc_ms", "gc_ms", Unit::Ms, "", 1 },
        { "note", "note", Unit::Text, "" },
        { "self_ms", "self_ms", Unit::Ms, "", 1 },
        { "frame", "dominant frame / top self functions", Unit::Text, "" },
    });
    for (const BlockingStretch& s : r.stretches) {
        std::string tops;
        for (const BlockingFunction& f : s.topFunctions)
            tops += fmt::format("{}{} {:.1f}", tops.empty() ? "" : ", ",
                cpuFunctionLabel(p.functions[f.function], true), double(f.selfUs) / 1000);
        const std::string dominant = s.dominantFunction == kNoFunction
            ? std::string("-")
            : cpuFunctionLabel(p.functions[s.dominantFunction], true);
        tb.addRow({ double(s.startUs) / 1000, double(s.durationUs) / 1000, int64_t(s.samples), double(s.gcUs) / 1000,
            dominant, tops, std::string(note(s)) });
        tb.rowKeys.push_back(s.firstSample);
        tx.addRow({ double(s.startUs) / 1000, double(s.durationUs) / 1000, int64_t(s.samples), double(s.gcUs) / 1000,
            std::string(note(s)), Cell {},
            s.dominantFunction == kNoFunction ? std::string("-")
                                              : clip(cpuFunctionLabel(p.functions[s.dominantFunction], o.longNames)) });
        for (const BlockingFunction& f : s.topFunctions)
            tx.addRow({ Cell {}, Cell {}, Cell {}, Cell {}, std::string(), double(f.selfUs) / 1000,
                "  " + clip(cpuFunctionLabel(p.functions[f.function], o.longNames)) });
    }
    d.preamble = fmt::format("# {} busy stretch(es) >= {} ms (of {}); median sample interval {:.3f} ms{}\n",
        r.stretches.size(), double(o.thresholdUs) / 1000, r.busyStretches, double(r.medianIntervalUs) / 1000,
        o.ignoreList.empty() || o.ignoreList == "off" ? std::string() : "; ignore list " + o.ignoreList);
    d.json = blockingJson(p, r, o.thresholdUs);
    return d;
}

Document cpuDiffDocument(const ProfileDiff& diff, const CpuDiffViewOptions& o)
{
    auto idleRow = [](const DiffRow& r) { return r.url.empty() && r.name == "(idle)"; };
    auto programRow = [](const DiffRow& r) { return r.url.empty() && r.name == "(program)"; };
    std::vector<const DiffRow*> rows, last;
    for (const DiffRow& r : diff.rows)
        (idleRow(r) || programRow(r) ? last : rows).push_back(&r);
    rows.insert(rows.end(), last.begin(), last.end());
    if (o.top && rows.size() > o.top)
        rows.resize(o.top);
    auto col = [](const char* key, Unit unit, int precision, const char* help, const char* title = nullptr) {
        return Column { key, title ? title : key, unit, help, precision, true };
    };
    Document d;
    Table& tb = d.table;
    tb = Table({
        col("self_delta_ms", Unit::SignedMs, 3, "HEAD self - BASE self", "self_delta"),
        col("base_self_ms", Unit::Ms, 3, "Self in BASE", "base_self"),
        col("head_self_ms", Unit::Ms, 3, "Self in HEAD (scaled with --normalize)", "head_self"),
        col("base_self_%", Unit::Percent, 1, "Self as a percentage of BASE's non-idle time", "base_%"),
        col("head_self_%", Unit::Percent, 1, "Self as a percentage of HEAD's non-idle time", "head_%"),
        col("total_delta_ms", Unit::SignedMs, 3, "HEAD total - BASE total", "total_delta"),
        col("base_total_%", Unit::Percent, 1, "Total as a percentage of BASE's non-idle time"),
        col("head_total_%", Unit::Percent, 1, "Total as a percentage of HEAD's non-idle time"),
        col("function", Unit::Text, -1, "Display name"),
        col("location", Unit::Text, -1, "The matched location, with the 1-based line"),
        Column { "location_short", "location", Unit::Text, "file:line" },
        // JSON
        col("url", Unit::Text, -1, ""),
        col("line", Unit::Number, -1, ""),
        col("base_total_ms", Unit::Ms, 3, ""),
        col("head_total_ms", Unit::Ms, 3, ""),
        col("base_self_pct", Unit::Percent, 2, ""),
        col("head_self_pct", Unit::Percent, 2, ""),
        col("base_total_pct", Unit::Percent, 2, ""),
        col("head_total_pct", Unit::Percent, 2, ""),
        col("in_base", Unit::Number, -1, ""),
        col("in_head", Unit::Number, -1, ""),
        Column { "function_text", "function", Unit::Text, "Display name (clipped unless --long-names)" },
    });
    tb.dataColumns = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    // Text and Markdown: short titles and no total percentages, so that rows fit 120 columns.
    tb.displayColumns = { 0, 1, 2, 3, 4, 5, 21, size_t(o.longNames ? 9 : 10) };
    tb.name = "cpu diff";
    for (const DiffRow* rp : rows) {
        const DiffRow& r = *rp;
        const bool idle = idleRow(r);
        auto pct = [&](double v) -> Cell { return idle ? Cell {} : Cell { v }; };
        const std::string loc = r.url.empty() ? std::string()
            : r.line < 0                      ? r.url
                                              : fmt::format("{}:{}", r.url, r.line + 1);
        tb.addRow({ r.selfDeltaMs(), r.baseSelfMs, r.headSelfMs, pct(r.baseSelfPct), pct(r.headSelfPct),
            r.totalDeltaMs(), pct(r.baseTotalPct), pct(r.headTotalPct), r.name, loc, shortLocation(r.url, r.line),
            r.url, int64_t(r.line), r.baseTotalMs, r.headTotalMs, pct(r.baseSelfPct), pct(r.headSelfPct),
            pct(r.baseTotalPct), pct(r.headTotalPct), int64_t(r.inBase), int64_t(r.inHead),
            o.longNames ? r.name : clipText(r.name, kMaxNameText) });
    }
    // JSON: the documented object (booleans and fixed decimals), written here rather than by the table writer.
    JsonOut j;
    auto& w = j.w();
    auto fixed = [&](double v, int decimals) { j.number(fmt::format("{:.{}f}", v, decimals)); };
    w.StartObject();
    j.key("base_busy_ms");
    fixed(diff.baseBusyMs, 3);
    j.key("head_busy_ms");
    fixed(diff.headBusyMs, 3);
    j.key("scale");
    j.number(fmt::format("{}", diff.scale));
    j.key("percent_of");
    j.str("non-idle time");
    j.key("match");
    j.str(diffMatchName(diff.match));
    j.key("base_root");
    j.str(diff.baseRoot);
    j.key("head_root");
    j.str(diff.headRoot);
    j.key("rows");
    w.StartArray();
    for (const DiffRow* rp : rows) {
        const DiffRow& r = *rp;
        const bool idle = idleRow(r);
        auto pct = [&](const char* key, double v) {
            j.key(key);
            if (idle)
                w.Null();
            else
                fixed(v, 2);
        };
        w.StartObject();
        j.key("function");
        j.str(r.name);
        j.key("url");
        j.str(r.url);
        j.key("line");
        w.Int(r.line);
        for (const auto& [key, v] : { std::pair { "base_self_ms", r.baseSelfMs }, { "head_self_ms", r.headSelfMs },
                 { "self_delta_ms", r.selfDeltaMs() }, { "base_total_ms", r.baseTotalMs },
                 { "head_total_ms", r.headTotalMs }, { "total_delta_ms", r.totalDeltaMs() } }) {
            j.key(key);
            fixed(v, 3);
        }
        pct("base_self_pct", r.baseSelfPct);
        pct("head_self_pct", r.headSelfPct);
        pct("base_total_pct", r.baseTotalPct);
        pct("head_total_pct", r.headTotalPct);
        j.key("in_base");
        w.Bool(r.inBase);
        j.key("in_head");
        w.Bool(r.inHead);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    d.json = j.text();
    d.preamble
        = fmt::format("# HEAD - BASE in ms; % of each profile's non-idle time (base {:.3f} ms, head {:.3f} ms){}\n"
                      "# functions matched by {}{}\n",
            diff.baseBusyMs, diff.headBusyMs, diff.scale != 1 ? fmt::format("; head scaled by {:.4f}", diff.scale) : "",
            diffMatchName(diff.match),
            diff.match == DiffMatch::Path
                ? fmt::format("; roots stripped:\n#   base \"{}\"\n#   head \"{}\"", diff.baseRoot, diff.headRoot)
                : std::string());
    if (std::any_of(rows.begin(), rows.end(), [&](const DiffRow* r) { return idleRow(*r); }))
        d.preamble += "# (idle) has no percentages (outside non-idle time); (idle) and (program) are listed last\n";
    return d;
}

} // namespace v8scope::report
