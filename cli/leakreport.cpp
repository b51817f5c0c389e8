// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// `v8scope leaks` reports and gates (the diff's are in diffreport.cpp).
#include "diffreport.h"

#include <fmt/format.h>

namespace v8scope::cli {

namespace {
constexpr size_t kOffendingRows = 5;
constexpr size_t kDefaultSectionRows = 10;

std::string size(uint64_t bytes, bool human)
{
    return human ? humanSize(double(bytes)) : std::to_string(bytes);
}

template <class T> std::string series(const std::vector<T>& values, bool bytes, bool human)
{
    std::string s;
    for (const T& v : values)
        s += (s.empty() ? "" : " -> ") + (bytes ? size(uint64_t(v), human) : std::to_string(v));
    return s;
}

/// "system / Context x1500 (1032000), Session x1500 (936000)": what a cluster holds by retained size.
std::string holdsText(const LeakCluster& c, bool human)
{
    std::string s;
    for (const HeldClass& h : c.holds)
        s += (s.empty() ? "" : ", ") + fmt::format("{} x{} ({})", h.className, h.count, size(h.retained, human));
    return s;
}

void writeHoldsJson(JsonOut& j, const LeakCluster& c)
{
    auto& w = j.w();
    j.key("holds");
    w.StartArray();
    for (const HeldClass& h : c.holds) {
        w.StartObject();
        j.key("class");
        j.str(h.className);
        j.key("count");
        w.Uint(h.count);
        j.key("retained");
        w.Uint64(h.retained);
        w.EndObject();
    }
    w.EndArray();
    j.key("holds_chain");
    w.StartArray();
    for (const HoldStep& step : c.holdsChain) {
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
        j.key("retained");
        w.Uint64(step.retained);
        w.EndObject();
    }
    w.EndArray();
}

std::string clusterLine(const LeakCluster& c, bool human)
{
    return fmt::format(
        "{} x{} ({} objects, {} retained) via {}", c.className, c.roots, c.count, size(c.retained, human), c.signature);
}

std::string growthLine(const GrowthSeries& g, bool human)
{
    return fmt::format(
        "{}: count {}, retained {}", g.name, series(g.count, false, human), series(g.retained, true, human));
}

std::vector<const GrowthSeries*> growing(const LeakResult& r)
{
    std::vector<const GrowthSeries*> out;
    for (const GrowthSeries& g : r.classes)
        if (g.growsEveryStep())
            out.push_back(&g);
    return out;
}
} // namespace

std::vector<GateReport> evaluateLeakGates(const LeakResult& r, const std::vector<Gate>& gates, bool human)
{
    auto measure = [&](const Gate& g) {
        GateMeasure m;
        if (!g.hasClass) {
            if (g.metric == "leaks")
                m.delta = double(r.clusters.size());
            else if (g.metric == "leaked")
                for (const LeakCluster& c : r.clusters)
                    m.delta += c.count;
            else if (g.metric == "growing")
                m.delta = r.growingCount();
            else if (g.metric == "retained") {
                m.delta = double(r.retainedDelta());
                m.base = double(r.totals.front());
            }
            return m;
        }
        m.found = false;
        for (const GrowthSeries& s : r.classes) {
            if (s.name != g.className)
                continue;
            m.found = true;
            if (g.metric == "count") {
                m.delta += double(s.countDelta());
                m.base += s.count.front();
            } else if (g.metric == "retained") {
                m.delta += double(s.retainedDelta());
                m.base += double(s.retained.front());
            } else if (g.metric == "size" || g.metric == "shallow") {
                m.delta += double(s.shallowDelta());
                m.base += double(s.shallow.front());
            } else if (g.metric == "growing") {
                m.delta = std::max(m.delta, s.growsEveryStep() ? 1.0 : 0.0);
            }
        }
        if (g.metric == "leaked")
            for (const auto& [cls, n] : r.leakedByClass)
                if (cls == g.className)
                    m.delta = n;
        return m;
    };
    std::vector<GateReport> reports;
    for (const GateOutcome& o : evaluateGates(gates, measure)) {
        GateReport rep;
        rep.outcome = o;
        const auto* metric = leakGateMetrics().find(o.gate->metric, o.gate->hasClass);
        rep.bytes = metric && metric->bytes;
        rep.valueText = rep.bytes ? signedBytes(o.measure.delta, human) : signedCount(o.measure.delta);
        if (o.gate->percent)
            rep.valueText += " (" + signedCount(std::round(o.value * 10) / 10) + "%)";
        if (!o.measure.found)
            rep.valueText += ", class not in any snapshot";
        if (o.tripped) {
            const Gate& g = *o.gate;
            if (!g.hasClass && (g.metric == "leaks" || g.metric == "leaked")) {
                for (const LeakCluster& c : r.clusters)
                    if (rep.offending.size() < kOffendingRows)
                        rep.offending.push_back(clusterLine(c, human));
            } else {
                for (const GrowthSeries& s : r.classes) {
                    if (rep.offending.size() >= kOffendingRows)
                        break;
                    if (g.hasClass ? s.name == g.className : s.growsEveryStep())
                        rep.offending.push_back(growthLine(s, human));
                }
            }
        }
        reports.push_back(std::move(rep));
    }
    return reports;
}

void printLeaks(const LeakResult& r, const DiffReportOptions& o, const std::vector<GateReport>& gates)
{
    const bool human = o.human;
    const size_t rowsShown = o.top ? o.top : kDefaultSectionRows;
    const std::vector<const GrowthSeries*> grow = growing(r);
    if (o.format == Format::JUnit) {
        printGatesJunit(stdout, "v8scope leaks", gates);
        return;
    }
    if (o.format == Format::Tsv) {
        Table t({ { "kind" }, { "class" }, { "objects" }, { "shallow" }, { "retained" }, { "detail" } });
        for (size_t k = 0; k < r.clusters.size() && (!o.top || k < o.top); ++k) {
            const LeakCluster& c = r.clusters[k];
            t.addRow({ "cluster", c.className, std::to_string(c.count), std::to_string(c.shallow),
                std::to_string(c.retained), c.signature });
        }
        for (size_t k = 0; k < grow.size() && (!o.top || k < o.top); ++k) {
            const GrowthSeries& g = *grow[k];
            t.addRow({ "growing", g.name, std::to_string(g.countDelta()), std::to_string(g.shallowDelta()),
                std::to_string(g.retainedDelta()),
                "count " + series(g.count, false, false) + "; retained " + series(g.retained, true, false) });
        }
        t.print(stdout, Format::Tsv);
        return;
    }
    if (o.format == Format::Json) {
        JsonOut j;
        auto& w = j.w();
        w.StartObject();
        j.key("snapshots");
        w.StartArray();
        for (size_t k = 0; k < r.files.size(); ++k) {
            w.StartObject();
            j.key("file");
            j.str(r.files[k]);
            j.key("nodes");
            w.Uint(r.nodes[k]);
            j.key("total_size");
            w.Uint64(r.totals[k]);
            w.EndObject();
        }
        w.EndArray();
        j.key("same_process");
        w.Bool(r.sameProcess);
        j.key("note");
        j.str(r.processNote);
        j.key("allocated_in_target");
        w.Uint(r.allocatedInTarget);
        j.key("leaked_objects");
        w.Uint(r.leakedObjects);
        j.key("clusters");
        w.StartArray();
        for (size_t k = 0; k < r.clusters.size() && (!o.top || k < o.top); ++k) {
            const LeakCluster& c = r.clusters[k];
            w.StartObject();
            j.key("class");
            j.str(c.className);
            j.key("signature");
            j.str(c.signature);
            j.key("count");
            w.Uint(c.count);
            j.key("roots");
            w.Uint(c.roots);
            j.key("shallow");
            w.Uint64(c.shallow);
            j.key("retained");
            w.Uint64(c.retained);
            j.key("contents");
            w.StartArray();
            for (const auto& [cls, n] : c.topClasses) {
                w.StartObject();
                j.key("class");
                j.str(cls);
                j.key("count");
                w.Uint(n);
                w.EndObject();
            }
            w.EndArray();
            j.key("representative_id");
            w.Uint(c.representativeId);
            j.key("path");
            writePathJson(j, c.path);
            writeHoldsJson(j, c);
            w.EndObject();
        }
        w.EndArray();
        j.key("filtered_count");
        w.Uint(uint32_t(r.filtered.size()));
        j.key("filtered");
        w.StartArray();
        for (const LeakCluster& c : r.filtered) {
            w.StartObject();
            j.key("class");
            j.str(c.className);
            j.key("signature");
            j.str(c.signature);
            j.key("count");
            w.Uint(c.count);
            j.key("roots");
            w.Uint(c.roots);
            j.key("retained");
            w.Uint64(c.retained);
            j.key("representative_id");
            w.Uint(c.representativeId);
            j.key("reason");
            j.str(c.filterReason);
            w.EndObject();
        }
        w.EndArray();
        j.key("growing");
        w.StartArray();
        for (size_t k = 0; k < grow.size() && (!o.top || k < o.top); ++k) {
            const GrowthSeries& g = *grow[k];
            w.StartObject();
            j.key("class");
            j.str(g.name);
            j.key("key");
            j.str(g.key);
            j.key("count_grows");
            w.Bool(g.countGrows);
            j.key("retained_grows");
            w.Bool(g.retainedGrows);
            j.key("count");
            w.StartArray();
            for (auto v : g.count)
                w.Uint(v);
            w.EndArray();
            j.key("shallow");
            w.StartArray();
            for (auto v : g.shallow)
                w.Uint64(v);
            w.EndArray();
            j.key("retained");
            w.StartArray();
            for (auto v : g.retained)
                w.Uint64(v);
            w.EndArray();
            w.EndObject();
        }
        w.EndArray();
        j.key("gates");
        writeGatesJson(j, gates);
        j.key("passed");
        w.Bool(!anyTripped(gates));
        w.EndObject();
        j.print();
        return;
    }

    const bool md = o.format == Format::Markdown;
    if (md) {
        fmt::print("### v8scope leak report\n\n");
        for (size_t k = 0; k < r.files.size(); ++k)
            fmt::print("{}. `{}`: total {}\n", k + 1, mdCell(r.files[k]), size(r.totals[k], human));
        fmt::print("\n");
    } else {
        fmt::print("Snapshots ({}):\n", r.files.size());
        for (size_t k = 0; k < r.files.size(); ++k)
            fmt::print("  {}. {} ({} nodes, total {})\n", k + 1, r.files[k], r.nodes[k], size(r.totals[k], human));
    }
    if (!r.sameProcess) {
        fmt::print("{}Not one process: {}. Leak suspects need stable object ids; only class growth is reported.\n",
            md ? "> **Note** " : "\n", r.processNote);
    } else {
        fmt::print("{}{} objects allocated between snapshots 1 and 2; {} of them still alive in snapshot {}.\n",
            md ? "" : "\n", r.allocatedInTarget, r.leakedObjects, r.files.size());
    }
    fmt::print(fmt::runtime(md ? "\n#### Leak clusters ({})\n\n" : "\nLeak clusters (retaining {} or more): {}\n"),
        md ? std::to_string(r.clusters.size()) : size(o.minRetained, human), r.clusters.size());
    if (r.clusters.empty()) {
        fmt::print("{}\n", md ? "_None._" : "  (none)");
    } else {
        Table t({ { "#", true }, { "Leaked" }, { "Objects", true }, { "Shallow", true }, { "Retained", true },
            { "Holds (by retained size)" } });
        for (size_t k = 0; k < r.clusters.size() && k < rowsShown; ++k) {
            const LeakCluster& c = r.clusters[k];
            t.addRow({ std::to_string(k + 1), fmt::format("{} x{}", c.className, c.roots), std::to_string(c.count),
                size(c.shallow, human), size(c.retained, human), holdsText(c, human) });
        }
        t.print(stdout, md ? Format::Markdown : Format::Text);
        fmt::print(fmt::runtime(md ? "\n#### What each holds\n\n"
                                   : "\nWhat each holds (its largest object, each step keeping most of the last):\n"));
        for (size_t k = 0; k < r.clusters.size() && k < rowsShown; ++k) {
            const LeakCluster& c = r.clusters[k];
            const std::string chain = c.holdsChain.size() > 1
                ? chainText(c.holdsChain)
                : c.className + " (no single part keeps half of it; see Holds)";
            fmt::print(fmt::runtime(md ? "{}. `{}`\n" : "  {}. {}\n"), k + 1, chain);
        }
        fmt::print(fmt::runtime(md ? "\n#### Retaining paths\n" : "\nRetaining paths (shortest, from a GC root):\n"));
        for (size_t k = 0; k < r.clusters.size() && k < rowsShown; ++k) {
            const LeakCluster& c = r.clusters[k];
            if (c.path.empty())
                continue;
            fmt::print(fmt::runtime(md ? "\n{}. **{}** x{}\n\n```\n" : "  {}. {} x{}\n"), k + 1, c.className, c.roots);
            for (const std::string& line : pathLines(c.path))
                fmt::print(fmt::runtime(md ? "{}\n" : "       {}\n"), line);
            if (md)
                fmt::print("```\n");
        }
    }
    if (!r.filtered.empty()) {
        fmt::print(fmt::runtime(md ? "\n#### Filtered ({})\n\n" : "\nFiltered (not counted as leaks): {}\n"),
            r.filtered.size());
        for (const LeakCluster& c : r.filtered)
            fmt::print(fmt::runtime(md ? "- {} x{} ({} retained): {}\n" : "  {} x{} ({} retained): {}\n"), c.className,
                c.roots, size(c.retained, human), c.filterReason);
    }
    fmt::print(
        fmt::runtime(md ? "\n#### Classes growing in every step ({})\n\n" : "\nClasses growing in every step: {}\n"),
        grow.size());
    if (grow.empty()) {
        fmt::print("{}\n", md ? "_None._" : "  (none)");
    } else {
        Table t({ { "Class" }, { "Count" }, { "Retained" }, { "Retained delta", true } });
        for (size_t k = 0; k < grow.size() && k < rowsShown; ++k) {
            const GrowthSeries& g = *grow[k];
            t.addRow({ g.name, series(g.count, false, human), series(g.retained, true, human),
                (g.retainedDelta() > 0 ? "+" : "")
                    + (human ? humanSize(double(g.retainedDelta())) : std::to_string(g.retainedDelta())) });
        }
        t.print(stdout, md ? Format::Markdown : Format::Text);
    }
    if (md)
        printGatesMarkdown(stdout, gates);
    else
        printGatesText(stdout, gates);
}

} // namespace v8scope::cli
