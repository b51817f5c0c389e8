// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "cpucommands.h"
#include "cpuload.h"
#include "output.h"

#include <cpu/calltree.h>
#include <cpu/exporters.h>

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <regex>

namespace v8scope::cli {

namespace {

struct TreeOptions
{
    CpuCommonOptions common;
    bool bottomUp = false;
    std::string focus;
    std::string exclude;
    uint32_t depth = 0;
    double minPercent = 0;
};

/// A regex over "name url" of each function; nullopt (with an error printed) when it does not compile.
std::optional<CallTree::Predicate> functionRegex(const CpuProfile& p, const std::string& re, const char* option)
{
    if (re.empty())
        return CallTree::Predicate {};
    std::regex rx;
    try {
        rx = std::regex(re, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        printError(std::string(option) + ": invalid regular expression \"" + re + "\": " + e.what());
        return std::nullopt;
    }
    auto match = std::make_shared<std::vector<char>>(p.functions.size());
    for (size_t f = 0; f < p.functions.size(); ++f) {
        const FunctionInfo& fi = p.functions[f];
        (*match)[f] = std::regex_search(fi.displayName(), rx) || std::regex_search(fi.url, rx);
    }
    return CallTree::Predicate([match](uint32_t f) { return f < match->size() && (*match)[f]; });
}

void printTree(const LoadedProfile& lp, const CallTree& tree, const TreeOptions& o)
{
    const CpuProfile& p = lp.profile();
    const Timing& t = lp.timing;
    const int64_t denom = p.isHeap() ? t.duration : t.busy();
    const char* u = weightUnitName(t);
    auto visible = [&](uint32_t x) {
        if (o.depth && tree.depth[x] > o.depth)
            return false;
        if (tree.total[x] <= 0)
            return false;
        return o.minPercent <= 0 || double(tree.total[x]) * 100.0 >= o.minPercent * double(denom);
    };
    if (o.common.format == Format::Json) {
        fmt::print("{{\"view\": {}, \"unit\": {}, \"nodes\": [", jsonString(o.bottomUp ? "bottom-up" : "top-down"),
            jsonString(u));
        bool first = true;
        for (uint32_t x = 1; x < tree.size(); ++x) {
            if (!visible(x))
                continue;
            const FunctionInfo& f = p.functions[tree.function[x]];
            fmt::print("{}{{\"id\": {}, \"parent\": {}, \"depth\": {}, \"function\": {}, \"url\": {}, \"line\": {}, "
                       "\"column\": {}, \"self\": {}, \"total\": {}}}",
                first ? "" : ", ", x, tree.parent[x], tree.depth[x] - 1, jsonString(f.displayName()), jsonString(f.url),
                f.line, f.column, weightValue(t, tree.self[x]), weightValue(t, tree.total[x]));
            first = false;
        }
        fmt::print("]}}\n");
        return;
    }
    if (o.common.format == Format::Text) {
        fmt::print("# {} tree; {} ({}% of {}); model {}\n", o.bottomUp ? "bottom-up (callers below)" : "top-down", u,
            "percent", p.isHeap() ? "total bytes" : "non-idle time", p.isHeap() ? "heap" : modelName(t.model));
        for (uint32_t x = 1; x < tree.size(); ++x) {
            if (!visible(x))
                continue;
            const FunctionInfo& f = p.functions[tree.function[x]];
            fmt::print("{:>12} {:>5}% {:>12}  {}{}\n", formatWeight(t, tree.total[x]), percent(tree.total[x], denom),
                formatWeight(t, tree.self[x]), std::string(size_t(tree.depth[x] - 1) * 2, ' '), functionLabel(f));
        }
        return;
    }
    Table table({ { "depth", true }, { fmt::format("total_{}", u), true }, { fmt::format("self_{}", u), true },
        { "function" }, { "url" }, { "line", true }, { "column", true } });
    for (uint32_t x = 1; x < tree.size(); ++x) {
        if (!visible(x))
            continue;
        const FunctionInfo& f = p.functions[tree.function[x]];
        table.addRow({ std::to_string(tree.depth[x] - 1), formatWeight(t, tree.total[x]), formatWeight(t, tree.self[x]),
            f.displayName(), f.url, std::to_string(f.line), std::to_string(f.column) });
    }
    table.print(stdout, o.common.format);
}

} // namespace

void addCpuTreeCommands(CLI::App* cpu, int& exitCode)
{
    {
        auto o = std::make_shared<TreeOptions>();
        auto* cmd = cpu->add_subcommand("tree", "Top-down call tree, or bottom-up (callers) with --bottom-up");
        addCpuCommonOptions(cmd, o->common);
        cmd->add_flag("--bottom-up", o->bottomUp, "Functions by self time, each with its callers below it");
        cmd->add_option("--focus", o->focus, "Only stacks through functions whose name or URL matches REGEX");
        cmd->add_option("--exclude", o->exclude, "Hide frames whose name or URL matches REGEX (time goes to callers)");
        cmd->add_option("--depth", o->depth, "Show at most D levels (0 = all)");
        cmd->add_option("--min-percent", o->minPercent, "Hide nodes below this share of non-idle time");
        cmd->callback([o, &exitCode] {
            auto lp = loadProfile(o->common);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            auto focus = functionRegex(lp->profile(), o->focus, "--focus");
            auto exclude = functionRegex(lp->profile(), o->exclude, "--exclude");
            if (!focus || !exclude) {
                exitCode = kExitBadInput;
                return;
            }
            CallTree tree;
            if (o->bottomUp) {
                if (!o->focus.empty() || !o->exclude.empty()) {
                    printError("--focus and --exclude apply to the top-down tree only");
                    exitCode = kExitBadInput;
                    return;
                }
                tree = CallTree::bottomUp(lp->timing, o->depth ? o->depth : 64);
            } else {
                tree = CallTree::topDown(lp->timing, *focus, *exclude);
            }
            printTree(*lp, tree, *o);
        });
    }
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto fmtName = std::make_shared<std::string>("folded");
        auto* cmd
            = cpu->add_subcommand("flame", "Flame graph data: collapsed stacks (folded) or laid-out frames (json)");
        addCpuCommonOptions(cmd, *o, false);
        cmd->add_option("--format", *fmtName, "folded (flamegraph.pl, inferno, speedscope) or json (x0/x1/depth)")
            ->check(CLI::IsMember({ "folded", "json" }));
        cmd->callback([o, fmtName, &exitCode] {
            auto lp = loadProfile(*o);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            const CallTree tree = CallTree::topDown(lp->timing);
            if (*fmtName == "folded") {
                fmt::print("{}", foldedStacks(lp->profile(), lp->timing, tree));
                return;
            }
            const auto frames = flameLayout(tree);
            fmt::print("{{\"unit\": {}, \"total\": {}, \"frames\": [", jsonString(weightUnitName(lp->timing)),
                weightValue(lp->timing, tree.total[0]));
            for (size_t i = 0; i < frames.size(); ++i) {
                const FlameFrame& fr = frames[i];
                const FunctionInfo& f = lp->profile().functions[tree.function[fr.node]];
                fmt::print("{}{{\"function\": {}, \"url\": {}, \"line\": {}, \"depth\": {}, \"x0\": {}, \"x1\": {}, "
                           "\"self\": {}}}",
                    i ? ", " : "", jsonString(f.displayName()), jsonString(f.url), f.line, fr.depth,
                    weightValue(lp->timing, fr.x0), weightValue(lp->timing, fr.x1),
                    weightValue(lp->timing, tree.self[fr.node]));
            }
            fmt::print("]}}\n");
        });
    }
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto out = std::make_shared<std::string>();
        auto* cmd = cpu->add_subcommand("export", "Write the profile in another format (pprof profile.proto)");
        addCpuCommonOptions(cmd, *o, false);
        cmd->add_option("--pprof", *out, "Output file (gzip-compressed profile.proto, e.g. out.pb.gz)")->required();
        cmd->callback([o, out, &exitCode] {
            auto lp = loadProfile(*o);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            auto data = pprofGzip(lp->profile(), lp->timing);
            if (!data) {
                printError(data.error().toString());
                exitCode = kExitBadInput;
                return;
            }
            std::FILE* f = std::fopen(out->c_str(), "wb");
            if (!f || std::fwrite(data.value().data(), 1, data.value().size(), f) != data.value().size()) {
                if (f)
                    std::fclose(f);
                printError(*out + ": cannot write the pprof file");
                exitCode = kExitBadInput;
                return;
            }
            std::fclose(f);
        });
    }
}

} // namespace v8scope::cli
