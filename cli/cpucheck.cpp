// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "cpucommands.h"
#include "cpuload.h"
#include "heapload.h"
#include "output.h"

#include <claims/claimevaluator.h>
#include <claims/claimsfile.h>
#include <claims/heapclaims.h>
#include <common/inputstream.h>
#include <report/claimviews.h>

#include <fmt/format.h>

#include <memory>

namespace v8scope::cli {

namespace {

struct CheckOptions
{
    std::vector<std::string> files;
    std::vector<std::string> claims;
    std::string claimsFile;
    Format format = Format::Text;
    bool includeStartup = false;
    bool includeExit = false;
    std::string profile;
    HeapLoadOptions load; ///< heap claims' snapshots
    std::string ignoreList = "off";
    bool missingOk = false;
};

/// Reads a claims file (core/claims/claimsfile.h: {"claims": ["CLAIM", ...]} or one claim per line); errors as
/// "FILE: byte N: ...".
bool readClaimsFile(const std::string& path, std::vector<std::pair<std::string, std::string>>& out)
{
    auto texts = v8scope::readClaimsFile(path);
    if (!texts) {
        printError(texts.error().toString());
        return false;
    }
    for (ClaimText& t : texts.value())
        out.emplace_back(std::move(t.text), std::move(t.source));
    return true;
}

int runCheck(const CheckOptions& o)
{
    std::vector<std::pair<std::string, std::string>> texts; // claim, source
    for (size_t i = 0; i < o.claims.size(); ++i)
        texts.emplace_back(o.claims[i], "--claim " + std::to_string(i + 1));
    if (!o.claimsFile.empty() && !readClaimsFile(o.claimsFile, texts))
        return kExitBadInput;
    if (texts.empty()) {
        printError("check: no claims (give --claim 'CLAIM' or --claims FILE.json)");
        return kExitBadInput;
    }
    std::vector<Claim> claims;
    for (const auto& [text, source] : texts) {
        auto c = parseClaim(text, source);
        if (!c) {
            printError(c.error().toString());
            return kExitBadInput;
        }
        claims.push_back(std::move(c.value()));
    }
    const bool anyCpu = std::any_of(claims.begin(), claims.end(), [](const Claim& c) { return !c.isHeap(); });
    std::vector<report::ClaimResult> rows;
    SnapshotHeapClaims heapClaims(coreLoadOptions(o.load));
    HeapClaimProvider* heap = &heapClaims;
    if (anyCpu) {
        for (const std::string& file : o.files) {
            CpuCommonOptions co;
            co.file = file;
            co.profile = o.profile;
            co.ignoreList = o.ignoreList;
            auto lp = loadProfile(co);
            if (!lp)
                return kExitBadInput;
            BlockingOptions bo;
            bo.thresholdUs = 0;
            bo.excludeStartup = !o.includeStartup;
            bo.excludeExit = !o.includeExit;
            BlockingResult blocking;
            if (!lp->profile().isHeap()) {
                auto ignored = ignoredFunctions(lp->profile(), o.ignoreList);
                if (ignored)
                    bo.ignoredFunctions = std::move(ignored.value());
                blocking = findBlocking(lp->profile(), bo);
            }
            ClaimContext ctx { &lp->profile(), &lp->timing, &blocking, o.files };
            ctx.missingOk = o.missingOk;
            for (const Claim& c : claims)
                if (!c.isHeap())
                    rows.push_back({ file, c.text, evaluateClaim(c, ctx, heap) });
        }
    }
    for (const Claim& c : claims) {
        if (!c.isHeap())
            continue;
        ClaimContext ctx;
        ctx.files = o.files;
        std::string joined;
        for (const std::string& f : o.files)
            joined += (joined.empty() ? "" : " ") + f;
        rows.push_back({ joined, c.text, evaluateClaim(c, ctx, heap) });
    }
    printDocument(report::claimResultsDocument(rows, anyCpu ? o.ignoreList : "off"), o.format);
    bool failed = false;
    for (const report::ClaimResult& r : rows) {
        if (r.outcome.status == ClaimOutcome::Status::Error)
            return kExitBadInput;
        failed |= r.outcome.status == ClaimOutcome::Status::Fail;
    }
    return failed ? kExitGateFailed : kExitOk;
}

} // namespace

void addCheckCommand(CLI::App& app, int& exitCode)
{
    auto o = std::make_shared<CheckOptions>();
    auto* cmd
        = app.add_subcommand("check", "Verify profiling claims (CI gate): exit 0 all hold, 1 one fails, 2 bad input");
    cmd->add_option("FILE", o->files, "CPU profiles (and heap snapshots for heap claims)")->required();
    cmd->add_option("--claim", o->claims, "A claim, e.g. \"function 'parseJson' self < 5%\" (repeatable)");
    cmd->add_option("--claims", o->claimsFile,
        "A claims file: one claim per line (# comments), or JSON {\"claims\": [\"CLAIM\", ...]}");
    addFormatOption(cmd, o->format,
        { Format::Text, Format::Tsv, Format::Csv, Format::Markdown, Format::Json, Format::JUnit }, "Report format");
    cmd->add_flag("--include-startup", o->includeStartup, "Blocking claims also count the start-up stretch");
    cmd->add_flag("--include-exit", o->includeExit, "Blocking claims also count the exit stretch");
    cmd->add_option("--profile", o->profile, "Trace with several profiles: which one (pid:id)");
    addMaxInputOption(cmd, o->load); // heap claims' snapshots load as every heap command's do
    addIgnoreListOption(cmd, o->ignoreList);
    cmd->add_flag("--missing-ok", o->missingOk,
        "A function, url or package claim that matches nothing counts as 0 (default: an error, exit 2, naming the "
        "closest names)");
    cmd->callback([o, &exitCode] { exitCode = runCheck(*o); });
}

} // namespace v8scope::cli
