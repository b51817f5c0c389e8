// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// `v8scope diff` and `v8scope leaks`: the diff engine (core/diff) with CI gates and reports (docs/diff.md).
#include "commands.h"
#include "diffreport.h"
#include "output.h"

#include <diff/leakfinder.h>
#include <diff/snapshotdiff.h>

#include <fmt/format.h>

namespace v8scope::cli {

namespace {
struct DiffCommandOptions
{
    std::vector<std::string> files;
    size_t top = 0;
    std::string by = "class";
    Format format = Format::Text;
    std::vector<std::string> gates;
    uint64_t minRetained = 1000;
    bool human = false;
    bool noFilter = false; ///< leaks: report runtime internals created once too
};

TaskControl progressControl(TerminalProgress& progress)
{
    TaskControl control;
    control.progress = &progress;
    return control;
}

DiffReportOptions reportOptions(const DiffCommandOptions& o)
{
    DiffReportOptions r;
    r.top = o.top;
    r.byDominator = o.by == "dominator";
    r.format = o.format;
    r.human = o.human || (o.format == Format::Text && stdoutIsTty());
    r.minRetained = o.minRetained;
    return r;
}

int runDiff(const DiffCommandOptions& o)
{
    std::vector<Gate> gates;
    if (!parseGates(o.gates, diffGateMetrics(), gates))
        return kExitBadInput;
    TerminalProgress progress(wantProgress(o.files[0]) || wantProgress(o.files[1]));
    DiffOptions options;
    options.minSuspectRetained = o.minRetained;
    options.pathGroups = o.top ? std::max<size_t>(o.top, 1) : 5;
    auto result = diffSnapshots(o.files[0], o.files[1], options, progressControl(progress));
    progress.finish();
    if (!result) {
        printError(result.error().toString());
        return kExitBadInput;
    }
    const DiffResult& d = result.value();
    const DiffReportOptions report = reportOptions(o);
    if (!d.byId && o.format != Format::Text && o.format != Format::Markdown)
        printError(fmt::format("note: the snapshots look like different processes (only {:.1f}% of {} shared ids "
                               "name the same object); compared per class name",
            d.process.agreement * 100, d.process.commonIds));
    const std::vector<GateReport> reports = evaluateDiffGates(d, gates, report.human);
    printDiff(d, report, reports);
    if (o.format != Format::Text)
        printGateFailures(reports); // text reports list them already; other formats keep stdout machine-readable
    return anyTripped(reports) ? kExitGateFailed : kExitOk;
}

int runLeaks(const DiffCommandOptions& o)
{
    std::vector<Gate> gates;
    if (!parseGates(o.gates, leakGateMetrics(), gates))
        return kExitBadInput;
    if (o.files.size() < 3) {
        printError(fmt::format(
            "leaks needs at least 3 snapshots of one process (baseline, target, final), got {}", o.files.size()));
        return kExitBadInput;
    }
    bool big = false;
    for (const std::string& f : o.files)
        big = big || wantProgress(f);
    TerminalProgress progress(big);
    LeakOptions options;
    options.minClusterRetained = o.minRetained;
    options.pathClusters = o.top ? std::max<size_t>(o.top, 1) : 5;
    options.filterRuntimeInternals = !o.noFilter;
    auto result = findLeaks(o.files, options, progressControl(progress));
    progress.finish();
    if (!result) {
        printError(result.error().toString());
        return kExitBadInput;
    }
    const LeakResult& r = result.value();
    if (!r.sameProcess && o.format != Format::Text && o.format != Format::Markdown)
        printError("note: " + r.processNote + "; leak suspects need one process, only class growth is reported");
    const DiffReportOptions report = reportOptions(o);
    const std::vector<GateReport> reports = evaluateLeakGates(r, gates, report.human);
    printLeaks(r, report, reports);
    if (o.format != Format::Text)
        printGateFailures(reports);
    return anyTripped(reports) ? kExitGateFailed : kExitOk;
}

void addCommonOptions(CLI::App* cmd, DiffCommandOptions& o)
{
    cmd->add_option("--top", o.top, "Print only the first N rows of each table (default: every changed class)");
    cmd->add_option("--format", o.format,
           "Output format: text, json, tsv, md (pull-request comment), junit (one "
           "test case per gate)")
        ->transform(CLI::CheckedTransformer(formatNames(true), CLI::ignore_case))
        ->default_str("text");
    cmd->add_option("--fail-if", o.gates,
           "CI gate, repeatable: exit 1 when true, e.g. 'retained>+5MB', 'class:Session.count>+100', 'leaks>0' "
           "(see docs/diff.md)")
        ->allow_extra_args(false);
    cmd->add_option("--min-retained", o.minRetained,
           "Bytes a group of new objects (or a leak cluster) must retain to be reported and counted by 'leaks'")
        ->default_str("1000");
    cmd->add_flag("--human", o.human, "Human-readable sizes (12.3 MB) even when stdout is not a terminal");
}
} // namespace

void registerDiffCommands(CLI::App& app, int& exitCode)
{
    {
        auto o = std::make_shared<DiffCommandOptions>();
        auto* cmd = app.add_subcommand("diff",
            "Compare two snapshots: DevTools' Comparison by object id, retained growth per class, new objects still "
            "alive with their retaining paths; CI gates");
        cmd->add_option("BASE HEAD", o->files, "The older snapshot, then the newer one (plain or gzip)")
            ->required()
            ->expected(2);
        cmd->add_option("--by", o->by, "Group new objects by class or by the object that keeps them (dominator)")
            ->check(CLI::IsMember({ "class", "dominator" }))
            ->default_str("class");
        addCommonOptions(cmd, *o);
        cmd->callback([o, &exitCode] { exitCode = runDiff(*o); });
    }
    {
        auto o = std::make_shared<DiffCommandOptions>();
        auto* cmd = app.add_subcommand("leaks",
            "Leak suspects over 3+ snapshots of one process (memlab's baseline/target/final) and classes growing in "
            "every step; CI gates");
        cmd->add_option("SNAPSHOTS", o->files, "Snapshots oldest first: baseline, target, ..., final")
            ->required()
            ->expected(1, -1);
        cmd->add_flag("--no-filter", o->noFilter,
            "Also report clusters that Node.js' own code created once (lazily built module values such as the "
            "console's utilColors); by default they are listed as filtered and not counted");
        addCommonOptions(cmd, *o);
        cmd->callback([o, &exitCode] { exitCode = runLeaks(*o); });
    }
}

} // namespace v8scope::cli
