// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainergraphview.h"

#include "format.h"
#include "jsonout.h"

#include <heap/heapanalysis.h>

#include <fmt/format.h>

#include <algorithm>

namespace v8scope::report {

namespace {

std::string moreLabel(const RetainerGraph::Node& n)
{
    return fmt::format("+{} more", n.more);
}

std::string label(const HeapAnalysis& a, const RetainerGraph& g, uint32_t i)
{
    const RetainerGraph::Node& n = g.nodes[i];
    return n.node == kNoNode ? moreLabel(n) : nodeLabel(a, n.node);
}

/// Graph nodes per level, in the layout's order.
std::vector<std::vector<uint32_t>> levels(const HeapAnalysis& a, const RetainerGraph& g)
{
    std::vector<std::vector<uint32_t>> out(g.levelCount());
    const std::vector<uint32_t> order = retainerGraphOrder(a, g);
    for (uint32_t i = 0; i < g.nodes.size(); ++i)
        out[g.nodes[i].level].push_back(i);
    for (auto& level : out)
        std::sort(level.begin(), level.end(), [&](uint32_t x, uint32_t y) { return order[x] < order[y]; });
    return out;
}

std::string dotEscape(std::string_view s)
{
    std::string out;
    for (const char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

uint32_t objectCount(const RetainerGraph& g)
{
    uint32_t n = 0;
    for (const auto& node : g.nodes)
        n += node.node != kNoNode;
    return n;
}

} // namespace

std::string graphEdgeLabel(const HeapAnalysis& a, const RetainerGraph& g, uint32_t edge)
{
    const RetainerGraph::Edge& e = g.edges[edge];
    if (e.edge == kNoNode)
        return {};
    const HeapSnapshot& s = *a.snapshot;
    std::string text = fmt::format("{} ({})", s.edgeName(e.edge), s.edgeTypeName(e.edge));
    if (e.parallel)
        text += fmt::format(" +{}", e.parallel);
    return text;
}

std::vector<uint32_t> retainerGraphOrder(const HeapAnalysis& a, const RetainerGraph& g)
{
    std::vector<double> widths;
    widths.reserve(g.nodes.size());
    for (uint32_t i = 0; i < g.nodes.size(); ++i)
        widths.push_back(double(label(a, g, i).size()));
    LayeredLayoutOptions o;
    o.nodeGap = 2;
    o.dummyWidth = 1;
    const LayeredLayout layout = layoutLayered(layeredRetainerGraph(g, widths), o);
    std::vector<uint32_t> order(g.nodes.size(), 0);
    for (const auto& layer : layout.layers)
        for (uint32_t k = 0; k < layer.size(); ++k)
            order[layer[k]] = k;
    return order;
}

std::string retainerGraphText(const HeapAnalysis& a, const RetainerGraph& g)
{
    if (g.nodes.empty())
        return "no such object\n";
    std::string out = fmt::format("Retainer graph of {} (retained {}, distance {})\n", nodeLabel(a, g.target),
        humanSize(double(a.retainedSize[g.target])), distanceText(a.distance[g.target]));
    out += fmt::format("{} objects in {} levels, {} references; weak references and the root's own are left out; * "
                       "marks the shortest path to a GC root\n",
        objectCount(g), g.levelCount(), g.edges.size());
    const auto byLevel = levels(a, g);
    for (uint32_t level = 0; level < byLevel.size(); ++level) {
        out += fmt::format("\nLevel {}\n", level);
        for (const uint32_t i : byLevel[level]) {
            const RetainerGraph::Node& n = g.nodes[i];
            if (n.node == kNoNode) {
                out += fmt::format("  {} retainers of {} not shown\n", moreLabel(n), label(a, g, n.owner));
                continue;
            }
            std::string note;
            if (n.rootChild)
                note = "  (held by a GC root)";
            else if (!n.hasRetainers)
                note = "  (no retainers but weak ones)";
            else if (!n.expanded)
                note = "  (retainers not expanded)";
            out += fmt::format("{} {}  retained {}, distance {}{}\n", n.onPath ? '*' : ' ', nodeLabel(a, n.node),
                humanSize(double(a.retainedSize[n.node])), distanceText(a.distance[n.node]), note);
            for (uint32_t k = 0; k < g.edges.size(); ++k) {
                const RetainerGraph::Edge& e = g.edges[k];
                if (e.to != i)
                    continue;
                if (e.edge == kNoNode)
                    out += fmt::format("      <- {}\n", moreLabel(g.nodes[e.from]));
                else
                    out += fmt::format(
                        "      <- {} <- {}{}\n", graphEdgeLabel(a, g, k), label(a, g, e.from), e.onPath ? " *" : "");
            }
        }
    }
    return out;
}

std::string retainerGraphJson(const HeapAnalysis& a, const RetainerGraph& g, const RetainerGraphOptions& o)
{
    const HeapSnapshot& s = *a.snapshot;
    const std::vector<uint32_t> order = retainerGraphOrder(a, g);
    JsonOut j;
    auto& w = j.w();
    w.StartObject();
    j.key("id");
    w.Uint(g.nodes.empty() ? 0 : s.nodeId[g.target]);
    j.key("class");
    j.str(g.nodes.empty() ? std::string_view() : a.className(g.target));
    j.key("depth");
    w.Uint(o.depth);
    j.key("fan_in");
    w.Uint(o.fanIn);
    j.key("max_nodes");
    w.Uint(o.maxNodes);
    j.key("nodes");
    w.StartArray();
    for (uint32_t i = 0; i < g.nodes.size(); ++i) {
        const RetainerGraph::Node& n = g.nodes[i];
        w.StartObject();
        j.key("index");
        w.Uint(i);
        if (n.node == kNoNode) {
            j.key("more");
            w.Uint(n.more);
            j.key("of");
            w.Uint(n.owner);
        } else {
            j.key("id");
            w.Uint(s.nodeId[n.node]);
            j.key("class");
            j.str(a.className(n.node));
            j.key("name");
            j.str(a.displayName(n.node));
            j.key("self");
            w.Uint64(a.selfSize[n.node]);
            j.key("retained");
            w.Uint64(a.retainedSize[n.node]);
            j.key("distance");
            w.Int(a.distance[n.node]);
        }
        j.key("level");
        w.Uint(n.level);
        j.key("order");
        w.Uint(order[i]);
        if (n.node != kNoNode) {
            j.key("gc_root_child");
            w.Bool(n.rootChild);
            j.key("expanded");
            w.Bool(n.expanded);
            j.key("can_expand");
            w.Bool(g.canExpand(i));
            if (n.expanded) {
                j.key("retainers");
                w.Uint(n.retainerCount);
            }
            j.key("on_path");
            w.Bool(n.onPath);
        }
        w.EndObject();
    }
    w.EndArray();
    j.key("edges");
    w.StartArray();
    for (const RetainerGraph::Edge& e : g.edges) {
        w.StartObject();
        j.key("from");
        w.Uint(e.from);
        j.key("to");
        w.Uint(e.to);
        if (e.edge != kNoNode) {
            j.key("edge");
            j.str(s.edgeName(e.edge));
            j.key("edge_type");
            j.str(s.edgeTypeName(e.edge));
            j.key("parallel");
            w.Uint(e.parallel);
            j.key("on_path");
            w.Bool(e.onPath);
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return j.text();
}

std::string retainerGraphDot(const HeapAnalysis& a, const RetainerGraph& g)
{
    std::string out = "digraph retainers {\n";
    if (!g.nodes.empty())
        out += fmt::format("  label=\"Retainers of {}\";\n  labelloc=t;\n", dotEscape(nodeLabel(a, g.target)));
    out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f2f2f2\", fontname=\"Helvetica\", "
           "fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (uint32_t i = 0; i < g.nodes.size(); ++i) {
        const RetainerGraph::Node& n = g.nodes[i];
        if (n.node == kNoNode) {
            out += fmt::format("  n{} [label=\"{}\", shape=plaintext, style=\"\"];\n", i, moreLabel(n));
            continue;
        }
        const std::string text = fmt::format("{}\nretained {}, distance {}", nodeLabel(a, n.node),
            humanSize(double(a.retainedSize[n.node])), distanceText(a.distance[n.node]));
        out += fmt::format("  n{} [label=\"{}\"{}{}];\n", i, dotEscape(text), n.onPath ? ", penwidth=2" : "",
            i == 0            ? ", fillcolor=\"#ffe9a8\""
                : n.rootChild ? ", fillcolor=\"#d7e8fa\""
                              : "");
    }
    for (uint32_t k = 0; k < g.edges.size(); ++k) {
        const RetainerGraph::Edge& e = g.edges[k];
        if (e.edge == kNoNode)
            out += fmt::format("  n{} -> n{} [style=dashed];\n", e.from, e.to);
        else
            // A back edge (a cycle) or one within a level must not pull the levels out of order.
            out += fmt::format("  n{} -> n{} [label=\"{}\"{}{}];\n", e.from, e.to, dotEscape(graphEdgeLabel(a, g, k)),
                e.onPath ? ", penwidth=2, color=\"#c0392b\"" : "",
                g.nodes[e.from].level <= g.nodes[e.to].level ? ", constraint=false" : "");
    }
    for (const auto& level : levels(a, g)) {
        out += "  { rank=same;";
        for (const uint32_t i : level)
            out += fmt::format(" n{};", i);
        out += " }\n";
    }
    out += "}\n";
    return out;
}

std::string retainerGraphReport(
    const HeapAnalysis& a, const RetainerGraph& g, const RetainerGraphOptions& o, GraphFormat format)
{
    switch (format) {
    case GraphFormat::Json:
        return retainerGraphJson(a, g, o);
    case GraphFormat::Dot:
        return retainerGraphDot(a, g);
    case GraphFormat::Text:
        break;
    }
    return retainerGraphText(a, g);
}

} // namespace v8scope::report
