// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "jsonout.h"
#include "table.h"

#include <cstdio>
#include <string>

namespace v8scope::report {

/// Output formats. JUnit writes a table whose rows are test cases: columns keyed `classname`, `name`, `status`
/// (PASS, FAIL or ERROR) and `message`; the suite name is the jsonMeta entry "suite".
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
    bool human = true; ///< text and Markdown: human byte sizes ("12.3 MB") instead of raw integers
};

/// Format names as the CLI spells them: text, tsv, csv, md, json, junit.
const char* formatName(Format format);

/// The text a writer prints for one cell (text format): what the viewer displays.
std::string displayText(const Table& table, size_t row, size_t column, const WriteOptions& options = {});

/// Writes the whole table in `format`; identical bytes for the CLI (stdout) and the viewer's exports.
std::string writeString(const Table& table, Format format, const WriteOptions& options = {});
void write(std::FILE* out, const Table& table, Format format, const WriteOptions& options = {});

/// The table's rows as a JSON array of objects (its JSON columns) inside a larger document a view writes itself
/// (`diff --format json` holds the Comparison rows under "classes").
void writeJsonRows(JsonOut& j, const Table& table);
/// The text TSV and CSV print for one cell: integers raw, doubles with the column's precision.
std::string dataText(const Table& table, size_t row, size_t column);

// Cell escaping, one function per format.
/// TSV: tabs and line breaks become spaces.
std::string tsvEscape(const std::string& s);
/// CSV (RFC 4180): a field holding a comma, quote or line break is quoted, quotes doubled.
std::string csvEscape(const std::string& s);
/// Markdown table cell: | and the emphasis/code/link characters \ * _ ` ~ [ ] are backslash-escaped (an underscore
/// inside a word, as in self_ms, cannot start emphasis and is left alone), < > & become HTML entities (class names
/// such as "Detached <div>"), line breaks become spaces.
std::string markdownEscape(const std::string& s);
/// XML attributes and text (JUnit): & < > " ' escaped; control characters other than tab and newline become spaces.
std::string xmlEscape(const std::string& s);

} // namespace v8scope::report
