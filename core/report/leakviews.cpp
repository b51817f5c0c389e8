// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The `leaks` views and document (the diff's are in diffviews.cpp).
#include "diffviews.h"
#include "format.h"

#include <diff/leakholds.h>

#include <fmt/format.h>

namespace v8scope::report {

namespace {

template <class T> std::string series(const std::vector<T>& values, bool bytes, bool human)
{
    std::string s;
    for (const T& v : values)
        s += (s.empty() ? "" : " -> ") + (bytes ? sizeText(uint64_t(v), human) : std::to_string(v));
    return s;
}

/// "system / Context x1500 (1032000), Session x1500 (936000)": what a cluster holds by retained size.
std::string holdsText(const LeakCluster& c, bool human)
{
    std::string s;
    for (const HeldClass& h : c.holds)
        s += (s.empty() ? "" : ", ") + fmt::format("{} x{} ({})", h.className, h.count, sizeText(h.retained, human));
    return s;
}

std::vector<uint32_t> growing(const LeakResult& r, size_t top)
{
    std::vector<uint32_t> out;
    for (uint32_t i = 0; i < r.classes.size() && (!top || out.size() < top); ++i)
        if (r.classes[i].growsEveryStep())
            out.push_back(i);
    return out;
}

/// The fields a reported and a filtered cluster share: class, signature, count, roots.
void writeClusterHead(JsonOut& j, const LeakCluster& c)
{
    j.key("class");
    j.str(c.className);
    j.key("signature");
    j.str(c.signature);
    j.key("count");
    j.w().Uint(c.count);
    j.key("roots");
    j.w().Uint(c.roots);
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
        writeStepFields(j, step);
        j.key("retained");
        w.Uint64(step.retained);
        w.EndObject();
    }
    w.EndArray();
}

std::string leaksTsv(const LeakResult& r, const DiffViewOptions& o, Format format)
{
    Table t({ { "kind", "Kind", Unit::Text, "cluster (leak suspects) or growing (class growing in every step)" },
        { "class", "Class", Unit::Text, "" }, { "objects", "Objects", Unit::Number, "Objects (count delta)" },
        { "shallow", "Shallow", Unit::Number, "Bytes (shallow delta for a growing class)" },
        { "retained", "Retained", Unit::Number, "Bytes (retained delta for a growing class)" },
        { "detail", "Detail", Unit::Text, "Retaining path signature, or the count and retained series" } });
    for (size_t k = 0; k < r.clusters.size() && (!o.top || k < o.top); ++k) {
        const LeakCluster& c = r.clusters[k];
        t.addRow({ std::string("cluster"), c.className, int64_t(c.count), int64_t(c.shallow), int64_t(c.retained),
            c.signature });
    }
    for (const uint32_t i : growing(r, o.top)) {
        const GrowthSeries& g = r.classes[i];
        t.addRow({ std::string("growing"), g.name, g.countDelta(), g.shallowDelta(), g.retainedDelta(),
            "count " + series(g.count, false, false) + "; retained " + series(g.retained, true, false) });
    }
    return writeString(t, format);
}

void writeLeaksJson(JsonOut& j, const LeakResult& r, const DiffViewOptions& o, const std::vector<GateReport>& gates)
{
    auto& w = j.w();
    w.StartObject();
    j.key("snapshots");
    w.StartArray();
    for (size_t k = 0; k < r.files.size(); ++k)
        writeSnapshotJson(j, r.files[k], r.nodes[k], r.totals[k]);
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
        writeClusterHead(j, c);
        j.key("shallow");
        w.Uint64(c.shallow);
        j.key("retained");
        w.Uint64(c.retained);
        j.key("contents");
        writeClassCountsJson(j, c.topClasses);
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
        writeClusterHead(j, c);
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
    for (const uint32_t i : growing(r, o.top)) {
        const GrowthSeries& g = r.classes[i];
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
}

std::string leaksText(const LeakResult& r, const DiffViewOptions& o, const std::vector<GateReport>& gates, bool md,
    const WriteOptions& write)
{
    const bool human = write.human;
    const size_t rowsShown = o.sectionRows();
    std::string out;
    auto put = [&](const std::string& s) { out += s; };
    if (md) {
        put("### v8scope leak report\n\n");
        for (size_t k = 0; k < r.files.size(); ++k)
            put(fmt::format("{}. `{}`: total {}\n", k + 1, markdownEscape(r.files[k]), sizeText(r.totals[k], human)));
        put("\n");
    } else {
        put(fmt::format("Snapshots ({}):\n", r.files.size()));
        for (size_t k = 0; k < r.files.size(); ++k)
            put(fmt::format(
                "  {}. {} ({} nodes, total {})\n", k + 1, r.files[k], r.nodes[k], sizeText(r.totals[k], human)));
    }
    if (!r.sameProcess)
        put(fmt::format("{}Not one process: {}. Leak suspects need stable object ids; only class growth is reported.\n",
            md ? "> **Note** " : "\n", r.processNote));
    else
        put(fmt::format("{}{} objects allocated between snapshots 1 and 2; {} of them still alive in snapshot {}.\n",
            md ? "" : "\n", r.allocatedInTarget, r.leakedObjects, r.files.size()));
    put(fmt::format(fmt::runtime(md ? "\n#### Leak clusters ({})\n\n" : "\nLeak clusters (retaining {} or more): {}\n"),
        md ? std::to_string(r.clusters.size()) : sizeText(o.minRetained, human), r.clusters.size()));
    if (r.clusters.empty()) {
        put(md ? "_None._\n" : "  (none)\n");
    } else {
        put(writeString(leakClustersTable(r, rowsShown, human), md ? Format::Markdown : Format::Text, write));
        put(md ? "\n#### What each holds\n\n"
               : "\nWhat each holds (its largest object, each step keeping most of the last):\n");
        for (size_t k = 0; k < r.clusters.size() && k < rowsShown; ++k) {
            const LeakCluster& c = r.clusters[k];
            const std::string chain = c.holdsChain.size() > 1
                ? chainText(c.holdsChain)
                : c.className + " (no single part keeps half of it; see Holds)";
            put(fmt::format(fmt::runtime(md ? "{}. `{}`\n" : "  {}. {}\n"), k + 1, chain));
        }
        put(md ? "\n#### Retaining paths\n" : "\nRetaining paths (shortest, from a GC root):\n");
        for (size_t k = 0; k < r.clusters.size() && k < rowsShown; ++k) {
            const LeakCluster& c = r.clusters[k];
            if (c.path.empty())
                continue;
            put(fmt::format(
                fmt::runtime(md ? "\n{}. **{}** x{}\n\n```\n" : "  {}. {} x{}\n"), k + 1, c.className, c.roots));
            for (const std::string& line : pathLines(c.path))
                put(fmt::format(fmt::runtime(md ? "{}\n" : "       {}\n"), line));
            if (md)
                put("```\n");
        }
    }
    if (!r.filtered.empty()) {
        put(fmt::format(fmt::runtime(md ? "\n#### Filtered ({})\n\n" : "\nFiltered (not counted as leaks): {}\n"),
            r.filtered.size()));
        for (const LeakCluster& c : r.filtered)
            put(fmt::format(fmt::runtime(md ? "- {} x{} ({} retained): {}\n" : "  {} x{} ({} retained): {}\n"),
                c.className, c.roots, sizeText(c.retained, human), c.filterReason));
    }
    const Table grow = growingClassesTable(r, rowsShown, human);
    size_t growingCount = 0;
    for (const GrowthSeries& g : r.classes)
        growingCount += g.growsEveryStep();
    put(fmt::format(
        fmt::runtime(md ? "\n#### Classes growing in every step ({})\n\n" : "\nClasses growing in every step: {}\n"),
        growingCount));
    if (growingCount == 0)
        put(md ? "_None._\n" : "  (none)\n");
    else
        put(writeString(grow, md ? Format::Markdown : Format::Text, write));
    put(md ? gatesMarkdown(gates) : gatesText(gates));
    return out;
}

} // namespace

Table leakClustersTable(const LeakResult& r, size_t top, bool human)
{
    Table t({
        { "rank", "#", Unit::Number, "Position by retained size" },
        { "leaked", "Leaked", Unit::Text, "Class of the leaked objects x top-level objects" },
        { "objects", "Objects", Unit::Number, "Leaked objects in the cluster, nested ones included" },
        { "shallow", "Shallow", Unit::Bytes, "Their shallow size" },
        { "retained", "Retained", Unit::Bytes, "Memory the top-level leaked objects keep" },
        { "holds", "Holds (by retained size)", Unit::Text, "Classes in their dominator subtrees" },
    });
    t.name = "leak-clusters";
    for (size_t k = 0; k < r.clusters.size() && (!top || k < top); ++k) {
        const LeakCluster& c = r.clusters[k];
        t.addRow({ int64_t(k + 1), fmt::format("{} x{}", c.className, c.roots), int64_t(c.count), int64_t(c.shallow),
            int64_t(c.retained), holdsText(c, human) });
        t.rowKeys.push_back(k);
    }
    return t;
}

Table growingClassesTable(const LeakResult& r, size_t top, bool human)
{
    Table t({
        { "class", "Class", Unit::Text, "Class name" },
        { "count", "Count", Unit::Text, "Object count per snapshot" },
        { "retained", "Retained", Unit::Text, "Class retained size per snapshot" },
        { "retained_delta", "Retained delta", Unit::SignedBytes, "Last minus first" },
    });
    t.name = "growing-classes";
    for (const uint32_t i : growing(r, top)) {
        const GrowthSeries& g = r.classes[i];
        t.addRow({ g.name, series(g.count, false, human), series(g.retained, true, human), g.retainedDelta() });
        t.rowKeys.push_back(i);
    }
    return t;
}

std::string leaksReport(const LeakResult& r, const DiffViewOptions& o, const std::vector<GateReport>& gates,
    Format format, const WriteOptions& write)
{
    switch (format) {
    case Format::JUnit:
        return gatesJUnit("v8scope leaks", gates);
    case Format::Tsv:
    case Format::Csv:
        return leaksTsv(r, o, format);
    case Format::Json: {
        JsonOut j;
        writeLeaksJson(j, r, o, gates);
        return j.text();
    }
    case Format::Markdown:
        return leaksText(r, o, gates, true, write);
    case Format::Text:
        break;
    }
    return leaksText(r, o, gates, false, write);
}

} // namespace v8scope::report
