// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "claimviews.h"

#include <fmt/format.h>

namespace v8scope::report {

const char* claimStatusText(ClaimOutcome::Status s)
{
    return s == ClaimOutcome::Status::Pass ? "PASS" : s == ClaimOutcome::Status::Fail ? "FAIL" : "ERROR";
}

Document claimResultsDocument(const std::vector<ClaimResult>& results, const std::string& ignoreList)
{
    size_t failed = 0, errors = 0;
    for (const ClaimResult& r : results) {
        failed += r.outcome.status == ClaimOutcome::Status::Fail;
        errors += r.outcome.status == ClaimOutcome::Status::Error;
    }
    const size_t passed = results.size() - failed - errors;
    Document d;
    Table& tb = d.table;
    tb = Table({
        { "status", "status", Unit::Text, "PASS, FAIL or ERROR (could not be evaluated)" },
        { "claim", "claim", Unit::Text, "The claim as written" },
        { "measured", "measured", Unit::Text, "What was measured, in words" },
        { "file", "file", Unit::Text, "The profile (or the heap snapshots) it was measured on" },
        { "measured", "measured", Unit::Number, "The measured number in the claim's unit (%, us, bytes, count)" },
        { "detail", "detail", Unit::Text, "What was measured, in words" },
    });
    tb.dataColumns = { 0, 1, 2, 3 };
    tb.displayColumns = { 0, 1, 2, 3 };
    tb.jsonColumns = { 3, 1, 0, 4, 5 };
    tb.jsonMeta = { { "passed", uint64_t(passed) }, { "failed", uint64_t(failed) }, { "errors", uint64_t(errors) } };
    tb.jsonRowsKey = "claims";
    tb.name = "v8scope check";
    std::string lastFile;
    for (const ClaimResult& r : results) {
        tb.addRow({ std::string(claimStatusText(r.outcome.status)), r.claim, r.outcome.measuredText, r.file,
            r.outcome.measured, r.outcome.measuredText });
        if (r.file != lastFile) {
            d.text += r.file + "\n";
            lastFile = r.file;
        }
        d.text
            += fmt::format("  {:<5} {}  ->  {}\n", claimStatusText(r.outcome.status), r.claim, r.outcome.measuredText);
    }
    d.text += fmt::format("{} passed, {} failed, {} errors{}\n", passed, failed, errors,
        ignoreList.empty() || ignoreList == "off" ? std::string() : "; ignore list " + ignoreList);
    return d;
}

} // namespace v8scope::report
