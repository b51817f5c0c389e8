// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "table.h"
#include "writers.h"

#include <cstdio>
#include <string>
#include <vector>

namespace v8scope::report {

/// A whole report as one command prints it, in every format: a Table plus what a flat table cannot say. The CLI
/// writes it to stdout and the viewer exports it, so both give the same bytes.
struct Document
{
    Table table; ///< the rows: TSV, CSV, Markdown, JUnit, JSON (unless `json` is set), text (unless overridden)
    std::string preamble; ///< text only: "# ..." lines printed before the table (what the percentages are of)
    Table textTable; ///< text only, when it has columns: a people-first layout of the same rows
    std::string text; ///< text only, when not empty: the whole text report (replaces preamble and tables)
    std::string json; ///< when not empty: the JSON document (nested documents that are not one flat table)
    /// Text and Markdown only: further tables printed after the main one, each after an empty line.
    std::vector<Table> moreTables;
};

/// The document in `format`.
inline std::string writeDocument(const Document& d, Format format, const WriteOptions& options = {})
{
    if (format == Format::Json && !d.json.empty())
        return d.json;
    std::string out;
    if (format != Format::Text)
        out = writeString(d.table, format, options);
    else if (!d.text.empty())
        return d.text;
    else
        out = d.preamble + writeString(d.textTable.columnCount() ? d.textTable : d.table, format, options);
    if (format == Format::Text || format == Format::Markdown)
        for (const Table& t : d.moreTables)
            out += "\n" + writeString(t, format, options);
    return out;
}

inline void writeDocument(std::FILE* out, const Document& d, Format format, const WriteOptions& options = {})
{
    const std::string s = writeDocument(d, format, options);
    std::fwrite(s.data(), 1, s.size(), out);
}

} // namespace v8scope::report
