// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "diffreport.h"

#include <algorithm>
#include <fmt/format.h>

namespace v8scope::cli {

namespace {
constexpr size_t kOffendingRows = 5;
constexpr size_t kDefaultSectionRows = 10;

std::string size(uint64_t bytes, bool human)
{
    return human ? humanSize(double(bytes)) : std::to_string(bytes);
}

std::string delta(int64_t v, bool human)
{
    if (human)
        return (v > 0 ? "+" : "") + humanSize(double(v));
    return fmt::format("{}{}", v > 0 ? "+" : "", v);
}

std::string rowLine(const ClassDiff& c, bool human)
{
    return fmt::format("{}: new {}, deleted {}, delta {}, size delta {}, retained {} -> {} ({})", c.name, c.added,
        c.removed, delta(c.countDelta, false), signedBytes(double(c.sizeDelta), human), size(c.baseRetained, human),
        size(c.headRetained, human), signedBytes(double(c.retainedDelta), human));
}

std::string measuredText(const GateOutcome& o, bool bytes, bool human)
{
    std::string s = bytes ? signedBytes(o.measure.delta, human) : signedCount(o.measure.delta);
    if (o.gate->percent)
        s += " (" + signedCount(std::round(o.value * 10) / 10) + "%)";
    if (!o.measure.found)
        s += ", class not in either snapshot";
    return s;
}

const std::vector<ClassDiff>& changedRows(const DiffResult& d, std::vector<ClassDiff>& storage)
{
    storage.clear();
    for (const ClassDiff& c : d.classes)
        if (c.inComparison)
            storage.push_back(c);
    return storage;
}

std::vector<ClassDiff> retainedGrowth(const DiffResult& d)
{
    std::vector<ClassDiff> rows;
    for (const ClassDiff& c : d.classes)
        if (c.retainedDelta > 0 || c.countDelta > 0)
            rows.push_back(c);
    sortByRetainedDelta(rows);
    return rows;
}

const std::vector<ObjectGroup>& groups(const DiffResult& d, bool byDominator)
{
    return byDominator ? d.newObjects.byDominator : d.newObjects.byClass;
}

std::string groupLabel(const ObjectGroup& g, bool byDominator)
{
    if (!byDominator)
        return g.className;
    std::string label = g.name.empty() || g.name == g.className ? g.className : g.className + " " + g.name;
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
} // namespace

std::vector<GateReport> evaluateDiffGates(const DiffResult& d, const std::vector<Gate>& gates, bool human)
{
    auto measure = [&](const Gate& g) {
        GateMeasure m;
        m.found = !g.hasClass;
        if (!g.hasClass && g.metric == "retained") {
            m.delta = double(d.retainedDelta());
            m.base = double(d.baseTotal);
            return m;
        }
        if (!g.hasClass && g.metric == "leaks") {
            m.delta = d.suspects;
            return m;
        }
        for (const ClassDiff& c : d.classes) {
            if (g.hasClass && c.name != g.className)
                continue;
            m.found = true;
            const std::string& k = g.metric;
            if (k == "count" || k == "new" || k == "deleted")
                m.base += c.baseCount;
            else if (k == "retained")
                m.base += double(c.baseRetained);
            else
                m.base += double(c.baseShallow);
            if (k == "count")
                m.delta += double(c.countDelta);
            else if (k == "new")
                m.delta += c.added;
            else if (k == "deleted")
                m.delta += c.removed;
            else if (k == "size" || k == "shallow")
                m.delta += double(c.sizeDelta);
            else if (k == "alloc_size")
                m.delta += double(c.addedSize);
            else if (k == "freed_size")
                m.delta += double(c.removedSize);
            else if (k == "retained")
                m.delta += double(c.retainedDelta);
        }
        return m;
    };
    const std::vector<GateOutcome> outcomes = evaluateGates(gates, measure);
    std::vector<GateReport> reports;
    for (const GateOutcome& o : outcomes) {
        GateReport r;
        r.outcome = o;
        const auto* metric = diffGateMetrics().find(o.gate->metric, o.gate->hasClass);
        r.bytes = metric && metric->bytes;
        r.valueText = measuredText(o, r.bytes, human);
        if (o.tripped) {
            const Gate& g = *o.gate;
            if (g.metric == "leaks") {
                for (const ObjectGroup& grp : d.newObjects.byDominator)
                    if (isSuspect(grp, d.minSuspectRetained) && r.offending.size() < kOffendingRows)
                        r.offending.push_back(fmt::format("{} keeps {} new objects, retained {}", groupLabel(grp, true),
                            grp.count, size(grp.retained, human)));
            } else {
                std::vector<ClassDiff> rows;
                for (const ClassDiff& c : d.classes)
                    if (!g.hasClass || c.name == g.className)
                        rows.push_back(c);
                if (g.metric == "retained")
                    sortByRetainedDelta(rows);
                else
                    sortByShallowDelta(rows);
                if (!g.hasClass) {
                    // A whole-heap gate: the classes that moved most in the gate's direction.
                    const bool growing = g.op == Gate::Op::Greater || g.op == Gate::Op::GreaterEqual;
                    if (!growing)
                        std::reverse(rows.begin(), rows.end());
                }
                for (const ClassDiff& c : rows)
                    if (r.offending.size() < kOffendingRows && (g.hasClass || c.inComparison || c.retainedDelta))
                        r.offending.push_back(rowLine(c, human));
            }
        }
        reports.push_back(std::move(r));
    }
    return reports;
}

void printDiff(const DiffResult& d, const DiffReportOptions& o, const std::vector<GateReport>& gates)
{
    std::vector<ClassDiff> storage;
    std::vector<ClassDiff> rows = changedRows(d, storage);
    const size_t changed = rows.size();
    if (o.top && rows.size() > o.top)
        rows.resize(o.top);
    const bool human = o.human;
    if (o.format == Format::JUnit) {
        printGatesJunit(stdout, "v8scope diff", gates);
        return;
    }
    if (o.format == Format::Tsv) {
        Table t({ { "class" }, { "new" }, { "deleted" }, { "delta" }, { "alloc_size" }, { "freed_size" },
            { "size_delta" }, { "base_retained" }, { "head_retained" }, { "retained_delta" } });
        for (const ClassDiff& c : rows)
            t.addRow({ c.name, std::to_string(c.added), std::to_string(c.removed), std::to_string(c.countDelta),
                std::to_string(c.addedSize), std::to_string(c.removedSize), std::to_string(c.sizeDelta),
                std::to_string(c.baseRetained), std::to_string(c.headRetained), std::to_string(c.retainedDelta) });
        t.print(stdout, Format::Tsv);
        return;
    }
    const std::vector<ClassDiff> growth = retainedGrowth(d);
    const size_t sectionRows = o.top ? o.top : kDefaultSectionRows;
    const std::vector<ObjectGroup>& grp = groups(d, o.byDominator);
    std::vector<const ObjectGroup*> shown;
    for (const ObjectGroup& g : grp)
        if (g.retained >= o.minRetained && shown.size() < sectionRows)
            shown.push_back(&g);
    if (o.format == Format::Json) {
        JsonOut j;
        auto& w = j.w();
        w.StartObject();
        auto side = [&](const char* key, const std::string& file, uint32_t nodes, uint64_t total) {
            j.key(key);
            w.StartObject();
            j.key("file");
            j.str(file);
            j.key("nodes");
            w.Uint(nodes);
            j.key("total_size");
            w.Uint64(total);
            w.EndObject();
        };
        side("base", d.baseFile, d.baseNodes, d.baseTotal);
        side("head", d.headFile, d.headNodes, d.headTotal);
        j.key("mode");
        j.str(d.byId ? "by-id" : "by-class-name");
        j.key("id_agreement");
        w.Double(std::round(d.process.agreement * 10000) / 10000);
        j.key("retained_delta");
        w.Int64(d.retainedDelta());
        j.key("changed_classes");
        w.Uint64(changed);
        j.key("classes");
        w.StartArray();
        for (const ClassDiff& c : rows) {
            w.StartObject();
            j.key("class");
            j.str(c.name);
            j.key("key");
            j.str(c.key);
            const std::pair<const char*, int64_t> fields[] = { { "new", c.added }, { "deleted", c.removed },
                { "delta", c.countDelta }, { "alloc_size", int64_t(c.addedSize) },
                { "freed_size", int64_t(c.removedSize) }, { "size_delta", c.sizeDelta }, { "base_count", c.baseCount },
                { "head_count", c.headCount }, { "base_retained", int64_t(c.baseRetained) },
                { "head_retained", int64_t(c.headRetained) }, { "retained_delta", c.retainedDelta } };
            for (const auto& [k, v] : fields) {
                j.key(k);
                w.Int64(v);
            }
            w.EndObject();
        }
        w.EndArray();
        j.key("retained_growth");
        w.StartArray();
        for (size_t k = 0; k < growth.size() && k < sectionRows; ++k) {
            const ClassDiff& c = growth[k];
            w.StartObject();
            j.key("class");
            j.str(c.name);
            j.key("key");
            j.str(c.key);
            const std::pair<const char*, int64_t> fields[] = { { "base_count", c.baseCount },
                { "head_count", c.headCount }, { "base_retained", int64_t(c.baseRetained) },
                { "head_retained", int64_t(c.headRetained) }, { "retained_delta", c.retainedDelta } };
            for (const auto& [k2, v] : fields) {
                j.key(k2);
                w.Int64(v);
            }
            w.EndObject();
        }
        w.EndArray();
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
        for (const ObjectGroup* g : shown) {
            w.StartObject();
            j.key("class");
            j.str(g->className);
            if (o.byDominator) {
                j.key("id");
                w.Uint(g->id);
                j.key("name");
                j.str(g->name);
                j.key("contents");
                w.StartArray();
                for (const auto& [cls, n] : g->topClasses) {
                    w.StartObject();
                    j.key("class");
                    j.str(cls);
                    j.key("count");
                    w.Uint(n);
                    w.EndObject();
                }
                w.EndArray();
            }
            j.key("count");
            w.Uint(g->count);
            j.key("shallow");
            w.Uint64(g->shallow);
            j.key("retained");
            w.Uint64(g->retained);
            j.key("path");
            writePathJson(j, g->path);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        j.key("gates");
        writeGatesJson(j, gates);
        j.key("passed");
        w.Bool(!anyTripped(gates));
        w.EndObject();
        j.print();
        return;
    }

    const bool md = o.format == Format::Markdown;
    const std::string totalLine = fmt::format("{} -> {} ({})", size(d.baseTotal, human), size(d.headTotal, human),
        signedBytes(double(d.retainedDelta()), human));
    if (md) {
        fmt::print("### v8scope heap diff\n\n`{}` → `{}`: total {} · {}\n\n", mdCell(d.baseFile), mdCell(d.headFile),
            mdCell(totalLine), mdCell(modeText(d)));
        fmt::print("#### Top growth (retained size)\n\n");
    } else {
        fmt::print("Base: {} ({} nodes)\nHead: {} ({} nodes)\nTotal size: {}\nMode: {}\n", d.baseFile, d.baseNodes,
            d.headFile, d.headNodes, totalLine, modeText(d));
        fmt::print("\nComparison: {} classes changed{}\n", changed,
            rows.size() < changed ? fmt::format(", top {} by size delta", rows.size()) : "");
        Table t({ { "Class" }, { "# New", true }, { "# Deleted", true }, { "# Delta", true }, { "Alloc. size", true },
            { "Freed size", true }, { "Size delta", true }, { "Retained delta", true } });
        for (const ClassDiff& c : rows)
            t.addRow({ c.name, std::to_string(c.added), std::to_string(c.removed), delta(c.countDelta, false),
                size(c.addedSize, human), size(c.removedSize, human), delta(c.sizeDelta, human),
                delta(c.retainedDelta, human) });
        t.print(stdout, Format::Text);
        fmt::print("\nRetained growth by class (top {}):\n", std::min(sectionRows, growth.size()));
    }
    {
        Table t({ { "Class" }, { "Count", true }, { "# Delta", true }, { "Retained base", true },
            { "Retained head", true }, { "Retained delta", true } });
        for (size_t k = 0; k < growth.size() && k < sectionRows; ++k) {
            const ClassDiff& c = growth[k];
            t.addRow({ c.name, std::to_string(c.headCount), delta(c.countDelta, false), size(c.baseRetained, human),
                size(c.headRetained, human), delta(c.retainedDelta, human) });
        }
        if (growth.empty())
            fmt::print("{}\n", md ? "_No class grew._" : "  (none)");
        else
            t.print(stdout, md ? Format::Markdown : Format::Text);
    }
    if (d.byId) {
        const std::string heading = fmt::format("New objects still alive, by {}: {} objects, {} shallow, {} retained",
            o.byDominator ? "the object that keeps them" : "class", d.newObjects.count,
            size(d.newObjects.shallow, human), size(d.newObjects.retained, human));
        fmt::print(fmt::runtime(md ? "\n#### {}\n\n" : "\n{}\n"), heading);
        if (shown.empty()) {
            fmt::print("{}\n",
                md ? fmt::format("_No group retains {} or more._", size(o.minRetained, human))
                   : fmt::format("  (no group retains {} or more)", size(o.minRetained, human)));
        } else {
            std::vector<Table::Column> cols { { "#", true }, { o.byDominator ? "Kept by" : "Class" }, { "Count", true },
                { "Shallow", true }, { "Retained", true } };
            if (o.byDominator)
                cols.push_back({ "Mostly" });
            Table t(cols);
            for (size_t k = 0; k < shown.size(); ++k) {
                const ObjectGroup& g = *shown[k];
                std::vector<std::string> cells { std::to_string(k + 1), groupLabel(g, o.byDominator),
                    std::to_string(g.count), size(g.shallow, human), size(g.retained, human) };
                if (o.byDominator)
                    cells.push_back(groupContents(g));
                t.addRow(cells);
            }
            t.print(stdout, md ? Format::Markdown : Format::Text);
            fmt::print(
                fmt::runtime(md ? "\n#### Retaining paths\n" : "\nRetaining paths (shortest, from a GC root):\n"));
            for (size_t k = 0; k < shown.size(); ++k) {
                const ObjectGroup& g = *shown[k];
                if (g.path.empty())
                    continue;
                fmt::print(fmt::runtime(md ? "\n{}. **{}** ({} objects, {} retained)\n\n```\n"
                                           : "  {}. {} ({} objects, {} retained)\n"),
                    k + 1, groupLabel(g, o.byDominator), g.count, size(g.retained, human));
                for (const std::string& line : pathLines(g.path))
                    fmt::print(fmt::runtime(md ? "{}\n" : "       {}\n"), line);
                if (md)
                    fmt::print("```\n");
            }
        }
    }
    if (md)
        printGatesMarkdown(stdout, gates);
    else
        printGatesText(stdout, gates);
}

} // namespace v8scope::cli
