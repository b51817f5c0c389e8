// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpucommands.h"

#include "commands.h"
#include "cpuload.h"
#include "output.h"

#include <report/cpuviews.h>

#include <fmt/format.h>

#include <memory>

namespace v8scope::cli {

void addCpuInfoCommands(CLI::App* cpu, int& exitCode)
{
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto* cmd = cpu->add_subcommand("info", "Format, size, duration and idle/program/GC/JS split of a profile");
        addCpuCommonOptions(cmd, *o);
        cmd->callback([o, &exitCode] {
            auto lp = loadProfile(*o);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            printDocument(
                report::cpuInfoDocument(lp->profile(), lp->timing, lp->read.chosenKey, lp->read.available), o->format);
        });
    }
    {
        auto o = std::make_shared<CpuCommonOptions>();
        o->format = Format::Tsv; // the test contract: `cpu functions FILE` is TSV
        auto longNames = std::make_shared<bool>(false);
        auto* cmd = cpu->add_subcommand("functions",
            "One row per function (DevTools' key: name, script, line, column) with self and total (TSV by default)");
        addCpuCommonOptions(cmd, *o);
        cmd->get_option("--format")->default_str("tsv");
        addLongNamesFlag(cmd, *longNames);
        cmd->callback([o, longNames, &exitCode] {
            auto lp = loadProfile(*o);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            printDocument(report::functionsDocument(lp->profile(), lp->timing, *longNames), o->format);
        });
    }
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto by = std::make_shared<std::string>("function");
        auto top = std::make_shared<size_t>(20);
        auto longNames = std::make_shared<bool>(false);
        auto* cmd = cpu->add_subcommand("top", "The heaviest functions, URLs, npm packages or categories by self time");
        addCpuCommonOptions(cmd, *o);
        cmd->add_option("--by", *by, "function, url, package or category")
            ->check(CLI::IsMember({ "function", "url", "package", "category" }));
        cmd->add_option("--top", *top, "How many rows (0 = all)");
        addLongNamesFlag(cmd, *longNames);
        cmd->callback([o, by, top, longNames, &exitCode] {
            auto lp = loadProfile(*o);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            const RollupKey key = *by == "url" ? RollupKey::Url
                : *by == "package"             ? RollupKey::Package
                : *by == "category"            ? RollupKey::Category
                                               : RollupKey::Function;
            printDocument(report::rollupDocument(lp->profile(), lp->timing, { key, *top, *longNames }), o->format);
        });
    }
}

void registerCpuCommands(CLI::App& app, int& exitCode)
{
    auto* cpu = app.add_subcommand("cpu", "Analyse V8 CPU profiles (.cpuprofile, traces) and sampling heap profiles");
    cpu->require_subcommand(1);
    addCpuInfoCommands(cpu, exitCode);
    addCpuTreeCommands(cpu, exitCode);
    addCpuBlockingCommands(cpu, exitCode);
    addCheckCommand(app, exitCode);
}

} // namespace v8scope::cli
