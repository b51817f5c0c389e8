// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "cpucommands.h"
#include "cpuload.h"
#include "output.h"

#include <cpu/calltree.h>
#include <cpu/exporters.h>
#include <report/calltreeview.h>
#include <report/cpuviews.h>

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
    std::string sort; ///< empty: DevTools' default (top-down: total, bottom-up: self)
    bool longNames = false;
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
        cmd->add_option("--sort", o->sort,
               "Sibling order at every level: self, total or name (default as DevTools: total for the top-down "
               "tree, self for --bottom-up)")
            ->check(CLI::IsMember({ "self", "total", "name" }));
        addLongNamesFlag(cmd, o->longNames);
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
            report::CallTreeViewOptions vo;
            vo.bottomUp = o->bottomUp;
            vo.depth = o->depth;
            vo.minPercent = o->minPercent;
            vo.longNames = o->longNames;
            if (!o->sort.empty())
                vo.sort = report::treeSortFromName(o->sort);
            printDocument(report::callTreeDocument(lp->profile(), lp->timing, tree, vo), o->common.format);
        });
    }
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto fmtName = std::make_shared<std::string>("folded");
        auto* cmd = cpu->add_subcommand(
            "flame", "Flame graph data: collapsed stacks (folded) or laid-out frames (json, tsv, csv)");
        addCpuCommonOptions(cmd, *o, {});
        cmd->add_option("--format", *fmtName,
               "folded (flamegraph.pl, inferno, speedscope), or the laid-out frames (x0/x1/depth) as json, tsv or csv")
            ->check(CLI::IsMember({ "folded", "json", "tsv", "csv" }))
            ->default_str("folded");
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
            const Format f = *fmtName == "json" ? Format::Json : *fmtName == "tsv" ? Format::Tsv : Format::Csv;
            printDocument(report::flameDocument(lp->profile(), lp->timing, tree), f);
        });
    }
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto out = std::make_shared<std::string>();
        auto* cmd = cpu->add_subcommand("export", "Write the profile in another format (pprof profile.proto)");
        addCpuCommonOptions(cmd, *o, {});
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
