// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

/// The view layer's one table type: the CLI writes it in every format, the viewer's TableModel shows it
/// (Display = the text writer's cell, SortRole = the raw cell) and exports it byte-identical to the CLI.
namespace v8scope::report {

/// What a column's numbers mean; the writer formats from it (text: "12.3 MB", TSV/CSV/JSON: raw integers).
enum class Unit
{
    Text, ///< a string (class name, function label, URL)
    Count, ///< an unsigned count: "1,234" in text
    SignedCount, ///< a count delta: "+12" / "-3"
    Bytes, ///< bytes: raw in TSV/JSON, human in text when WriteOptions::human
    SignedBytes, ///< a byte delta
    Ms, ///< milliseconds (double)
    SignedMs, ///< a millisecond delta
    Percent, ///< a percentage 0..100 (double), "12.3" in text
    Id, ///< a node id, function id or ordinal: never grouped ("@123" only where the view asks)
    Number, ///< any other number, printed as is (integers ungrouped, doubles with the column's precision)
    Distance, ///< a DevTools distance (int64): "-" in text for unreachable and system-only nodes, raw elsewhere
};

/// Whether a unit's cells are numbers: right-aligned in text, "---:" in Markdown.
inline bool isNumeric(Unit unit)
{
    return unit != Unit::Text;
}

/// A typed cell. Empty = no value (printed as "" in TSV/CSV, null in JSON).
using Cell = std::variant<std::monostate, int64_t, uint64_t, double, std::string>;

struct Column
{
    std::string key; ///< stable: TSV header, JSON key, CSV header. Part of the documented contracts.
    std::string title; ///< text and Markdown header, the viewer's header
    Unit unit = Unit::Text;
    std::string help; ///< one line: header tooltip in the viewer, --help text
    /// Digits after the point for double cells in text, TSV and CSV (-1: the unit's default: Ms 3, Percent 1,
    /// others the shortest exact form). Integers are never affected.
    int precision = -1;
    /// JSON writes double cells as text shows them (fixed `precision` digits, "12.30") instead of the shortest
    /// exact form ("12.3"); for contracts that were written that way.
    bool fixedJson = false;
};

/// Rows of typed cells, row-major in one flat vector (no allocation per row beyond string cells).
class Table
{
public:
    Table() = default;
    explicit Table(std::vector<Column> columns)
        : m_columns(std::move(columns))
    {
    }

    const std::vector<Column>& columns() const
    {
        return m_columns;
    }
    size_t columnCount() const
    {
        return m_columns.size();
    }
    size_t rowCount() const
    {
        return m_columns.empty() ? 0 : m_cells.size() / m_columns.size();
    }
    /// Appends a row; `cells` must have columnCount() entries.
    void addRow(std::vector<Cell> cells)
    {
        cells.resize(m_columns.size());
        for (auto& c : cells)
            m_cells.push_back(std::move(c));
    }
    const Cell& cell(size_t row, size_t column) const
    {
        return m_cells[row * m_columns.size() + column];
    }
    /// Index of the column with `key`, or columnCount() when there is none.
    size_t columnIndex(const std::string& key) const
    {
        for (size_t i = 0; i < m_columns.size(); ++i)
            if (m_columns[i].key == key)
                return i;
        return m_columns.size();
    }

    /// Which columns each kind of writer shows, in which order, as indexes into columns(); empty = all in order.
    /// A view whose people-facing table differs from its documented machine contract (the Summary: text has
    /// percentages, TSV has none, JSON adds the class key) says so here instead of building three tables.
    std::vector<size_t> displayColumns; ///< text, Markdown, the viewer
    std::vector<size_t> dataColumns; ///< TSV, CSV (and JSON when jsonColumns is empty)
    std::vector<size_t> jsonColumns; ///< JSON object keys per row
    /// The columns a writer shows, resolved (never empty when the table has columns).
    std::vector<size_t> columnsFor(bool display, bool json = false) const
    {
        const std::vector<size_t>& chosen
            = display ? displayColumns : (json && !jsonColumns.empty() ? jsonColumns : dataColumns);
        if (!chosen.empty())
            return chosen;
        std::vector<size_t> all(m_columns.size());
        for (size_t i = 0; i < all.size(); ++i)
            all[i] = i;
        return all;
    }

    /// What the table is, for people: the JUnit suite name ("v8scope check"), a default export file name.
    std::string name;

    /// JSON only: fields written before the rows, and the key of the rows array. With neither, the JSON document
    /// is a bare array of row objects.
    std::vector<std::pair<std::string, Cell>> jsonMeta;
    std::string jsonRowsKey;

    /// Optional: a view may name what each row stands for (a node ordinal, a function index, a class index),
    /// so the viewer can select the evidence behind a row. Empty or one entry per row.
    std::vector<uint64_t> rowKeys;

private:
    std::vector<Column> m_columns;
    std::vector<Cell> m_cells;
};

} // namespace v8scope::report
