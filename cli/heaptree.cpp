// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "heapreport.h"
#include <report/jsonout.h>

#include <heap/retainingpaths.h>

#include <algorithm>
#include <fmt/format.h>

namespace v8scope::cli {

namespace {

struct RetainersOptions
{
    std::string file;
    uint32_t id = 0;
    uint32_t paths = 3;
    uint32_t maxDepth = 50;
    Format format = Format::Text;
    HeapLoadOptions load;
};

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

uint32_t resolveId(const HeapAnalysis& a, uint32_t id, const std::string& file)
{
    const uint32_t node = a.nodeForId(id);
    if (node == UINT32_MAX)
        printError(fmt::format("{}: no node with id {}", file, id));
    return node;
}

int runRetainers(const RetainersOptions& o)
{
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    const HeapAnalysis& a = *loaded->analysis;
    const uint32_t node = resolveId(a, o.id, o.file);
    if (node == UINT32_MAX)
        return kExitBadInput;
    RetainingPathOptions opts;
    opts.maxPaths = o.paths;
    opts.maxDepth = o.maxDepth;
    const auto paths = findRetainingPaths(a, node, opts);
    const HeapSnapshot& s = *a.snapshot;
    if (o.format == Format::Json) {
        JsonOut j;
        auto& w = j.w();
        w.StartObject();
        j.key("id");
        w.Uint(o.id);
        j.key("class");
        j.str(a.className(node));
        j.key("retained");
        w.Uint64(a.retainedSize[node]);
        j.key("distance");
        w.Int(a.distance[node]);
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
        j.print();
        return kExitOk;
    }
    if (o.format == Format::Tsv || o.format == Format::Markdown) {
        Table t({ { "path" }, { "length", true }, { "retainers" } });
        for (size_t i = 0; i < paths.size(); ++i)
            t.addRow({ std::to_string(i + 1), std::to_string(paths[i].edges.size()), pathText(a, paths[i]) });
        t.print(stdout, o.format);
        return kExitOk;
    }
    fmt::print("{} (retained {}, distance {})\n", nodeLabel(a, node), humanSize(double(a.retainedSize[node])),
        distanceCell(a.distance[node]));
    if (paths.empty())
        fmt::print("  no retaining path from the GC roots (unreachable or only weakly held)\n");
    for (size_t i = 0; i < paths.size(); ++i)
        fmt::print("{:>3}. {}\n", i + 1, pathText(a, paths[i]));
    return kExitOk;
}

struct DominatorsOptions
{
    std::string file;
    uint32_t id = 0;
    bool haveId = false;
    uint32_t depth = 3;
    uint32_t top = 10;
    Format format = Format::Text;
    bool human = false;
    HeapLoadOptions load;
};

/// Children of `node` in the dominator tree, biggest retained size first (ties: lower id first), at most `top`.
std::vector<uint32_t> topChildren(const HeapAnalysis& a, uint32_t node, uint32_t top, uint32_t* omitted)
{
    std::vector<uint32_t> kids(
        a.dominated.begin() + a.firstDominated[node], a.dominated.begin() + a.firstDominated[node + 1]);
    const auto& ids = a.snapshot->nodeId;
    std::sort(kids.begin(), kids.end(), [&](uint32_t x, uint32_t y) {
        return a.retainedSize[x] != a.retainedSize[y] ? a.retainedSize[x] > a.retainedSize[y] : ids[x] < ids[y];
    });
    *omitted = 0;
    if (top && kids.size() > top) {
        *omitted = uint32_t(kids.size() - top);
        kids.resize(top);
    }
    return kids;
}

int runDominators(const DominatorsOptions& o)
{
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    const HeapAnalysis& a = *loaded->analysis;
    uint32_t start = a.root();
    if (o.haveId) {
        start = resolveId(a, o.id, o.file);
        if (start == UINT32_MAX)
            return kExitBadInput;
    }
    const HeapSnapshot& s = *a.snapshot;
    const bool human = o.human || (o.format == Format::Text && stdoutIsTty());
    // Iterative pre-order walk with an explicit stack. A marker item (omitted > 0) follows a node's shown
    // children and stands for the ones --top left out.
    struct Item
    {
        uint32_t node, depth, omitted;
    };
    std::vector<Item> stack { { start, 0, 0 } };
    std::vector<Item> order;
    std::vector<uint32_t> omittedAt;
    while (!stack.empty()) {
        const Item it = stack.back();
        stack.pop_back();
        if (it.omitted) {
            order.push_back(it);
            omittedAt.push_back(0);
            continue;
        }
        uint32_t omitted = 0;
        std::vector<uint32_t> kids;
        if (it.depth < o.depth)
            kids = topChildren(a, it.node, o.top, &omitted);
        order.push_back(it);
        omittedAt.push_back(omitted);
        if (omitted)
            stack.push_back({ it.node, it.depth + 1, omitted });
        for (auto k = kids.rbegin(); k != kids.rend(); ++k)
            stack.push_back({ *k, it.depth + 1, 0 });
    }
    const double total = double(a.totalSize());
    if (o.format == Format::Json) {
        JsonOut j;
        auto& w = j.w();
        w.StartArray();
        for (size_t i = 0; i < order.size(); ++i) {
            if (order[i].omitted)
                continue;
            const uint32_t n = order[i].node;
            w.StartObject();
            j.key("depth");
            w.Uint(order[i].depth);
            j.key("id");
            w.Uint(s.nodeId[n]);
            j.key("class");
            j.str(a.className(n));
            j.key("name");
            j.str(a.displayName(n));
            j.key("self");
            w.Uint64(a.selfSize[n]);
            j.key("retained");
            w.Uint64(a.retainedSize[n]);
            j.key("dominator_id");
            w.Uint(s.nodeId[a.dominator[n]]);
            j.key("children_not_shown");
            w.Uint(omittedAt[i]);
            w.EndObject();
        }
        w.EndArray();
        j.print();
        return kExitOk;
    }
    if (o.format == Format::Tsv || o.format == Format::Markdown) {
        Table t({ { "depth", true }, { "id", true }, { "class" }, { "self", true }, { "retained", true },
            { "dominator_id", true }, { "name" } });
        for (const Item& it : order) {
            if (it.omitted)
                continue;
            t.addRow({ std::to_string(it.depth), std::to_string(s.nodeId[it.node]), std::string(a.className(it.node)),
                std::to_string(a.selfSize[it.node]), std::to_string(a.retainedSize[it.node]),
                std::to_string(s.nodeId[a.dominator[it.node]]), a.displayName(it.node) });
        }
        t.print(stdout, o.format);
        return kExitOk;
    }
    Table t({ { "Retained", true }, { "%", true }, { "Self", true }, { "Object" } });
    for (const Item& it : order) {
        const uint32_t n = it.node;
        const std::string indent(size_t(it.depth) * 2, ' ');
        if (it.omitted) {
            t.addRow({ "", "", "", indent + fmt::format("... {} more", it.omitted) });
            continue;
        }
        t.addRow({ sizeCell(a.retainedSize[n], human),
            fmt::format("{:.1f}", total > 0 ? 100.0 * double(a.retainedSize[n]) / total : 0.0),
            sizeCell(a.selfSize[n], human), indent + nodeLabel(a, n) });
    }
    t.print(stdout, Format::Text);
    return kExitOk;
}

} // namespace

void registerHeapTreeCommands(CLI::App& app, int& exitCode)
{
    {
        auto o = std::make_shared<RetainersOptions>();
        auto* cmd = app.add_subcommand(
            "retainers", "The shortest retaining paths from the GC roots to one object (weak edges never retain)");
        cmd->add_option("FILE", o->file, "Heap snapshot (plain or gzip, - for stdin)")->required();
        cmd->add_option("--id", o->id, "Object id (the @id DevTools shows)")->required();
        cmd->add_option("--paths", o->paths, "How many paths to print")->default_val(3)->check(CLI::Range(1, 1000));
        cmd->add_option("--max-depth", o->maxDepth, "Longest path, in edges")
            ->default_val(50)
            ->check(CLI::Range(1, 100000));
        cmd->add_option("--format", o->format, "Output format")
            ->transform(CLI::CheckedTransformer(formatNames(false), CLI::ignore_case))
            ->default_str("text");
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runRetainers(*o); });
    }
    {
        auto o = std::make_shared<DominatorsOptions>();
        auto* cmd
            = app.add_subcommand("dominators", "The dominator tree below a node (default: the root), biggest first");
        cmd->add_option("FILE", o->file, "Heap snapshot (plain or gzip, - for stdin)")->required();
        cmd->add_option("--id", o->id, "Start at this object id instead of the root")->each([o](const std::string&) {
            o->haveId = true;
        });
        cmd->add_option("--depth", o->depth, "Levels below the start node")->default_val(3);
        cmd->add_option("--top", o->top, "Children per node, biggest retained first (0: all)")->default_val(10);
        cmd->add_flag("--human", o->human, "Human-readable sizes even when stdout is not a terminal");
        cmd->add_option("--format", o->format, "Output format")
            ->transform(CLI::CheckedTransformer(formatNames(false), CLI::ignore_case))
            ->default_str("text");
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runDominators(*o); });
    }
}

} // namespace v8scope::cli
