// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "table.h"

#include <cstdio>
#include <string>

namespace v8scope::report {

enum class Format
{
    Text,
    Tsv,
    Csv,
    Markdown,
    Json,
    JUnit,
};

struct WriteOptions
{
    bool human = true; ///< text only: human byte sizes ("12.3 MB") instead of raw integers
};

/// The text a writer prints for one cell (text format): what the viewer displays.
std::string displayText(const Table& table, size_t row, size_t column, const WriteOptions& options = {});

/// Writes the whole table in `format`; identical bytes for the CLI (stdout) and the viewer's exports.
std::string writeString(const Table& table, Format format, const WriteOptions& options = {});
void write(std::FILE* out, const Table& table, Format format, const WriteOptions& options = {});

} // namespace v8scope::report
