// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpuload.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace v8scope::cli {

namespace {

bool parseMs(const std::string& s, double& out)
{
    if (s.empty())
        return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end && *end == '\0' && std::isfinite(out);
}

} // namespace

void addCpuFileOption(CLI::App* cmd, std::string& file, const char* name)
{
    cmd->add_option(name, file, "CPU profile (.cpuprofile, trace .json, .heapprofile; gzip ok; - for stdin)")
        ->required();
}

void addIgnoreListOption(CLI::App* cmd, std::string& ignoreList)
{
    cmd->add_option("--ignore-list", ignoreList,
        "DevTools' ignore list: off (default), default (/node_modules/|^node: on the URL, as the Performance panel "
        "with \"Enable ignore listing\" on) or a regular expression on the script URL");
}

void addLongNamesFlag(CLI::App* cmd, bool& longNames)
{
    cmd->add_flag("--long-names", longNames, "Text: full script URLs instead of file.js:line");
}

void addCpuCommonOptions(CLI::App* cmd, CpuCommonOptions& o, const std::vector<Format>& formats)
{
    addCpuFileOption(cmd, o.file);
    if (!formats.empty())
        addFormatOption(cmd, o.format, formats);
    cmd->add_option("--range", o.range, "Only the time range START,END (ms from the profile start)");
    cmd->add_option("--model", o.model,
           "perf: DevTools Performance panel times (default; for a trace, its events merged with the samples); "
           "profile: the samples alone; hitcount: the old JavaScript Profiler arithmetic")
        ->check(CLI::IsMember({ "perf", "profile", "hitcount" }));
    cmd->add_option("--profile", o.profile, "Trace with several profiles: which one (pid:id, see `cpu info`)");
    addIgnoreListOption(cmd, o.ignoreList);
}

std::optional<LoadedProfile> loadProfile(const CpuCommonOptions& o)
{
    ProfileReadOptions ro;
    ro.profile = o.profile;
    TerminalProgress progress(wantProgress(o.file));
    ro.input.control.progress = &progress;
    auto read = ProfileReader::read(o.file, ro);
    progress.finish();
    if (!read) {
        printError(read.error().toString());
        return std::nullopt;
    }
    if (read.value().ambiguous)
        fmt::print(stderr, "v8scope: note: {} has {} profiles; using {} (choose with --profile)\n", o.file,
            read.value().available.size(), read.value().chosenKey);
    TimingOptions to;
    to.model = o.model == "hitcount" ? TimingModel::HitCount
        : o.model == "profile"       ? TimingModel::Profile
                                     : TimingModel::Perf;
    if (!o.range.empty()) {
        const size_t comma = o.range.find(',');
        double a = 0, b = 0;
        if (comma == std::string::npos || !parseMs(o.range.substr(0, comma), a)
            || !parseMs(o.range.substr(comma + 1), b)) {
            printError("--range: expected START,END in ms (e.g. 100,2500), found \"" + o.range + "\"");
            return std::nullopt;
        }
        to.range = std::make_pair(std::llround(a * 1000), std::llround(b * 1000));
    }
    to.ignoreList = o.ignoreList;
    if (o.ignoreList != "off")
        fmt::print(stderr, "v8scope: note: ignore list {} ({})\n", o.ignoreList,
            o.ignoreList == "default" ? std::string(kDefaultIgnoreList) : "frames whose URL matches");
    auto timing = computeTiming(*read.value().profile, to);
    if (!timing) {
        printError(timing.error().toString());
        return std::nullopt;
    }
    return LoadedProfile { std::move(read.value()), std::move(timing.value()) };
}

bool parseDurationUs(const std::string& text, int64_t& us)
{
    std::string num = text;
    double scale = 1000; // ms by default
    auto strip = [&](const char* suffix, double s) {
        const std::string sfx(suffix);
        if (num.size() > sfx.size() && num.compare(num.size() - sfx.size(), sfx.size(), sfx) == 0) {
            num.resize(num.size() - sfx.size());
            scale = s;
            return true;
        }
        return false;
    };
    strip("ms", 1000) || strip("us", 1) || strip("s", 1e6);
    double v = 0;
    if (!parseMs(num, v) || v < 0)
        return false;
    us = std::llround(v * scale);
    return true;
}

void printDocument(const report::Document& document, Format format)
{
    report::writeDocument(stdout, document, format);
}

} // namespace v8scope::cli
