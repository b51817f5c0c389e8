// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heaptreeviews.h"

#include "format.h"

#include <heap/heapanalysis.h>
#include <heap/retainersview.h>

#include <fmt/format.h>
#include <rapidjson/filewritestream.h>
#include <rapidjson/prettywriter.h>

namespace v8scope::report {

namespace {
std::string edgeLabel(const HeapSnapshot& s, uint32_t e)
{
    return fmt::format("{} ({})", s.edgeName(e), s.edgeTypeName(e));
}

std::string pathText(const HeapAnalysis& a, const RetainingPath& p)
{
    std::string out = nodeLabel(a, p.nodes[0]);
    for (size_t i = 0; i < p.edges.size(); ++i)
        out += " -> " + edgeLabel(*a.snapshot, p.edges[i]) + " -> " + nodeLabel(a, p.nodes[i + 1]);
    return out;
}
} // namespace

Table dominatorTable(const HeapAnalysis& a, uint32_t start, const DominatorViewOptions& o)
{
    // Markdown keeps the documented keys as its header (as TSV); the text layout has titles for people.
    auto title = [&](const char* key, const char* text) { return std::string(o.textLayout ? text : key); };
    Table t({
        { "depth", title("depth", "Depth"), Unit::Number, "Levels below the start node" },
        { "id", title("id", "Id"), Unit::Id, "Object id (the @id DevTools shows)" },
        { "class", title("class", "Class"), Unit::Text, "Class name as DevTools shows it" },
        { "self", title("self", "Self"), Unit::Bytes, "DevTools shallow size" },
        { "retained", title("retained", "Retained"), Unit::Bytes, "Memory freed if the object were gone" },
        { "dominator_id", title("dominator_id", "Dominator"), Unit::Id, "Id of the object's immediate dominator" },
        { "name", title("name", "Name"), Unit::Text, "The object's name" },
        { "children_not_shown", title("children_not_shown", "Not shown"), Unit::Number,
            "Dominated children --top left out" },
        { "percent", "%", Unit::Percent, "Retained size in percent of the total size" },
        { "object", title("object", "Object"), Unit::Text, "The object, indented by depth" },
    });
    t.name = "dominators";
    if (o.textLayout)
        t.displayColumns = { 4, 8, 3, 9 };
    else
        t.displayColumns = { 0, 1, 2, 3, 4, 5, 6 };
    t.dataColumns = { 0, 1, 2, 3, 4, 5, 6 };
    t.jsonColumns = { 0, 1, 2, 6, 3, 4, 5, 7 };
    const HeapSnapshot& s = *a.snapshot;
    const double total = double(a.totalSize());
    // Iterative pre-order walk with an explicit stack. A marker item (omitted > 0) follows a node's shown children
    // and stands for the ones `top` left out.
    struct Item
    {
        uint32_t node, depth, omitted;
    };
    std::vector<Item> stack { { start, 0, 0 } };
    while (!stack.empty()) {
        const Item it = stack.back();
        stack.pop_back();
        const std::string indent(size_t(it.depth) * 2, ' ');
        if (it.omitted) {
            t.addRow({ {}, {}, {}, {}, {}, {}, {}, {}, {}, indent + fmt::format("... {} more", it.omitted) });
            t.rowKeys.push_back(it.node);
            continue;
        }
        const uint32_t n = it.node;
        const uint32_t children = it.depth < o.depth ? a.dominatedCount(n) : 0;
        const uint32_t shown = o.top ? std::min(children, o.top) : children;
        const uint32_t omitted = children - shown;
        t.addRow({ int64_t(it.depth), uint64_t(s.nodeId[n]), std::string(a.className(n)), uint64_t(a.selfSize[n]),
            uint64_t(a.retainedSize[n]), uint64_t(s.nodeId[a.dominator[n]]), a.displayName(n), int64_t(omitted),
            total > 0 ? 100.0 * double(a.retainedSize[n]) / total : 0.0, indent + nodeLabel(a, n) });
        t.rowKeys.push_back(n);
        if (omitted && o.textLayout)
            stack.push_back({ n, it.depth + 1, omitted });
        for (uint32_t row = shown; row-- > 0;)
            stack.push_back({ a.dominatedChild(n, row), it.depth + 1, 0 });
    }
    return t;
}

Table retainerPathsTable(const HeapAnalysis& a, const std::vector<RetainingPath>& paths)
{
    Table t({
        { "path", "path", Unit::Text, "Path number, shortest first" }, // left-aligned, as it always was
        { "length", "length", Unit::Number, "Edges from the GC root's child to the object" },
        { "retainers", "retainers", Unit::Text, "The path: object -> edge (type) -> object ..." },
    });
    t.name = "retainers";
    for (size_t i = 0; i < paths.size(); ++i)
        t.addRow({ std::to_string(i + 1), int64_t(paths[i].edges.size()), pathText(a, paths[i]) });
    return t;
}

std::string retainersText(
    const HeapAnalysis& a, uint32_t node, const std::vector<RetainingPath>& paths, const RetainersView* view)
{
    const bool ignoring = view && view->hasIgnoredNodes();
    std::string out = fmt::format("{} (retained {}, distance {})\n", nodeLabel(a, node),
        humanSize(double(a.retainedSize[node])), distanceText(ignoring ? view->distance(node) : a.distance[node]));
    if (ignoring) {
        out += "  ignoring: ";
        for (size_t i = 0; i < view->ignoredNodes().size(); ++i)
            out += (i ? ", " : "") + nodeLabel(a, view->ignoredNodes()[i]);
        out += '\n';
    }
    if (paths.empty())
        out += ignoring ? "  no retaining path from the GC roots that avoids the ignored objects\n"
                        : "  no retaining path from the GC roots (unreachable or only weakly held)\n";
    for (size_t i = 0; i < paths.size(); ++i) {
        const RetainingPath& p = paths[i];
        out += fmt::format("{:>3}. {}\n", i + 1, nodeLabel(a, p.nodes[0]));
        for (size_t k = 0; k < p.edges.size(); ++k)
            out += fmt::format("       --{}--> {}\n", edgeLabel(*a.snapshot, p.edges[k]), nodeLabel(a, p.nodes[k + 1]));
    }
    return out;
}

std::string retainersJson(
    const HeapAnalysis& a, uint32_t node, const std::vector<RetainingPath>& paths, const RetainersView* view)
{
    const bool ignoring = view && view->hasIgnoredNodes();
    const HeapSnapshot& s = *a.snapshot;
    JsonOut j;
    auto& w = j.w();
    w.StartObject();
    j.key("id");
    w.Uint(s.nodeId[node]);
    j.key("class");
    j.str(a.className(node));
    j.key("retained");
    w.Uint64(a.retainedSize[node]);
    j.key("distance");
    w.Int(ignoring ? view->bfsDistance(node) : a.distance[node]);
    if (ignoring) {
        j.key("ignored");
        w.StartArray();
        for (const uint32_t n : view->ignoredNodes())
            w.Uint(s.nodeId[n]);
        w.EndArray();
    }
    j.key("paths");
    w.StartArray();
    for (const RetainingPath& p : paths) {
        w.StartArray();
        for (size_t i = 0; i < p.nodes.size(); ++i) {
            w.StartObject();
            if (i > 0) {
                j.key("edge");
                j.str(s.edgeName(p.edges[i - 1]));
                j.key("edge_type");
                j.str(s.edgeTypeName(p.edges[i - 1]));
            }
            j.key("id");
            w.Uint(s.nodeId[p.nodes[i]]);
            j.key("class");
            j.str(a.className(p.nodes[i]));
            j.key("name");
            j.str(a.displayName(p.nodes[i]));
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndArray();
    w.EndObject();
    return j.text();
}

std::string retainersReport(const HeapAnalysis& a, uint32_t node, const std::vector<RetainingPath>& paths,
    Format format, const RetainersView* view)
{
    switch (format) {
    case Format::Json:
        return retainersJson(a, node, paths, view);
    case Format::Tsv:
    case Format::Csv:
    case Format::Markdown:
        return writeString(retainerPathsTable(a, paths), format);
    default:
        return retainersText(a, node, paths, view);
    }
}

void writeNodes(std::FILE* out, const HeapAnalysis& a, Format format)
{
    const HeapSnapshot& s = *a.snapshot;
    if (format == Format::Json) {
        char buffer[1 << 16];
        rapidjson::FileWriteStream stream(out, buffer, sizeof buffer);
        rapidjson::PrettyWriter<rapidjson::FileWriteStream> w(stream);
        w.SetIndent(' ', 2);
        w.StartArray();
        for (uint32_t i = 0; i < s.nodeCount; ++i) {
            w.StartObject();
            w.Key("id");
            w.Uint(s.nodeId[i]);
            w.Key("class");
            const std::string_view cls = a.className(i);
            w.String(cls.data(), rapidjson::SizeType(cls.size()));
            w.Key("self");
            w.Uint64(a.selfSize[i]);
            w.Key("retained");
            w.Uint64(a.retainedSize[i]);
            w.Key("distance");
            w.Int(a.distance[i]);
            w.Key("dominator_id");
            w.Uint(s.nodeId[a.dominator[i]]);
            w.EndObject();
        }
        w.EndArray();
        stream.Put('\n');
        stream.Flush();
        return;
    }
    // Millions of rows: one buffered fmt call per row, no table.
    const bool csv = format == Format::Csv;
    const char sep = csv ? ',' : '\t';
    fmt::memory_buffer buf;
    fmt::format_to(std::back_inserter(buf), "id{0}class{0}self{0}retained{0}distance{0}dominator_id\n", sep);
    for (uint32_t i = 0; i < s.nodeCount; ++i) {
        const std::string cls(a.className(i));
        fmt::format_to(std::back_inserter(buf), "{1}{0}{2}{0}{3}{0}{4}{0}{5}{0}{6}\n", sep, s.nodeId[i],
            csv ? csvEscape(cls) : tsvEscape(cls), a.selfSize[i], a.retainedSize[i], a.distance[i],
            s.nodeId[a.dominator[i]]);
        if (buf.size() > (1 << 20)) {
            std::fwrite(buf.data(), 1, buf.size(), out);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), out);
}

} // namespace v8scope::report
