// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "diffgates.h"

#include "output.h"

#include <cmath>
#include <fmt/format.h>

namespace v8scope::cli {

namespace {
std::string edgeText(const PathStep& step)
{
    if (step.edgeType == "element" || step.edgeType == "hidden")
        return "[" + step.edgeName + "]";
    return step.edgeName;
}
} // namespace

const GateMetrics& diffGateMetrics()
{
    static const GateMetrics m {
        {
            { "retained", true, true, "total heap size change (head - base)" },
            { "size", true, true, "sum of the Comparison's size delta (shallow)" },
            { "shallow", true, true, "same as size" },
            { "alloc_size", true, true, "bytes of new objects" },
            { "freed_size", true, true, "bytes of deleted objects" },
            { "count", false, true, "object count change" },
            { "new", false, true, "new objects" },
            { "deleted", false, true, "deleted objects" },
            { "leaks", false, false, "objects keeping new memory (leak suspects)" },
        },
        {
            { "count", false, true, "# Delta" },
            { "new", false, true, "# New" },
            { "deleted", false, true, "# Deleted" },
            { "size", true, true, "Size delta (shallow)" },
            { "shallow", true, true, "same as size" },
            { "alloc_size", true, true, "Alloc. size" },
            { "freed_size", true, true, "Freed size" },
            { "retained", true, true, "class retained size change" },
        },
    };
    return m;
}

const GateMetrics& leakGateMetrics()
{
    static const GateMetrics m {
        {
            { "leaks", false, false, "leak clusters" },
            { "leaked", false, false, "objects in leak clusters" },
            { "growing", false, false, "classes growing in every step" },
            { "retained", true, true, "total heap size change (last - first)" },
        },
        {
            { "count", false, true, "count change (last - first)" },
            { "retained", true, true, "class retained size change (last - first)" },
            { "size", true, true, "shallow size change (last - first)" },
            { "shallow", true, true, "same as size" },
            { "leaked", false, false, "leaked objects of the class" },
            { "growing", false, false, "1 when the class grows in every step" },
        },
    };
    return m;
}

bool parseGates(const std::vector<std::string>& texts, const GateMetrics& metrics, std::vector<Gate>& gates)
{
    gates.clear();
    for (const std::string& t : texts) {
        auto g = parseGate(t, metrics);
        if (!g) {
            printError(g.error().toString());
            return false;
        }
        gates.push_back(std::move(g.value()));
    }
    return true;
}

std::string signedBytes(double bytes, bool human)
{
    if (human)
        return (bytes > 0 ? "+" : "") + humanSize(bytes);
    return fmt::format("{}{} B", bytes > 0 ? "+" : "", int64_t(bytes));
}

std::string signedCount(double n)
{
    if (std::isinf(n))
        return n > 0 ? "+inf" : "-inf";
    if (n == std::floor(n))
        return fmt::format("{}{}", n > 0 ? "+" : "", int64_t(n));
    return fmt::format("{}{:.1f}", n > 0 ? "+" : "", n);
}

bool anyTripped(const std::vector<GateReport>& reports)
{
    for (const GateReport& r : reports)
        if (r.outcome.tripped)
            return true;
    return false;
}

void printGatesText(std::FILE* out, const std::vector<GateReport>& reports)
{
    if (reports.empty())
        return;
    fmt::print(out, "\nGates:\n");
    for (const GateReport& r : reports) {
        fmt::print(
            out, "  {}  {}  (measured {})\n", r.outcome.tripped ? "FAIL" : "pass", r.outcome.gate->text, r.valueText);
        for (const std::string& line : r.offending)
            fmt::print(out, "        {}\n", line);
    }
}

void printGatesMarkdown(std::FILE* out, const std::vector<GateReport>& reports)
{
    if (reports.empty())
        return;
    fmt::print(out, "\n#### Gates\n\n| Gate | Result | Measured |\n| --- | --- | ---: |\n");
    for (const GateReport& r : reports)
        fmt::print(out, "| `{}` | {} | {} |\n", mdCell(r.outcome.gate->text),
            r.outcome.tripped ? ":x: **failed**" : ":white_check_mark: passed", mdCell(r.valueText));
    for (const GateReport& r : reports) {
        if (!r.outcome.tripped || r.offending.empty())
            continue;
        fmt::print(out, "\n`{}` tripped on:\n\n", mdCell(r.outcome.gate->text));
        for (const std::string& line : r.offending)
            fmt::print(out, "- {}\n", mdCell(line));
    }
}

void writeGatesJson(JsonOut& j, const std::vector<GateReport>& reports)
{
    auto& w = j.w();
    w.StartArray();
    for (const GateReport& r : reports) {
        w.StartObject();
        j.key("gate");
        j.str(r.outcome.gate->text);
        j.key("passed");
        w.Bool(!r.outcome.tripped);
        j.key("value");
        if (std::isfinite(r.outcome.value))
            w.Double(r.outcome.value);
        else
            w.Null();
        j.key("unit");
        j.str(r.outcome.gate->percent ? "%" : r.bytes ? "bytes" : "count");
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

void printGatesJunit(std::FILE* out, const std::string& suite, const std::vector<GateReport>& reports)
{
    size_t failures = 0;
    for (const GateReport& r : reports)
        failures += r.outcome.tripped;
    fmt::print(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    fmt::print(out, "<testsuites name=\"v8scope\" tests=\"{}\" failures=\"{}\">\n", reports.size(), failures);
    fmt::print(out, "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
        xmlEscape(suite), reports.size(), failures);
    for (const GateReport& r : reports) {
        const std::string name = xmlEscape(r.outcome.gate->text);
        if (!r.outcome.tripped) {
            fmt::print(out,
                "    <testcase classname=\"{}\" name=\"{}\">\n      <system-out>measured {}</system-out>\n"
                "    </testcase>\n",
                xmlEscape(suite), name, xmlEscape(r.valueText));
            continue;
        }
        std::string body = "measured " + r.valueText;
        for (const std::string& line : r.offending)
            body += "\n" + line;
        fmt::print(out,
            "    <testcase classname=\"{}\" name=\"{}\">\n      <failure message=\"{} (measured {})\" "
            "type=\"gate\">{}</failure>\n    </testcase>\n",
            xmlEscape(suite), name, name, xmlEscape(r.valueText), xmlEscape(body));
    }
    fmt::print(out, "  </testsuite>\n</testsuites>\n");
}

void printGateFailures(const std::vector<GateReport>& reports)
{
    for (const GateReport& r : reports) {
        if (!r.outcome.tripped)
            continue;
        printError(fmt::format("gate failed: {} (measured {})", r.outcome.gate->text, r.valueText));
        for (const std::string& line : r.offending)
            fmt::print(stderr, "    {}\n", line);
    }
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
            lines.push_back(fmt::format(
                "{}--{}--> {}", std::string(2 * std::min<size_t>(k, 1), ' '), edgeText(path[k]), stepLabel(path[k])));
    }
    return lines;
}

void writePathJson(JsonOut& j, const PathText& path)
{
    auto& w = j.w();
    w.StartArray();
    for (const PathStep& step : path) {
        w.StartObject();
        if (!step.edgeType.empty()) {
            j.key("edge_type");
            j.str(step.edgeType);
            j.key("edge");
            j.str(step.edgeName);
        }
        j.key("class");
        j.str(step.className);
        j.key("name");
        j.str(step.name);
        j.key("id");
        w.Uint(step.id);
        w.EndObject();
    }
    w.EndArray();
}

} // namespace v8scope::cli
