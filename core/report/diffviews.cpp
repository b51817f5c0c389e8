// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "diffviews.h"

#include "format.h"

#include <diff/comparison.h>

#include <fmt/format.h>

namespace v8scope::report {

namespace {

std::string groupLabel(const ObjectGroup& g, bool byDominator)
{
    if (!byDominator)
        return g.className;
    const std::string label = g.name.empty() || g.name == g.className ? g.className : g.className + " " + g.name;
    return fmt::format("{} @{}", label, g.id);
}

std::string groupContents(const ObjectGroup& g)
{
    std::string s;
    for (const auto& [cls, n] : g.topClasses)
        s += (s.empty() ? "" : ", ") + fmt::format("{} x{}", cls, n);
    return s;
}

std::string modeText(const DiffResult& d)
{
    if (d.byId)
        return fmt::format("matched by object id (one process: {:.1f}% of {} shared ids name the same object)",
            d.process.agreement * 100, d.process.commonIds);
    return fmt::format("different processes ({:.1f}% of {} shared ids name the same object): compared per class "
                       "name; new/deleted are count changes, no new-object analysis",
        d.process.agreement * 100, d.process.commonIds);
}

/// Indexes of the groups a diff lists: retaining at least minRetained, the first sectionRows().
std::vector<uint32_t> shownGroups(const DiffResult& d, const DiffViewOptions& o)
{
    const std::vector<ObjectGroup>& groups = o.byDominator ? d.newObjects.byDominator : d.newObjects.byClass;
    std::vector<uint32_t> shown;
    for (uint32_t i = 0; i < groups.size() && shown.size() < o.sectionRows(); ++i)
        if (groups[i].retained >= o.minRetained)
            shown.push_back(i);
    return shown;
}

void writeDiffJson(JsonOut& j, const DiffResult& d, const DiffViewOptions& o, const std::vector<GateReport>& gates)
{
    auto& w = j.w();
    w.StartObject();
    j.key("base");
    writeSnapshotJson(j, d.baseFile, d.baseNodes, d.baseTotal);
    j.key("head");
    writeSnapshotJson(j, d.headFile, d.headNodes, d.headTotal);
    j.key("mode");
    j.str(d.byId ? "by-id" : "by-class-name");
    j.key("id_agreement");
    w.Double(std::round(d.process.agreement * 10000) / 10000);
    j.key("retained_delta");
    w.Int64(d.retainedDelta());
    size_t changed = 0;
    for (const ClassDiff& c : d.classes)
        changed += c.inComparison;
    j.key("changed_classes");
    w.Uint64(changed);
    j.key("classes");
    writeJsonRows(j, comparisonTable(d, o));
    j.key("retained_growth");
    writeJsonRows(j, retainedGrowthTable(d, o));
    j.key("new_objects");
    w.StartObject();
    j.key("count");
    w.Uint(d.newObjects.count);
    j.key("shallow");
    w.Uint64(d.newObjects.shallow);
    j.key("retained");
    w.Uint64(d.newObjects.retained);
    j.key("suspects");
    w.Uint(d.suspects);
    j.key("by");
    j.str(o.byDominator ? "dominator" : "class");
    j.key("groups");
    w.StartArray();
    const std::vector<ObjectGroup>& groups = o.byDominator ? d.newObjects.byDominator : d.newObjects.byClass;
    for (const uint32_t i : shownGroups(d, o)) {
        const ObjectGroup& g = groups[i];
        w.StartObject();
        j.key("class");
        j.str(g.className);
        if (o.byDominator) {
            j.key("id");
            w.Uint(g.id);
            j.key("name");
            j.str(g.name);
            j.key("contents");
            writeClassCountsJson(j, g.topClasses);
        }
        j.key("count");
        w.Uint(g.count);
        j.key("shallow");
        w.Uint64(g.shallow);
        j.key("retained");
        w.Uint64(g.retained);
        j.key("path");
        writePathJson(j, g.path);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    j.key("gates");
    writeGatesJson(j, gates);
    j.key("passed");
    w.Bool(!anyTripped(gates));
    w.EndObject();
}

std::string diffText(const DiffResult& d, const DiffViewOptions& o, const std::vector<GateReport>& gates, bool md,
    const WriteOptions& write)
{
    const bool human = write.human;
    const Format tableFormat = md ? Format::Markdown : Format::Text;
    std::string out;
    auto put = [&](std::string s) { out += s; };
    const std::string totalLine = fmt::format("{} -> {} ({})", sizeText(d.baseTotal, human),
        sizeText(d.headTotal, human), signedBytesText(double(d.retainedDelta()), human));
    if (md) {
        put(fmt::format("### v8scope heap diff\n\n`{}` → `{}`: total {} · {}\n\n", d.baseFile, d.headFile, totalLine,
            modeText(d))); // our own words: nothing to escape
        put("#### Top growth (retained size)\n\n");
    } else {
        const Table comparison = comparisonTable(d, o);
        size_t changed = 0;
        for (const ClassDiff& c : d.classes)
            changed += c.inComparison;
        put(fmt::format("Base: {} ({} nodes)\nHead: {} ({} nodes)\nTotal size: {}\nMode: {}\n", d.baseFile, d.baseNodes,
            d.headFile, d.headNodes, totalLine, modeText(d)));
        put(fmt::format("\nComparison: {} classes changed{}\n", changed,
            comparison.rowCount() < changed ? fmt::format(", top {} by size delta", comparison.rowCount()) : ""));
        put(writeString(comparison, Format::Text, write));
    }
    const Table growth = retainedGrowthTable(d, o);
    if (!md)
        put(fmt::format("\nRetained growth by class (top {}):\n", growth.rowCount()));
    if (growth.rowCount() == 0)
        put(md ? "_No class grew._\n" : "  (none)\n");
    else
        put(writeString(growth, tableFormat, write));
    if (d.byId) {
        const std::string heading = fmt::format("New objects still alive, by {}: {} objects, {} shallow, {} retained",
            o.byDominator ? "the object that keeps them" : "class", d.newObjects.count,
            sizeText(d.newObjects.shallow, human), sizeText(d.newObjects.retained, human));
        put(fmt::format(fmt::runtime(md ? "\n#### {}\n\n" : "\n{}\n"), heading));
        const Table groups = newObjectGroupsTable(d, o);
        if (groups.rowCount() == 0) {
            put(md ? fmt::format("_No group retains {} or more._\n", sizeText(o.minRetained, human))
                   : fmt::format("  (no group retains {} or more)\n", sizeText(o.minRetained, human)));
        } else {
            put(writeString(groups, tableFormat, write));
            put(md ? "\n#### Retaining paths\n" : "\nRetaining paths (shortest, from a GC root):\n");
            const std::vector<ObjectGroup>& all = o.byDominator ? d.newObjects.byDominator : d.newObjects.byClass;
            for (size_t k = 0; k < groups.rowCount(); ++k) {
                const ObjectGroup& g = all[groups.rowKeys[k]];
                if (g.path.empty())
                    continue;
                put(fmt::format(fmt::runtime(md ? "\n{}. **{}** ({} objects, {} retained)\n\n```\n"
                                                : "  {}. {} ({} objects, {} retained)\n"),
                    k + 1, groupLabel(g, o.byDominator), g.count, sizeText(g.retained, human)));
                for (const std::string& line : pathLines(g.path))
                    put(fmt::format(fmt::runtime(md ? "{}\n" : "       {}\n"), line));
                if (md)
                    put("```\n");
            }
        }
    }
    put(md ? gatesMarkdown(gates) : gatesText(gates));
    return out;
}

} // namespace

Table comparisonTable(const DiffResult& d, const DiffViewOptions& o)
{
    Table t({
        { "class", "Class", Unit::Text, "Class name as DevTools shows it" },
        { "key", "Key", Unit::Text, "DevTools' class key (by id) or the class name (by class name)" },
        { "new", "# New", Unit::Number, "Objects in the head whose id the base does not have" },
        { "deleted", "# Deleted", Unit::Number, "Objects of the base whose id the head does not have" },
        { "delta", "# Delta", Unit::SignedCount, "New minus deleted" },
        { "alloc_size", "Alloc. size", Unit::Bytes, "Shallow size of the new objects" },
        { "freed_size", "Freed size", Unit::Bytes, "Shallow size of the deleted objects" },
        { "size_delta", "Size delta", Unit::SignedBytes, "Alloc. size minus freed size" },
        { "base_count", "Base count", Unit::Number, "Objects of the class in the base" },
        { "head_count", "Head count", Unit::Number, "Objects of the class in the head" },
        { "base_retained", "Base retained", Unit::Bytes, "Class retained size in the base" },
        { "head_retained", "Head retained", Unit::Bytes, "Class retained size in the head" },
        { "retained_delta", "Retained delta", Unit::SignedBytes, "Head retained minus base retained" },
    });
    t.displayColumns = { 0, 2, 3, 4, 5, 6, 7, 12 };
    t.dataColumns = { 0, 2, 3, 4, 5, 6, 7, 10, 11, 12 };
    t.jsonColumns = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
    t.name = "comparison";
    for (uint32_t i = 0; i < d.classes.size(); ++i) {
        const ClassDiff& c = d.classes[i];
        if (!c.inComparison)
            continue;
        if (o.top && t.rowCount() >= o.top)
            break;
        t.addRow({ c.name, c.key, int64_t(c.added), int64_t(c.removed), c.countDelta, int64_t(c.addedSize),
            int64_t(c.removedSize), c.sizeDelta, int64_t(c.baseCount), int64_t(c.headCount), int64_t(c.baseRetained),
            int64_t(c.headRetained), c.retainedDelta });
        t.rowKeys.push_back(i);
    }
    return t;
}

Table retainedGrowthTable(const DiffResult& d, const DiffViewOptions& o)
{
    Table t({
        { "class", "Class", Unit::Text, "Class name" },
        { "key", "Key", Unit::Text, "DevTools' class key" },
        { "base_count", "Base count", Unit::Number, "Objects in the base" },
        { "head_count", "Count", Unit::Number, "Objects in the head" },
        { "count_delta", "# Delta", Unit::SignedCount, "Head count minus base count" },
        { "base_retained", "Retained base", Unit::Bytes, "Class retained size in the base" },
        { "head_retained", "Retained head", Unit::Bytes, "Class retained size in the head" },
        { "retained_delta", "Retained delta", Unit::SignedBytes, "Head retained minus base retained" },
    });
    t.displayColumns = { 0, 3, 4, 5, 6, 7 };
    t.dataColumns = { 0, 2, 3, 4, 5, 6, 7 };
    t.jsonColumns = { 0, 1, 2, 3, 5, 6, 7 };
    t.name = "retained-growth";
    std::vector<uint32_t> rows;
    for (uint32_t i = 0; i < d.classes.size(); ++i)
        if (d.classes[i].retainedDelta > 0 || d.classes[i].countDelta > 0)
            rows.push_back(i);
    std::stable_sort(rows.begin(), rows.end(),
        [&](uint32_t x, uint32_t y) { return retainedDeltaBefore(d.classes[x], d.classes[y]); });
    if (rows.size() > o.sectionRows())
        rows.resize(o.sectionRows());
    for (const uint32_t i : rows) {
        const ClassDiff& c = d.classes[i];
        t.addRow({ c.name, c.key, int64_t(c.baseCount), int64_t(c.headCount), c.countDelta, int64_t(c.baseRetained),
            int64_t(c.headRetained), c.retainedDelta });
        t.rowKeys.push_back(i);
    }
    return t;
}

Table newObjectGroupsTable(const DiffResult& d, const DiffViewOptions& o)
{
    Table t({
        { "rank", "#", Unit::Number, "Position by retained size" },
        { "group", o.byDominator ? "Kept by" : "Class", Unit::Text,
            o.byDominator ? "The object that keeps the new objects (their dominator)" : "Class of the new objects" },
        { "count", "Count", Unit::Number, "New objects in the group" },
        { "shallow", "Shallow", Unit::Bytes, "Their shallow size" },
        { "retained", "Retained", Unit::Bytes, "Memory they keep" },
        { "contents", "Mostly", Unit::Text, "The most frequent classes among them" },
    });
    if (!o.byDominator)
        t.displayColumns = t.dataColumns = { 0, 1, 2, 3, 4 };
    t.name = "new-objects";
    const std::vector<ObjectGroup>& groups = o.byDominator ? d.newObjects.byDominator : d.newObjects.byClass;
    for (const uint32_t i : shownGroups(d, o)) {
        const ObjectGroup& g = groups[i];
        t.addRow({ int64_t(t.rowCount() + 1), groupLabel(g, o.byDominator), int64_t(g.count), int64_t(g.shallow),
            int64_t(g.retained), groupContents(g) });
        t.rowKeys.push_back(i);
    }
    return t;
}

std::string diffReport(const DiffResult& d, const DiffViewOptions& o, const std::vector<GateReport>& gates,
    Format format, const WriteOptions& write)
{
    switch (format) {
    case Format::JUnit:
        return gatesJUnit("v8scope diff", gates);
    case Format::Tsv:
    case Format::Csv:
        return writeString(comparisonTable(d, o), format, write);
    case Format::Json: {
        JsonOut j;
        writeDiffJson(j, d, o, gates);
        return j.text();
    }
    case Format::Markdown:
        return diffText(d, o, gates, true, write);
    case Format::Text:
        break;
    }
    return diffText(d, o, gates, false, write);
}

} // namespace v8scope::report
