// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "output.h"

#include <cpu/profilereader.h>
#include <cpu/timing.h>
#include <report/document.h>

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace v8scope::cli {

/// The formats every CPU table command offers.
inline const std::vector<Format> kCpuTableFormats { Format::Text, Format::Tsv, Format::Csv, Format::Markdown,
    Format::Json };

/// Options every `cpu` subcommand that reads one profile shares.
struct CpuCommonOptions
{
    std::string file;
    Format format = Format::Text;
    std::string range; ///< "START,END" in ms from the profile start
    std::string model = "perf";
    std::string profile; ///< trace: which profile
    std::string ignoreList = "off"; ///< off, default or a regular expression on the URL
};

void addCpuFileOption(CLI::App* cmd, std::string& file, const char* name = "FILE");
/// FILE, --range, --model, --profile, --ignore-list and (unless `formats` is empty) --format.
void addCpuCommonOptions(CLI::App* cmd, CpuCommonOptions& o, const std::vector<Format>& formats = kCpuTableFormats);
/// --ignore-list alone (check).
void addIgnoreListOption(CLI::App* cmd, std::string& ignoreList);
/// --long-names: text tables show full URLs instead of file.js:line.
void addLongNamesFlag(CLI::App* cmd, bool& longNames);

struct LoadedProfile
{
    ProfileReadResult read;
    Timing timing;
    const CpuProfile& profile() const
    {
        return *read.profile;
    }
};

/// Reads the profile and computes its timing; on failure prints the one-line error and returns nullopt (the
/// caller exits with kExitBadInput).
std::optional<LoadedProfile> loadProfile(const CpuCommonOptions& o);

/// A duration such as "50ms", "0.2s", "500us" or "50" (ms) in µs; false when malformed.
bool parseDurationUs(const std::string& text, int64_t& us);

/// Writes a view's document to stdout in `format`.
void printDocument(const report::Document& document, Format format);

} // namespace v8scope::cli
