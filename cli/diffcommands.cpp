// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// `v8scope diff` and `v8scope leaks`: option wiring over the diff engine (core/diff), the gate measurement
// (core/diff/gatemeasure) and the views (core/report/diffviews, gateviews); docs/diff.md.
#include "commands.h"
#include "heapload.h"
#include "output.h"

#include <diff/gatemeasure.h>
#include <diff/leakfinder.h>
#include <diff/snapshotdiff.h>
#include <report/diffviews.h>

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
    HeapLoadOptions load;
};

/// Parses every --fail-if; on the first malformed one prints the error and returns false.
bool parseGates(const std::vector<std::string>& texts, const GateMetrics& metrics, std::vector<Gate>& gates)
{
    for (const std::string& t : texts) {
        auto g = parseGate(t, metrics);
        if (!g) {
            printError(g.error().toString());
            return false;
        }
        gates.push_back(std::move(g.value()));
    }
    return true;
}

report::DiffViewOptions viewOptions(const DiffCommandOptions& o)
{
    report::DiffViewOptions v;
    v.top = o.top;
    v.byDominator = o.by == "dominator";
    v.minRetained = o.minRetained;
    return v;
}

bool human(const DiffCommandOptions& o)
{
    return o.human || (o.format == Format::Text && stdoutIsTty());
}

/// Prints the document; for formats other than text, the tripped gates again on stderr (what CI logs show whatever
/// the format; text lists them already). Returns the exit code.
int finish(const std::string& document, const std::vector<report::GateReport>& gates, Format format)
{
    std::fwrite(document.data(), 1, document.size(), stdout);
    if (format != Format::Text) {
        const std::string failures = report::gateFailures(gates);
        std::fwrite(failures.data(), 1, failures.size(), stderr);
    }
    return report::anyTripped(gates) ? kExitGateFailed : kExitOk;
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
    options.load = coreLoadOptions(o.load);
    TaskControl control;
    control.progress = &progress;
    auto result = diffSnapshots(o.files[0], o.files[1], options, control);
    progress.finish();
    if (!result) {
        printError(result.error().toString());
        return kExitBadInput;
    }
    const DiffResult& d = result.value();
    if (!d.byId && o.format != Format::Text && o.format != Format::Markdown)
        printError(fmt::format("note: the snapshots look like different processes (only {:.1f}% of {} shared ids "
                               "name the same object); compared per class name",
            d.process.agreement * 100, d.process.commonIds));
    report::WriteOptions write;
    write.human = human(o);
    const auto reports = report::diffGateReports(d, measureDiffGates(d, gates), write.human);
    return finish(report::diffReport(d, viewOptions(o), reports, o.format, write), reports, o.format);
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
    options.load = coreLoadOptions(o.load);
    TaskControl control;
    control.progress = &progress;
    auto result = findLeaks(o.files, options, control);
    progress.finish();
    if (!result) {
        printError(result.error().toString());
        return kExitBadInput;
    }
    const LeakResult& r = result.value();
    if (!r.sameProcess && o.format != Format::Text && o.format != Format::Markdown)
        printError("note: " + r.processNote + "; leak suspects need one process, only class growth is reported");
    report::WriteOptions write;
    write.human = human(o);
    const auto reports = report::leakGateReports(r, measureLeakGates(r, gates), write.human);
    return finish(report::leaksReport(r, viewOptions(o), reports, o.format, write), reports, o.format);
}

void addCommonOptions(CLI::App* cmd, DiffCommandOptions& o)
{
    cmd->add_option("--top", o.top, "Print only the first N rows of each table (default: every changed class)");
    addFormatOption(cmd, o.format,
        { Format::Text, Format::Json, Format::Tsv, Format::Csv, Format::Markdown, Format::JUnit },
        "Output format: text, json, tsv, csv, md (pull-request comment), junit (one test case per gate)");
    cmd->add_option("--fail-if", o.gates,
           "CI gate, repeatable: exit 1 when true, e.g. 'retained>+5MB', 'class:Session.count>+100', 'leaks>0' "
           "(see docs/diff.md)")
        ->allow_extra_args(false);
    cmd->add_option("--min-retained", o.minRetained,
           "Bytes a group of new objects (or a leak cluster) must retain to be reported and counted by 'leaks'")
        ->default_str("1000");
    cmd->add_flag("--human", o.human, "Human-readable sizes (12.3 MB) even when stdout is not a terminal");
    addMaxInputOption(cmd, o.load);
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
