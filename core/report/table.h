// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
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
    Number, ///< any other number, printed as is
};

/// A typed cell. Empty = no value (printed as "" in TSV/CSV, null in JSON).
using Cell = std::variant<std::monostate, int64_t, uint64_t, double, std::string>;

struct Column
{
    std::string key; ///< stable: TSV header, JSON key, CSV header. Part of the documented contracts.
    std::string title; ///< text and Markdown header, the viewer's header
    Unit unit = Unit::Text;
    std::string help; ///< one line: header tooltip in the viewer, --help text
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

    /// Optional: a view may name what each row stands for (a node ordinal, a function index, a class index),
    /// so the viewer can select the evidence behind a row. Empty or one entry per row.
    std::vector<uint64_t> rowKeys;

private:
    std::vector<Column> m_columns;
    std::vector<Cell> m_cells;
};

} // namespace v8scope::report
