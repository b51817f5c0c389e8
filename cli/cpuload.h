// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "output.h"

#include <cpu/profilereader.h>
#include <cpu/timing.h>

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace v8scope::cli {

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
void addCpuCommonOptions(CLI::App* cmd, CpuCommonOptions& o, bool formats = true);

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

/// "perf", "profile" or "hitcount".
const char* modelName(TimingModel m);
/// "123.456" (3 decimals) for ms, or the integer for bytes and hits.
std::string formatWeight(const Timing& t, int64_t units);
/// Name of the weight columns: "ms" or "bytes".
const char* weightUnitName(const Timing& t);
/// Weight units as ms (or bytes) for JSON numbers.
double weightValue(const Timing& t, int64_t units);
std::string percent(int64_t part, int64_t whole);
/// "name url:line" with the 1-based line DevTools shows, or just the name for frames without a URL.
std::string functionLabel(const FunctionInfo& f);
/// JSON string literal with escapes.
std::string jsonString(std::string_view s);
/// A duration such as "50ms", "0.2s", "500us" or "50" (ms) in µs; false when malformed.
bool parseDurationUs(const std::string& text, int64_t& us);

} // namespace v8scope::cli
