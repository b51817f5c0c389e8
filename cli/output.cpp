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

namespace {
/// UTF-8 aware display width: counts code points, not bytes (good enough for aligned tables).
size_t displayWidth(const std::string& s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}
} // namespace

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

std::string tsvCell(const std::string& s)
{
    return report::tsvEscape(s);
}

std::string mdCell(const std::string& s)
{
    std::string r;
    r.reserve(s.size());
    for (char c : s) {
        if (c == '|')
            r += "\\|";
        else if (c == '\n' || c == '\r')
            r += ' ';
        else
            r += c;
    }
    return r;
}

void Table::print(std::FILE* out, Format format) const
{
    const size_t nc = m_columns.size();
    if (format == Format::Tsv) {
        for (size_t c = 0; c < nc; ++c)
            fmt::print(out, "{}{}", c ? "\t" : "", m_columns[c].name);
        fmt::print(out, "\n");
        for (const auto& row : m_rows) {
            for (size_t c = 0; c < nc; ++c)
                fmt::print(out, "{}{}", c ? "\t" : "", c < row.size() ? tsvCell(row[c]) : std::string());
            fmt::print(out, "\n");
        }
        return;
    }
    if (format == Format::Markdown) {
        std::string header = "|", rule = "|";
        for (const auto& col : m_columns) {
            header += " " + report::markdownEscape(col.name) + " |";
            rule += col.numeric ? " ---: |" : " --- |";
        }
        fmt::print(out, "{}\n{}\n", header, rule);
        for (const auto& row : m_rows) {
            std::string line = "|";
            for (size_t c = 0; c < nc; ++c)
                line += " " + report::markdownEscape(c < row.size() ? row[c] : std::string()) + " |";
            fmt::print(out, "{}\n", line);
        }
        return;
    }
    // Aligned text. Long text cells are not truncated: the last column takes what it needs.
    std::vector<size_t> width(nc, 0);
    for (size_t c = 0; c < nc; ++c)
        width[c] = displayWidth(m_columns[c].name);
    for (const auto& row : m_rows)
        for (size_t c = 0; c < nc && c < row.size(); ++c)
            width[c] = std::max(width[c], displayWidth(row[c]));
    auto emit = [&](const std::vector<std::string>& cells, bool header) {
        std::string line;
        for (size_t c = 0; c < nc; ++c) {
            const std::string& cell = c < cells.size() ? cells[c] : std::string();
            const size_t pad = width[c] - std::min(width[c], displayWidth(cell));
            if (c)
                line += "  ";
            if (m_columns[c].numeric && !header) {
                line.append(pad, ' ');
                line += cell;
            } else {
                line += cell;
                if (c + 1 < nc)
                    line.append(pad, ' ');
            }
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        fmt::print(out, "{}\n", line);
    };
    std::vector<std::string> names;
    for (const auto& col : m_columns)
        names.push_back(col.name);
    emit(names, true);
    for (const auto& row : m_rows)
        emit(row, false);
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
