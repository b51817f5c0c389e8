// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "exploreviews.h"

#include <heap/allocations.h>
#include <heap/heapanalysis.h>

#include <string>

namespace v8scope::report {

namespace {

std::string functionLabel(const AllocationFunction& f)
{
    std::string s = f.name.empty() ? std::string("(anonymous)") : std::string(f.name);
    if (!f.scriptName.empty()) {
        s += "  ";
        s += f.scriptName;
        if (f.line)
            s += ":" + std::to_string(f.line);
    }
    return s;
}

} // namespace

Table containmentTable(const HeapAnalysis& a, const std::vector<ContainmentRow>& rows)
{
    const HeapSnapshot& s = *a.snapshot;
    Table t({
        { "object", "Object", Unit::Text, "Edge :: object @id, indented by depth" },
        { "depth", "Depth", Unit::Number, "Levels below the start object (1: its own edges)" },
        { "edge_type", "Edge type", Unit::Text, "context, element, property, internal, hidden, shortcut or weak" },
        { "edge_name", "Edge", Unit::Text, "Property, variable or internal name; the index of elements" },
        { "id", "Id", Unit::Id, "The object's id (@id in DevTools)" },
        { "class", "Class", Unit::Text, "The object's class, as the Summary groups it" },
        { "name", "Name", Unit::Text, "The object's name as DevTools shows it" },
        { "distance", "Distance", Unit::Distance, "Fewest edges from a GC root" },
        { "self", "Shallow", Unit::Bytes, "The object's own size" },
        { "retained", "Retained", Unit::Bytes, "Memory freed if the object were gone" },
        { "edges", "Edges", Unit::Count, "The object's own outgoing edges (its rows one level down)" },
    });
    t.displayColumns = { 0, 7, 8, 9 };
    t.dataColumns = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    t.jsonMeta = { { "file", s.sourceName } };
    t.jsonRowsKey = "rows";
    t.name = "containment";
    for (const ContainmentRow& r : rows) {
        const std::string edge = edgeName(s, r.edge);
        const std::string name = a.displayName(r.node);
        std::string object(size_t(r.depth - 1) * 2, ' ');
        object += edgeLabel(s, r.edge) + " :: " + name + " @" + std::to_string(s.nodeId[r.node]);
        t.addRow({ std::move(object), uint64_t(r.depth), std::string(s.edgeTypeName(r.edge)), edge,
            uint64_t(s.nodeId[r.node]), std::string(a.className(r.node)), name, int64_t(a.distance[r.node]),
            a.selfSize[r.node], a.retainedSize[r.node], uint64_t(r.childCount) });
        t.rowKeys.push_back(r.edge);
    }
    return t;
}

Table allocationsTable(const AllocationProfile& p, const AllocationViewOptions& o)
{
    Table t({
        { "function_label", "Function", Unit::Text, "Allocating function (and below it, its callers), script:line" },
        { "depth", "Depth", Unit::Number, "0: an allocating function; 1, 2, ...: its callers, caller of caller" },
        { "function", "Function name", Unit::Text, "Function name (empty: anonymous)" },
        { "script", "Script", Unit::Text, "Script URL or name" },
        { "script_id", "Script id", Unit::Id, "V8's script id" },
        { "line", "Line", Unit::Number, "1-based line (0: unknown)" },
        { "column", "Column", Unit::Number, "1-based column (0: unknown)" },
        { "live_count", "Live Count", Unit::Count, "Objects allocated here still alive in this snapshot" },
        { "count", "Count", Unit::Count, "Objects allocated here while tracking" },
        { "live_size", "Live Size", Unit::Bytes, "Shallow size of the live objects" },
        { "size", "Size", Unit::Bytes, "Bytes allocated here while tracking" },
    });
    t.displayColumns = { 0, 7, 8, 9, 10 };
    t.dataColumns = { 1, 2, 3, 4, 5, 6, 8, 10, 7, 9 };
    t.jsonMeta = { { "file", p.analysis->snapshot->sourceName } };
    t.jsonRowsKey = "functions";
    t.name = "allocations";
    auto add = [&](uint32_t fn, uint32_t depth, uint64_t count, uint64_t size, uint64_t liveCount, uint64_t liveSize) {
        const AllocationFunction& f = p.functions[fn];
        t.addRow({ std::string(size_t(depth) * 2, ' ') + functionLabel(f), uint64_t(depth), std::string(f.name),
            std::string(f.scriptName), uint64_t(f.scriptId), uint64_t(f.line), uint64_t(f.column), liveCount, count,
            liveSize, size });
        t.rowKeys.push_back(fn);
    };
    std::vector<uint32_t> tops = p.topFunctions();
    if (o.top && tops.size() > o.top)
        tops.resize(o.top);
    std::vector<std::pair<uint32_t, uint32_t>> stack; // (callers node, depth)
    for (const uint32_t fn : tops) {
        const AllocationFunction& f = p.functions[fn];
        add(fn, 0, f.count, f.size, f.liveCount, f.liveSize);
        if (!o.callerDepth)
            continue;
        const AllocationCallers c = p.callers(fn);
        if (!c.nodeCount())
            continue;
        for (uint32_t i = c.firstChild[1]; i-- > c.firstChild[0];)
            stack.push_back({ c.children[i], 1 });
        while (!stack.empty()) {
            const auto [n, depth] = stack.back();
            stack.pop_back();
            add(c.function[n], depth, c.count[n], c.size[n], c.liveCount[n], c.liveSize[n]);
            if (depth < o.callerDepth)
                for (uint32_t i = c.firstChild[n + 1]; i-- > c.firstChild[n];)
                    stack.push_back({ c.children[i], depth + 1 });
        }
    }
    return t;
}

Table allocationStackTable(const AllocationProfile& p, uint32_t ordinal)
{
    const HeapSnapshot& s = *p.analysis->snapshot;
    Table t({
        { "frame_label", "Frame", Unit::Text, "Function  script:line:column" },
        { "frame", "#", Unit::Number, "0: the allocating function, then its callers out to (root)" },
        { "function", "Function", Unit::Text, "Function name (empty: anonymous)" },
        { "script", "Script", Unit::Text, "Script URL or name" },
        { "script_id", "Script id", Unit::Id, "V8's script id" },
        { "line", "Line", Unit::Number, "1-based line (0: unknown)" },
        { "column", "Column", Unit::Number, "1-based column (0: unknown)" },
    });
    t.displayColumns = { 1, 0 };
    t.dataColumns = { 1, 2, 3, 4, 5, 6 };
    t.jsonMeta = { { "file", s.sourceName }, { "id", uint64_t(ordinal < s.nodeCount ? s.nodeId[ordinal] : 0) } };
    t.jsonRowsKey = "frames";
    t.name = "allocation stack";
    std::vector<uint32_t> frames;
    p.allocationStack(ordinal, frames);
    for (size_t i = 0; i < frames.size(); ++i) {
        const AllocationFunction& f = p.functions[p.traceFunction[frames[i]]];
        std::string label = f.name.empty() ? std::string("(anonymous)") : std::string(f.name);
        if (!f.scriptName.empty())
            label += "  " + std::string(f.scriptName) + ":" + std::to_string(f.line) + ":" + std::to_string(f.column);
        t.addRow({ std::move(label), uint64_t(i), std::string(f.name), std::string(f.scriptName), uint64_t(f.scriptId),
            uint64_t(f.line), uint64_t(f.column) });
        t.rowKeys.push_back(frames[i]);
    }
    return t;
}

} // namespace v8scope::report
