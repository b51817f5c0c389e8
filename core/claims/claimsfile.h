// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/error.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

/// One claim of a claims file and where it came from ("claims.json: claim 2", "claims.txt: line 3"): the
/// `source` parseClaim names in its errors.
struct ClaimText
{
    std::string text;
    std::string source;
};

/// Reads a claims file in either form (docs/claims.md):
/// - JSON `{"claims": ["CLAIM", ...]}` (what `v8scope check --claims` reads), recognised by a leading `{`;
/// - plain text, one claim per line; blank lines and lines starting with `#` are skipped, surrounding
///   whitespace is trimmed.
/// Errors are one line: "FILE: byte N: what was expected". The claims themselves are not parsed here. Files
/// over kMaxClaimsFileBytes (after gzip) are refused.
Result<std::vector<ClaimText>> readClaimsFile(const std::string& path);
inline constexpr uint64_t kMaxClaimsFileBytes = uint64_t(16) << 20;
/// The same on text already read (`path` only names the source in errors and sources).
Result<std::vector<ClaimText>> parseClaimsText(std::string_view text, const std::string& path);

} // namespace v8scope
