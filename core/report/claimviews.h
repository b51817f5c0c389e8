// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "document.h"

#include <claims/claimevaluator.h>

#include <string>
#include <vector>

namespace v8scope::report {

/// One evaluated claim on one input (a profile, or the heap snapshots a heap claim compares).
struct ClaimResult
{
    std::string file;
    std::string claim; ///< as written
    ClaimOutcome outcome;
};

/// "PASS", "FAIL", "ERROR".
const char* claimStatusText(ClaimOutcome::Status status);

/// `check`: one row per claim and input.
///  - text: the inputs, each with its claims ("  FAIL  CLAIM  ->  measured"), then "N passed, N failed, N errors"
///    (and the ignore list when one was on)
///  - TSV / CSV / Markdown: status claim measured file (measured is the text)
///  - JSON: {"passed", "failed", "errors", "claims": [{"file", "claim", "status", "measured", "detail"}]}
///    (measured is the number in the claim's unit, detail the text)
///  - JUnit: suite "v8scope check", a test case per row (classname = file, name = claim)
Document claimResultsDocument(const std::vector<ClaimResult>& results, const std::string& ignoreList = "off");

} // namespace v8scope::report
