// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "gateviews.h"

#include "format.h"
#include "writers.h"

#include <cmath>
#include <fmt/format.h>

namespace v8scope::report {

namespace {

std::string edgeText(const PathStep& step)
{
    if (step.edgeType == "element" || step.edgeType == "hidden")
        return "[" + step.edgeName + "]";
    return step.edgeName;
}

std::string valueText(const GateResult& r, bool human, const char* notFound)
{
    const GateOutcome& o = r.outcome;
    std::string s = r.bytes ? signedBytesText(o.measure.delta, human) : signedCount(o.measure.delta);
    if (o.gate->percent)
        s += " (" + signedCount(std::round(o.value * 10) / 10) + "%)";
    if (!o.measure.found)
        s += notFound;
    return s;
}

std::string keeperLabel(const ObjectGroup& g)
{
    const std::string label = g.name.empty() || g.name == g.className ? g.className : g.className + " " + g.name;
    return fmt::format("{} @{}", label, g.id);
}

std::string classLine(const ClassDiff& c, bool human)
{
    return fmt::format("{}: new {}, deleted {}, delta {}, size delta {}, retained {} -> {} ({})", c.name, c.added,
        c.removed, signedSizeText(c.countDelta, false), signedBytesText(double(c.sizeDelta), human),
        sizeText(c.baseRetained, human), sizeText(c.headRetained, human),
        signedBytesText(double(c.retainedDelta), human));
}

template <class T> std::string series(const std::vector<T>& values, bool bytes, bool human)
{
    std::string s;
    for (const T& v : values)
        s += (s.empty() ? "" : " -> ") + (bytes ? sizeText(uint64_t(v), human) : std::to_string(v));
    return s;
}

} // namespace

std::vector<GateReport> diffGateReports(const DiffResult& d, const std::vector<GateResult>& results, bool human)
{
    std::vector<GateReport> reports;
    for (const GateResult& r : results) {
        GateReport rep;
        rep.result = r;
        rep.valueText = valueText(r, human, ", class not in either snapshot");
        for (const uint32_t i : r.offending) {
            if (r.kind == OffendingKind::Keeper) {
                const ObjectGroup& g = d.newObjects.byDominator[i];
                rep.offending.push_back(fmt::format(
                    "{} keeps {} new objects, retained {}", keeperLabel(g), g.count, sizeText(g.retained, human)));
            } else {
                rep.offending.push_back(classLine(d.classes[i], human));
            }
        }
        reports.push_back(std::move(rep));
    }
    return reports;
}

std::vector<GateReport> leakGateReports(const LeakResult& lr, const std::vector<GateResult>& results, bool human)
{
    std::vector<GateReport> reports;
    for (const GateResult& r : results) {
        GateReport rep;
        rep.result = r;
        rep.valueText = valueText(r, human, ", class not in any snapshot");
        for (const uint32_t i : r.offending) {
            if (r.kind == OffendingKind::LeakCluster) {
                const LeakCluster& c = lr.clusters[i];
                rep.offending.push_back(fmt::format("{} x{} ({} objects, {} retained) via {}", c.className, c.roots,
                    c.count, sizeText(c.retained, human), c.signature));
            } else {
                const GrowthSeries& g = lr.classes[i];
                rep.offending.push_back(fmt::format("{}: count {}, retained {}", g.name, series(g.count, false, human),
                    series(g.retained, true, human)));
            }
        }
        reports.push_back(std::move(rep));
    }
    return reports;
}

bool anyTripped(const std::vector<GateReport>& reports)
{
    for (const GateReport& r : reports)
        if (r.tripped())
            return true;
    return false;
}

std::string gatesText(const std::vector<GateReport>& reports)
{
    if (reports.empty())
        return {};
    std::string out = "\nGates:\n";
    for (const GateReport& r : reports) {
        out += fmt::format(
            "  {}  {}  (measured {})\n", r.tripped() ? "FAIL" : "pass", r.result.outcome.gate->text, r.valueText);
        for (const std::string& line : r.offending)
            out += fmt::format("        {}\n", line);
    }
    return out;
}

std::string gatesMarkdown(const std::vector<GateReport>& reports)
{
    if (reports.empty())
        return {};
    // The gate text sits in a code span, where backslash escapes do not apply: only a pipe needs care there.
    auto code = [](const std::string& s) {
        std::string r;
        for (const char c : s)
            r += c == '|' ? std::string("\\|") : std::string(1, c == '\n' || c == '\r' ? ' ' : c);
        return r;
    };
    std::string out = "\n#### Gates\n\n| Gate | Result | Measured |\n| --- | --- | ---: |\n";
    for (const GateReport& r : reports)
        out += fmt::format("| `{}` | {} | {} |\n", code(r.result.outcome.gate->text),
            r.tripped() ? ":x: **failed**" : ":white_check_mark: passed", markdownEscape(r.valueText));
    for (const GateReport& r : reports) {
        if (!r.tripped() || r.offending.empty())
            continue;
        out += fmt::format("\n`{}` tripped on:\n\n", code(r.result.outcome.gate->text));
        for (const std::string& line : r.offending)
            out += fmt::format("- {}\n", markdownEscape(line));
    }
    return out;
}

void writeGatesJson(JsonOut& j, const std::vector<GateReport>& reports)
{
    auto& w = j.w();
    w.StartArray();
    for (const GateReport& r : reports) {
        const GateOutcome& o = r.result.outcome;
        w.StartObject();
        j.key("gate");
        j.str(o.gate->text);
        j.key("passed");
        w.Bool(!o.tripped);
        j.key("value");
        if (std::isfinite(o.value))
            w.Double(o.value);
        else
            w.Null();
        j.key("unit");
        j.str(o.gate->percent ? "%" : r.result.bytes ? "bytes" : "count");
        j.key("measured");
        j.str(r.valueText);
        j.key("offending");
        w.StartArray();
        for (const std::string& line : r.offending)
            j.str(line);
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
}

std::string gatesJUnit(const std::string& suite, const std::vector<GateReport>& reports)
{
    size_t failures = 0;
    for (const GateReport& r : reports)
        failures += r.tripped();
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"v8scope\" tests=\"{}\" failures=\"{}\">\n", reports.size(), failures);
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
        xmlEscape(suite), reports.size(), failures);
    for (const GateReport& r : reports) {
        const std::string name = xmlEscape(r.result.outcome.gate->text);
        if (!r.tripped()) {
            out += fmt::format(
                "    <testcase classname=\"{}\" name=\"{}\">\n      <system-out>measured {}</system-out>\n"
                "    </testcase>\n",
                xmlEscape(suite), name, xmlEscape(r.valueText));
            continue;
        }
        std::string body = "measured " + r.valueText;
        for (const std::string& line : r.offending)
            body += "\n" + line;
        out += fmt::format("    <testcase classname=\"{}\" name=\"{}\">\n      <failure message=\"{} (measured {})\" "
                           "type=\"gate\">{}</failure>\n    </testcase>\n",
            xmlEscape(suite), name, name, xmlEscape(r.valueText), xmlEscape(body));
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

std::string gateFailures(const std::vector<GateReport>& reports)
{
    std::string out;
    for (const GateReport& r : reports) {
        if (!r.tripped())
            continue;
        out += fmt::format("v8scope: gate failed: {} (measured {})\n", r.result.outcome.gate->text, r.valueText);
        for (const std::string& line : r.offending)
            out += fmt::format("    {}\n", line);
    }
    return out;
}

std::string stepLabel(const PathStep& step)
{
    if (step.name.empty() || step.name == step.className)
        return fmt::format("{} @{}", step.className, step.id);
    return fmt::format("{} {} @{}", step.className, step.name, step.id);
}

std::vector<std::string> pathLines(const PathText& path)
{
    std::vector<std::string> lines;
    for (size_t k = 0; k < path.size(); ++k) {
        if (k == 0)
            lines.push_back(stepLabel(path[k]));
        else
            lines.push_back(fmt::format("  --{}--> {}", edgeText(path[k]), stepLabel(path[k])));
    }
    return lines;
}

void writePathJson(JsonOut& j, const PathText& path)
{
    auto& w = j.w();
    w.StartArray();
    for (const PathStep& step : path) {
        w.StartObject();
        writeStepFields(j, step);
        w.EndObject();
    }
    w.EndArray();
}

void writeClassCountsJson(JsonOut& j, const std::vector<std::pair<std::string, uint32_t>>& counts)
{
    auto& w = j.w();
    w.StartArray();
    for (const auto& [cls, n] : counts) {
        w.StartObject();
        j.key("class");
        j.str(cls);
        j.key("count");
        w.Uint(n);
        w.EndObject();
    }
    w.EndArray();
}

void writeSnapshotJson(JsonOut& j, const std::string& file, uint32_t nodes, uint64_t totalSize)
{
    auto& w = j.w();
    w.StartObject();
    j.key("file");
    j.str(file);
    j.key("nodes");
    w.Uint(nodes);
    j.key("total_size");
    w.Uint64(totalSize);
    w.EndObject();
}

} // namespace v8scope::report
