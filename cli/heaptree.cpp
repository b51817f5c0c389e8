// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "heapload.h"
#include "output.h"
#include <report/heaptreeviews.h>

#include <heap/retainingpaths.h>

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
    RetainingPathOptions opts;
    opts.maxPaths = o.paths;
    opts.maxDepth = o.maxDepth;
    opts.distinctRetainers = true;
    print(report::retainersReport(a, node, findRetainingPaths(a, node, opts), o.format));
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
        auto* cmd = app.add_subcommand(
            "retainers", "The shortest retaining paths from the GC roots to one object (weak edges never retain)");
        addHeapInput(cmd, o->file);
        cmd->add_option("--id", o->id, "Object id (the @id DevTools shows)")->required();
        cmd->add_option("--paths", o->paths, "How many paths to print")->default_val(3)->check(CLI::Range(1, 1000));
        cmd->add_option("--max-depth", o->maxDepth, "Longest path, in edges")
            ->default_val(50)
            ->check(CLI::Range(1, 100000));
        addHeapFormat(cmd, o->format);
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runRetainers(*o); });
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
