// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "heapload.h"
#include "output.h"
#include <report/heaptreeviews.h>
#include <report/retainergraphview.h>

#include <heap/retainergraph.h>
#include <heap/retainersview.h>
#include <heap/retainingpaths.h>

#include <CLI/CLI.hpp>

#include <fmt/format.h>

namespace v8scope::cli {

namespace {

struct RetainersOptions
{
    std::string file;
    uint32_t id = 0;
    uint32_t paths = 3;
    uint32_t maxDepth = 50;
    std::string format = "text"; ///< a Format's name, or "dot" (--graph only)
    bool graph = false;
    RetainerGraphOptions graphOptions;
    std::vector<uint32_t> ignore; ///< ids, as DevTools' "Ignore this retainer"
    HeapLoadOptions load;
};

void print(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

int runRetainers(const RetainersOptions& o)
{
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    const HeapAnalysis& a = *loaded->analysis;
    const uint32_t node = resolveNode(a, o.id, o.file);
    if (node == kNoNode)
        return kExitBadInput;
    if (o.graph) {
        const auto format = o.format == "json" ? report::GraphFormat::Json
            : o.format == "dot"                ? report::GraphFormat::Dot
                                               : report::GraphFormat::Text;
        print(report::retainerGraphReport(a, buildRetainerGraph(a, node, o.graphOptions), o.graphOptions, format));
        return kExitOk;
    }
    Format format = Format::Text;
    for (const Format f : { Format::Text, Format::Tsv, Format::Csv, Format::Markdown, Format::Json })
        if (o.format == report::formatName(f))
            format = f;
    std::vector<uint32_t> ignored;
    for (const uint32_t id : o.ignore) {
        const uint32_t n = resolveNode(a, id, o.file);
        if (n == kNoNode)
            return kExitBadInput;
        ignored.push_back(n);
    }
    std::shared_ptr<const RetainersView> view;
    if (!ignored.empty())
        view = RetainersView::compute(loaded->analysis, std::move(ignored));
    RetainingPathOptions opts;
    opts.maxPaths = o.paths;
    opts.maxDepth = o.maxDepth;
    opts.distinctRetainers = true;
    opts.view = view.get();
    print(report::retainersReport(a, node, findRetainingPaths(a, node, opts), format, view.get()));
    return kExitOk;
}

struct DominatorsOptions
{
    std::string file;
    std::optional<uint32_t> id;
    uint32_t depth = 3;
    uint32_t top = 10;
    Format format = Format::Text;
    bool human = false;
    HeapLoadOptions load;
};

int runDominators(const DominatorsOptions& o)
{
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    const HeapAnalysis& a = *loaded->analysis;
    const uint32_t start = resolveNode(a, o.id, o.file);
    if (start == kNoNode)
        return kExitBadInput;
    report::DominatorViewOptions view;
    view.depth = o.depth;
    view.top = o.top;
    view.textLayout = o.format == Format::Text;
    report::write(stdout, report::dominatorTable(a, start, view), o.format, heapWriteOptions(o.format, o.human));
    return kExitOk;
}

} // namespace

void registerHeapTreeCommands(CLI::App& app, int& exitCode)
{
    {
        auto o = std::make_shared<RetainersOptions>();
        auto* cmd = app.add_subcommand("retainers",
            "The shortest retaining paths from the GC roots to one object (weak edges never retain), or with --graph "
            "its retainers N levels up as a graph");
        addHeapInput(cmd, o->file);
        cmd->add_option("--id", o->id, "Object id (the @id DevTools shows)")->required();
        auto* paths = cmd->add_option("--paths", o->paths, "How many paths to print")
                          ->default_val(3)
                          ->check(CLI::Range(1, 1000));
        auto* maxDepth = cmd->add_option("--max-depth", o->maxDepth, "Longest path, in edges")
                             ->default_val(50)
                             ->check(CLI::Range(1, 100000));
        cmd->add_flag("--graph", o->graph,
            "The retainer graph instead of paths: each object once (shared retainers converge, cycles show), weak "
            "references and the root's own left out, the shortest path to a GC root marked; text, json or dot");
        auto* depth = cmd->add_option("--depth", o->graphOptions.depth, "--graph: levels of retainers above the object")
                          ->default_val(3)
                          ->check(CLI::Range(1, 100));
        auto* fanIn
            = cmd->add_option("--fan-in", o->graphOptions.fanIn,
                     "--graph: retainers per object, nearest to a GC root first; the rest are one \"+K more\" node")
                  ->default_val(8)
                  ->check(CLI::Range(1, 1000));
        auto* maxNodes = cmd->add_option("--max-nodes", o->graphOptions.maxNodes, "--graph: nodes in the whole graph")
                             ->default_val(120)
                             ->check(CLI::Range(3, 100000));
        cmd->add_option(
               "--format", o->format, "Output format (paths: text, tsv, csv, md, json; --graph: text, json, dot)")
            ->type_name("FORMAT")
            ->transform(CLI::IsMember({ "text", "tsv", "csv", "md", "json", "dot" }, CLI::ignore_case))
            ->default_str("text");
        auto* ignore = cmd->add_option("--ignore", o->ignore,
                              "Ignore these retainers (ids; repeat or comma-separate), as DevTools' \"Ignore this "
                              "retainer\": paths avoid them and the distance is recomputed without them")
                           ->delimiter(',');
        addMaxInputOption(cmd, o->load);
        cmd->callback([=, &exitCode] {
            // Checked here rather than with CLI11's excludes/needs, whose notes would change the --help layout the
            // man page generator parses.
            if (o->graph && (paths->count() || maxDepth->count() || ignore->count())) {
                printError("--paths, --max-depth and --ignore apply to retaining paths, not to --graph");
                exitCode = kExitBadInput;
                return;
            }
            if (!o->graph && (depth->count() || fanIn->count() || maxNodes->count())) {
                printError("--depth, --fan-in and --max-nodes need --graph");
                exitCode = kExitBadInput;
                return;
            }
            const bool graphFormat = o->format == "text" || o->format == "json" || o->format == "dot";
            if (o->graph && !graphFormat) {
                printError("--graph prints text, json or dot, not " + o->format);
                exitCode = kExitBadInput;
                return;
            }
            if (!o->graph && o->format == "dot") {
                printError("--format dot needs --graph (the retaining paths print as text, tsv, csv, md or json)");
                exitCode = kExitBadInput;
                return;
            }
            exitCode = runRetainers(*o);
        });
    }
    {
        auto o = std::make_shared<DominatorsOptions>();
        auto* cmd
            = app.add_subcommand("dominators", "The dominator tree below a node (default: the root), biggest first");
        addHeapInput(cmd, o->file);
        cmd->add_option("--id", o->id, "Start at this object id instead of the root");
        cmd->add_option("--depth", o->depth, "Levels below the start node")->default_val(3);
        cmd->add_option("--top", o->top, "Children per node, biggest retained first (0: all)")->default_val(10);
        cmd->add_flag("--human", o->human, "Human-readable sizes even when stdout is not a terminal");
        addHeapFormat(cmd, o->format);
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runDominators(*o); });
    }
}

} // namespace v8scope::cli
