// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "calltreeview.h"

#include "cpuviews.h"

#include <algorithm>
#include <fmt/format.h>

namespace v8scope::report {

std::optional<TreeSort> treeSortFromName(const std::string& name)
{
    if (name == "total")
        return TreeSort::Total;
    if (name == "self")
        return TreeSort::Self;
    if (name == "name")
        return TreeSort::Name;
    return std::nullopt;
}

Document callTreeDocument(const CpuProfile& p, const Timing& t, const CallTree& tree, const CallTreeViewOptions& o)
{
    const TreeSort sort = o.sort.value_or(o.bottomUp ? TreeSort::Self : TreeSort::Total);
    const int64_t denom = p.isHeap() ? t.duration : t.busy();
    const std::string u = weightUnitName(t);
    const Unit wu = weightUnit(t);
    const std::string denomName = p.isHeap() ? "total bytes" : "non-idle time";
    Document d;
    Table& tb = d.table;
    tb = Table({
        { "depth", "depth", Unit::Number, "0 = a top-level row" },
        { "total_" + u, "total_" + u, wu, "Time in the frame and its callees (bottom-up: through this chain)" },
        { "self_" + u, "self_" + u, wu, "Time in the frame itself (bottom-up: through this chain)" },
        { "function", "function", Unit::Text, "Display name" },
        { "url", "url", Unit::Text, "Script URL" },
        { "line", "line", Unit::Number, "0-based line" },
        { "column", "column", Unit::Number, "0-based column" },
        { "total_%", "total_%", Unit::Percent, "Total as a percentage of " + denomName },
        { "self_%", "self_%", Unit::Percent, "Self as a percentage of " + denomName },
        { "label", o.bottomUp ? "function (callers below)" : "function (callees below)", Unit::Text,
            "The frame, indented by depth" },
        { "id", "id", Unit::Id, "CallTree node" },
        { "parent", "parent", Unit::Id, "Parent CallTree node (0: the root)" },
        { "self", "self", Unit::Number, "" },
        { "total", "total", Unit::Number, "" },
    });
    tb.dataColumns = { 0, 1, 2, 3, 4, 5, 6 };
    tb.displayColumns = { 1, 7, 2, 8, 9 };
    tb.jsonColumns = { 10, 11, 0, 3, 4, 5, 6, 12, 13 };
    tb.jsonMeta = { { "view", std::string(o.bottomUp ? "bottom-up" : "top-down") }, { "unit", u } };
    tb.jsonRowsKey = "nodes";
    tb.name = "cpu tree";

    auto visible = [&](uint32_t x) {
        if (o.depth && tree.depth[x] > o.depth)
            return false;
        if (tree.total[x] <= 0)
            return false;
        return o.minPercent <= 0 || double(tree.total[x]) * 100.0 >= o.minPercent * double(denom);
    };
    auto less = [&](uint32_t a, uint32_t b) {
        if (sort == TreeSort::Self && tree.self[a] != tree.self[b])
            return tree.self[a] > tree.self[b];
        if (sort == TreeSort::Name) {
            const FunctionInfo& fa = p.functions[tree.function[a]];
            const FunctionInfo& fb = p.functions[tree.function[b]];
            if (fa.displayName() != fb.displayName())
                return fa.displayName() < fb.displayName();
            if (fa.url != fb.url)
                return fa.url < fb.url;
            if (fa.line != fb.line)
                return fa.line < fb.line;
        }
        if (tree.total[a] != tree.total[b])
            return tree.total[a] > tree.total[b];
        if (tree.self[a] != tree.self[b])
            return tree.self[a] > tree.self[b];
        return tree.rowInParent[a] < tree.rowInParent[b]; // the tree's own order (function index)
    };
    // (idle) is outside non-idle time: no percentages.
    auto share = [&](uint32_t x, int64_t v) -> Cell {
        if (isIdleFunction(p.functions[tree.function[x]]))
            return {};
        return denom > 0 ? 100.0 * double(v) / double(denom) : 0.0;
    };
    // Pre-order without recursion: a stack of nodes still to emit, each node's children pushed in reverse order.
    std::vector<uint32_t> stack, kids;
    auto pushChildren = [&](uint32_t x) {
        kids.clear();
        for (uint32_t r = 0; r < tree.childCount(x); ++r)
            if (const uint32_t c = tree.childAt(x, r); visible(c))
                kids.push_back(c);
        std::stable_sort(kids.begin(), kids.end(), less);
        stack.insert(stack.end(), kids.rbegin(), kids.rend());
    };
    if (tree.size())
        pushChildren(0);
    while (!stack.empty()) {
        const uint32_t x = stack.back();
        stack.pop_back();
        const FunctionInfo& f = p.functions[tree.function[x]];
        const uint32_t depth = tree.depth[x] - 1;
        tb.addRow({ int64_t(depth), weightCell(t, tree.total[x]), weightCell(t, tree.self[x]), f.displayName(), f.url,
            int64_t(f.line), int64_t(f.column), share(x, tree.total[x]), share(x, tree.self[x]),
            std::string(size_t(depth) * 2, ' ') + cpuFunctionLabel(f, o.longNames), uint64_t(x),
            uint64_t(tree.parent[x]), weightNumber(t, tree.self[x]), weightNumber(t, tree.total[x]) });
        tb.rowKeys.push_back(x);
        pushChildren(x);
    }
    const char* sortName = sort == TreeSort::Self ? "self" : sort == TreeSort::Total ? "total" : "name";
    d.preamble = fmt::format("# {} tree, siblings by {}; {} and % of {}; model {}\n",
        o.bottomUp ? "bottom-up (callers below)" : "top-down (callees below)", sortName, u,
        p.isHeap() ? "total bytes" : "non-idle time", p.isHeap() ? "heap" : timingModelName(t.model));
    return d;
}

} // namespace v8scope::report
