// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "output.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace v8scope::cli {

CLI::Option* addFormatOption(CLI::App* cmd, Format& format, const std::vector<Format>& offered, const std::string& help)
{
    std::string words;
    for (Format f : offered)
        words += (words.empty() ? "" : ",") + std::string(report::formatName(f));
    CLI::Validator names(
        [offered, words](std::string& value) -> std::string {
            std::string lower = value;
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            for (Format f : offered)
                if (lower == report::formatName(f)) {
                    value = std::to_string(int(f));
                    return {};
                }
            return "\"" + value + "\" is not one of " + words;
        },
        "{" + words + "}", "format");
    return cmd->add_option("--format", format, help)->type_name("FORMAT")->transform(names)->default_str("text");
}

bool stdoutIsTty()
{
    return ::isatty(1);
}

bool stderrIsTty()
{
    return ::isatty(2);
}

TerminalProgress::~TerminalProgress()
{
    finish();
}

void TerminalProgress::progress(std::string_view phase, uint64_t done, uint64_t total)
{
    if (!m_enabled || total == 0)
        return;
    const int permille = int(std::min<uint64_t>(1000, done * 1000 / total));
    const auto now = std::chrono::steady_clock::now();
    if (phase == m_phase && (permille == m_lastPermille || now - m_lastDraw < std::chrono::milliseconds(100)))
        return;
    m_phase = std::string(phase);
    m_lastPermille = permille;
    m_lastDraw = now;
    const int filled = permille * 30 / 1000;
    fmt::print(stderr, "\r{:<12} [{}{}] {:3d}%", m_phase, std::string(size_t(filled), '#'),
        std::string(size_t(30 - filled), ' '), permille / 10);
    std::fflush(stderr);
    m_drawn = true;
}

void TerminalProgress::finish()
{
    if (m_drawn) {
        fmt::print(stderr, "\r{}\r", std::string(52, ' '));
        std::fflush(stderr);
        m_drawn = false;
    }
}

bool wantProgress(const std::string& path)
{
    if (!stderrIsTty())
        return false;
    struct stat st
    {
    };
    if (path == "-" || ::stat(path.c_str(), &st) != 0)
        return true;
    return st.st_size > 50'000'000;
}

void printError(const std::string& message)
{
    fmt::print(stderr, "v8scope: {}\n", message);
}

} // namespace v8scope::cli
