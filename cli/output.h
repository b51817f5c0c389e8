// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/progress.h>

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

enum class Format
{
    Text,
    Json,
    Tsv,
    Md,
    Junit,
};

/// Name -> Format for CLI11's CheckedTransformer; each command offers the subset it supports.
std::map<std::string, Format> formatNames(bool withJunit);

bool stdoutIsTty();
bool stderrIsTty();

/// "12.3 MB" style (decimal units, as DevTools shows them).
std::string humanSize(double bytes);
/// Thousands separators for counts in text tables: 1,234,567.
std::string groupedCount(uint64_t n);

/// A table printed as aligned text, TSV or a Markdown table. Cells are preformatted strings; columns flagged
/// numeric are right-aligned in text.
class Table
{
public:
    struct Column
    {
        std::string name;
        bool numeric = false;
    };
    explicit Table(std::vector<Column> columns)
        : m_columns(std::move(columns))
    {
    }
    void addRow(std::vector<std::string> cells)
    {
        m_rows.push_back(std::move(cells));
    }
    size_t rowCount() const
    {
        return m_rows.size();
    }
    void print(std::FILE* out, Format format) const;

private:
    std::vector<Column> m_columns;
    std::vector<std::vector<std::string>> m_rows;
};

/// Escapes a cell for TSV (tabs and newlines become spaces) or Markdown (pipes are escaped).
std::string tsvCell(const std::string& s);
std::string mdCell(const std::string& s);
/// Text for XML attributes and elements (JUnit reports): & < > " ' escaped, control characters but tab and newline
/// become spaces (XML 1.0 cannot hold them).
std::string xmlEscape(const std::string& s);

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
