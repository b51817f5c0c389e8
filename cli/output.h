// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/progress.h>
#include <report/format.h>
#include <report/jsonout.h>
#include <report/writers.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace v8scope::cli {

/// The output formats are the view layer's (core/report/writers.h).
using report::Format;
using report::JsonOut;
// The one set of number formatters (core/report/format.h) and cell escapes (core/report/writers.h).
using report::groupedCount;
using report::humanSize;
using report::xmlEscape;

/// Adds `--format` with the plain words of `offered` in --help ("FORMAT:{text,tsv,csv,md,json} [text]") and a
/// one-line error naming them for anything else (case-insensitive), instead of CLI11's enum mapping text.
CLI::Option* addFormatOption(
    CLI::App* cmd, Format& format, const std::vector<Format>& offered, const std::string& help = "Output format");

bool stdoutIsTty();
bool stderrIsTty();

/// A progress bar on stderr, drawn only when stderr is a terminal and the input is big enough to be worth it.
class TerminalProgress final : public ProgressSink
{
public:
    explicit TerminalProgress(bool enabled)
        : m_enabled(enabled)
    {
    }
    ~TerminalProgress() override;
    void progress(std::string_view phase, uint64_t done, uint64_t total) override;
    void finish();

private:
    bool m_enabled;
    bool m_drawn = false;
    std::string m_phase;
    int m_lastPermille = -1;
    std::chrono::steady_clock::time_point m_lastDraw {};
};

/// Whether a file is big enough (> 50 MB) for a progress bar, and stderr is a terminal.
bool wantProgress(const std::string& path);

/// Prints "v8scope: <message>" on stderr.
void printError(const std::string& message);

} // namespace v8scope::cli
