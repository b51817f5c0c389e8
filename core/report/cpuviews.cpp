// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpuviews.h"

#include "format.h"
#include "jsonout.h"

#include <cmath>
#include <fmt/format.h>

namespace v8scope::report {

namespace {

std::string shortLocationFull(const std::string& url, int32_t line)
{
    if (url.empty())
        return {};
    if (url.rfind("node:", 0) == 0) // short already: node:internal/timers
        return line < 0 ? url : fmt::format("{}:{}", url, line + 1);
    std::string_view path(url);
    path = path.substr(0, path.find_first_of("?#"));
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    const size_t slash = path.find_last_of('/');
    std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (file.empty())
        file = url;
    return line < 0 ? std::string(file) : fmt::format("{}:{}", file, line + 1);
}

} // namespace

std::string clipText(const std::string& s, size_t max, bool keepTail)
{
    if (s.size() <= max || max < 4)
        return s;
    auto continuation = [&](size_t i) { return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; };
    if (keepTail) {
        // node:internal/bootstrap/switches/is_main_thread:47 -> node:...switches/is_main_thread:47
        const std::string head = s.rfind("node:", 0) == 0 && max > 16 ? "node:..." : "...";
        size_t from = s.size() - (max - head.size());
        while (continuation(from))
            ++from;
        return head + s.substr(from);
    }
    size_t to = max - 3;
    while (to > 0 && continuation(to))
        --to;
    return s.substr(0, to) + "...";
}

std::string shortLocation(const std::string& url, int32_t line)
{
    return clipText(shortLocationFull(url, line), kMaxLocationText, true);
}

std::string locationText(const std::string& url, int32_t line, bool longNames)
{
    if (url.empty())
        return {};
    if (!longNames)
        return shortLocation(url, line);
    return line < 0 ? url : fmt::format("{}:{}", url, line + 1);
}

std::string cpuFunctionLabel(const FunctionInfo& f, bool longNames)
{
    const std::string name = longNames ? f.displayName() : clipText(f.displayName(), kMaxNameText);
    if (f.url.empty())
        return name;
    return name + " " + locationText(f.url, f.line, longNames);
}

double weightNumber(const Timing& t, int64_t units)
{
    if (t.unit == WeightUnit::Bytes)
        return double(units);
    return std::round(t.toMs(units) * 1000.0) / 1000.0;
}

Cell weightCell(const Timing& t, int64_t units)
{
    if (t.unit == WeightUnit::Bytes)
        return units;
    return t.toMs(units);
}

Unit weightUnit(const Timing& t)
{
    return t.unit == WeightUnit::Bytes ? Unit::Number : Unit::Ms;
}

const char* weightUnitName(const Timing& t)
{
    return t.unit == WeightUnit::Bytes ? "bytes" : "ms";
}

const char* timingModelName(TimingModel m)
{
    return m == TimingModel::Perf ? "perf" : m == TimingModel::Profile ? "profile" : "hitcount";
}

bool isIdleFunction(const FunctionInfo& f)
{
    return f.url.empty() && !f.traceEvent && f.name == "(idle)";
}

bool isProgramFunction(const FunctionInfo& f)
{
    return f.url.empty() && !f.traceEvent && f.name == "(program)";
}

const char* rollupKeyName(RollupKey key)
{
    return key == RollupKey::Function ? "function"
        : key == RollupKey::Url       ? "url"
        : key == RollupKey::Package   ? "package"
                                      : "category";
}

Document cpuInfoDocument(
    const CpuProfile& p, const Timing& t, const std::string& chosenKey, const std::vector<ProfileListing>& available)
{
    auto ms3 = [](double v) { return fmt::format("{:.3f}", v); };
    auto weight
        = [&](int64_t units) { return t.unit == WeightUnit::Bytes ? std::to_string(units) : ms3(t.toMs(units)); };
    // key, value, whether JSON writes the value as a string
    std::vector<std::tuple<std::string, std::string, bool>> kv;
    kv.emplace_back("file", p.sourceName, true);
    kv.emplace_back("format", p.format, true);
    kv.emplace_back("profile", chosenKey, true);
    kv.emplace_back("nodes", std::to_string(p.nodeCount()), false);
    kv.emplace_back("functions", std::to_string(p.functions.size()), false);
    kv.emplace_back("max_depth", std::to_string(p.maxDepth), false);
    if (p.isHeap()) {
        kv.emplace_back("samples", std::to_string(p.heapSampleCount), false);
        kv.emplace_back("total_bytes", std::to_string(t.duration), false);
    } else {
        kv.emplace_back("model", timingModelName(t.model), true);
        kv.emplace_back("ignore_list", t.ignoreList, true);
        kv.emplace_back("samples", std::to_string(p.sampleCount()), false);
        kv.emplace_back("total_hit_count", std::to_string(p.totalHitCount), false);
        kv.emplace_back("fixed_program_samples", std::to_string(p.fixedProgramSamples), false);
        kv.emplace_back("window_start_ms", ms3(double(t.windowStart) / 1000), false);
        kv.emplace_back("window_end_ms", ms3(double(t.windowEnd) / 1000), false);
        kv.emplace_back("duration_ms", weight(t.duration), false);
        const double interval = p.sampleCount() > 1
            ? double(p.timestamps.back() - p.timestamps.front()) / double(p.sampleCount() - 1) / 1000
            : 0;
        kv.emplace_back("mean_interval_ms", ms3(interval), false);
        kv.emplace_back("busy_ms", weight(t.busy()), false);
        kv.emplace_back("idle_ms", weight(t.idle), false);
        kv.emplace_back("program_ms", weight(t.program), false);
        kv.emplace_back("gc_ms", weight(t.gc), false);
        kv.emplace_back("js_ms", weight(t.duration - t.unattributed - t.idle - t.program - t.gc), false);
        kv.emplace_back("unattributed_ms", weight(t.unattributed), false);
    }
    Document d;
    d.table = Table({ { "key", "key", Unit::Text, "What the value is (docs/cpu.md)" },
        { "value", "value", Unit::Text, "The value: ms with 3 decimals, counts, names" } });
    d.table.name = "cpu info";
    for (const auto& [k, v, text] : kv)
        d.table.addRow({ k, v });
    if (available.size() > 1) {
        Table profiles({ { "profile", "profile", Unit::Text, "pid:id, what --profile accepts" },
            { "tid", "tid", Unit::Id, "Thread id" }, { "source", "source", Unit::Text, "Who recorded it" },
            { "nodes", "nodes", Unit::Number, "Call-tree nodes" }, { "samples", "samples", Unit::Number, "Samples" } });
        for (const ProfileListing& l : available)
            profiles.addRow({ l.key, l.tid, l.source, l.nodes, l.samples });
        d.moreTables.push_back(std::move(profiles));
    }
    JsonOut j;
    auto& w = j.w();
    w.StartObject();
    for (const auto& [k, v, text] : kv) {
        j.key(k);
        if (text)
            j.str(v);
        else
            j.number(v);
    }
    j.key("profiles");
    w.StartArray();
    for (const ProfileListing& l : available) {
        w.StartObject();
        j.key("key");
        j.str(l.key);
        j.key("pid");
        w.Int64(l.pid);
        j.key("tid");
        w.Int64(l.tid);
        j.key("source");
        j.str(l.source);
        j.key("nodes");
        w.Uint64(l.nodes);
        j.key("samples");
        w.Uint64(l.samples);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    d.json = j.text();
    return d;
}

Document functionsDocument(const CpuProfile& p, const Timing& t, bool longNames)
{
    const std::string u = weightUnitName(t);
    const Unit wu = weightUnit(t);
    Document d;
    Table& tb = d.table;
    tb = Table({
        { "function", "function", Unit::Text, "functionName as in the profile (empty for anonymous code)" },
        { "url", "url", Unit::Text, "Script URL" },
        { "line", "line", Unit::Number, "0-based line, as in the profile" },
        { "column", "column", Unit::Number, "0-based column, as in the profile" },
        { "script_id", "script_id", Unit::Text, "V8's script id" },
        { "self_" + u, "self_" + u, wu, "Time (or bytes) in the function itself" },
        { "total_" + u, "total_" + u, wu, "Time (or bytes) in the function and its callees, each stack once" },
        { "name", "function", Unit::Text, "Display name" },
        { "location", "location", Unit::Text, "file:line (1-based)" },
        { "self", "self", Unit::Number, "Self weight" },
        { "total", "total", Unit::Number, "Total weight" },
    });
    tb.dataColumns = { 0, 1, 2, 3, 4, 5, 6 };
    tb.displayColumns = { 5, 6, 7, 8 };
    tb.jsonColumns = { 0, 1, 2, 3, 4, 9, 10 };
    tb.jsonMeta = { { "unit", u } };
    tb.jsonRowsKey = "functions";
    tb.name = "cpu functions";
    for (const RollupRow& r : rollup(p, t, RollupKey::Function)) {
        const FunctionInfo& f = p.functions[r.function];
        tb.addRow({ f.name, f.url, int64_t(f.line), int64_t(f.column), f.scriptId, weightCell(t, r.self),
            weightCell(t, r.total), longNames ? f.displayName() : clipText(f.displayName(), kMaxNameText),
            locationText(f.url, f.line, longNames), weightNumber(t, r.self), weightNumber(t, r.total) });
        tb.rowKeys.push_back(r.function);
    }
    return d;
}

Document rollupDocument(const CpuProfile& p, const Timing& t, const RollupViewOptions& o)
{
    std::vector<RollupRow> all = rollup(p, t, o.by);
    // As DevTools' Bottom-up tab: rows without self time are not listed. (idle) and (program) after the rest.
    std::vector<RollupRow> rows, last;
    for (RollupRow& r : all) {
        if (r.self <= 0)
            continue;
        const bool apart = o.by == RollupKey::Function
            ? isIdleFunction(p.functions[r.function]) || isProgramFunction(p.functions[r.function])
            : o.by == RollupKey::Category && (r.key == "idle" || r.key == "program");
        (apart ? last : rows).push_back(std::move(r));
    }
    for (RollupRow& r : last)
        rows.push_back(std::move(r));
    if (o.top && rows.size() > o.top)
        rows.resize(o.top);
    const bool heap = p.isHeap();
    const int64_t denom = heap ? t.duration : t.busy();
    const std::string u = weightUnitName(t);
    const Unit wu = weightUnit(t);
    const std::string keyName = rollupKeyName(o.by);
    const std::string denomName = heap ? "total bytes" : "non-idle time";
    Column pct { "", "", Unit::Percent, "", 1, true };
    auto pctCol = [&](std::string key, std::string help) {
        Column c = pct;
        c.key = c.title = std::move(key);
        c.help = std::move(help);
        return c;
    };
    Document d;
    Table& tb = d.table;
    tb = Table({
        { "self_" + u, "self_" + u, wu, "Time in the row's functions themselves" },
        pctCol("self_%", "Self as a percentage of " + denomName),
        { "total_" + u, "total_" + u, wu, "Time in the row's functions and their callees, each stack once" },
        pctCol("total_%", "Total as a percentage of " + denomName),
        { keyName, keyName, Unit::Text, "The " + keyName },
        { "location", "location", Unit::Text, "url:line (1-based)" },
        { "location_short", "location", Unit::Text, "file:line (1-based)" },
        { "key", "key", Unit::Text, "" },
        { "url", "url", Unit::Text, "" },
        { "line", "line", Unit::Number, "" },
        { "column", "column", Unit::Number, "" },
        { "script_id", "script_id", Unit::Text, "" },
        { "self", "self", Unit::Number, "" },
        { "total", "total", Unit::Number, "" },
        pctCol("self_pct", ""),
        pctCol("total_pct", ""),
        { "key_text", keyName, Unit::Text, "The " + keyName + " (clipped in text tables unless --long-names)" },
    });
    const bool fn = o.by == RollupKey::Function;
    tb.dataColumns = fn ? std::vector<size_t> { 0, 1, 2, 3, 4, 5 } : std::vector<size_t> { 0, 1, 2, 3, 4 };
    tb.displayColumns = fn ? std::vector<size_t> { 0, 1, 2, 3, 16, size_t(o.longNames ? 5 : 6) }
                           : std::vector<size_t> { 0, 1, 2, 3, 16 };
    tb.jsonColumns
        = fn ? std::vector<size_t> { 7, 8, 9, 10, 11, 12, 13, 14, 15 } : std::vector<size_t> { 7, 12, 13, 14, 15 };
    tb.jsonMeta
        = { { "by", keyName }, { "unit", u }, { "percent_of", denomName }, { "denominator", weightNumber(t, denom) } };
    tb.jsonRowsKey = "rows";
    tb.name = "cpu top";
    auto share = [&](int64_t part) -> Cell { return denom > 0 ? 100.0 * double(part) / double(denom) : 0.0; };
    for (const RollupRow& r : rows) {
        const bool idle = fn ? isIdleFunction(p.functions[r.function]) : o.by == RollupKey::Category && r.key == "idle";
        const Cell selfPct = idle ? Cell {} : share(r.self);
        const Cell totalPct = idle ? Cell {} : share(r.total);
        std::vector<Cell> cells { weightCell(t, r.self), selfPct, weightCell(t, r.total), totalPct, r.key,
            std::string(), std::string(), r.key, Cell {}, Cell {}, Cell {}, Cell {}, weightNumber(t, r.self),
            weightNumber(t, r.total), selfPct, totalPct,
            o.longNames                  ? r.key
                : o.by == RollupKey::Url ? clipText(r.key, kMaxNameText + kMaxLocationText, true) // no location
                                         : clipText(r.key, kMaxNameText) };
        if (fn) {
            const FunctionInfo& f = p.functions[r.function];
            cells[5] = locationText(f.url, f.line, true);
            cells[6] = locationText(f.url, f.line, false);
            cells[7] = f.displayName();
            cells[8] = f.url;
            cells[9] = int64_t(f.line);
            cells[10] = int64_t(f.column);
            cells[11] = f.scriptId;
            tb.rowKeys.push_back(r.function);
        }
        tb.addRow(std::move(cells));
    }
    d.preamble = fmt::format("# percent of {} {} ({}); model {}\n",
        heap ? std::to_string(denom) : fmt::format("{:.3f}", t.toMs(denom)), u, denomName,
        heap ? "heap" : timingModelName(t.model));
    if (!heap && t.idle > 0)
        d.preamble += fmt::format("# (idle) {:.3f} ms = {} % of the {:.3f} ms window: outside the percentages; "
                                  "(idle) and (program) are listed last\n",
            t.toMs(t.idle), percentOf(double(t.idle), double(t.duration)), t.toMs(t.duration));
    return d;
}

Document flameDocument(const CpuProfile& p, const Timing& t, const CallTree& tree)
{
    Document d;
    Table& tb = d.table;
    tb = Table({ { "function", "function", Unit::Text, "Display name" }, { "url", "url", Unit::Text, "Script URL" },
        { "line", "line", Unit::Number, "0-based line" }, { "depth", "depth", Unit::Number, "0 = the root's children" },
        { "x0", "x0", Unit::Number, "Left edge, in weight units from the left" },
        { "x1", "x1", Unit::Number, "Right edge" }, { "self", "self", Unit::Number, "Self weight of the frame" } });
    tb.jsonMeta = { { "unit", std::string(weightUnitName(t)) }, { "total", weightNumber(t, tree.total[0]) } };
    tb.jsonRowsKey = "frames";
    tb.name = "cpu flame";
    for (const FlameFrame& fr : flameLayout(tree)) {
        const FunctionInfo& f = p.functions[tree.function[fr.node]];
        tb.addRow({ f.displayName(), f.url, int64_t(f.line), int64_t(fr.depth), weightNumber(t, fr.x0),
            weightNumber(t, fr.x1), weightNumber(t, tree.self[fr.node]) });
        tb.rowKeys.push_back(fr.node);
    }
    return d;
}

} // namespace v8scope::report
