// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <report/document.h>
#include <report/table.h>
#include <report/writers.h>

#include <QAbstractTableModel>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace v8scope::gui {

/// A flat table model over a core/report view (hotspot's hashmodel shape): the columns the text writer shows
/// (Table::displayColumns), Display = the text writer's cell (report::displayText, human sizes), SortRole = the
/// raw cell (numbers sort as numbers), header ToolTip = the column's help, numbers right-aligned. The table is
/// immutable and shared; nothing is stored per row. Export writes the whole table through report::writeString:
/// the bytes the CLI prints for the same view and format.
class TableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles
    {
        SortRole = Qt::UserRole, ///< the raw cell: qlonglong, qulonglong, double or QString (empty: invalid)
        RowKeyRole = Qt::UserRole + 64, ///< qulonglong: Table::rowKeys[row] (what the row stands for), if any
    };

    explicit TableModel(QObject* parent = nullptr);
    void setTable(std::shared_ptr<const report::Table> table);
    const std::shared_ptr<const report::Table>& table() const
    {
        return m_table;
    }
    /// Table::rowKeys[row], or UINT64_MAX when the view names none.
    quint64 rowKey(int row) const;
    /// The model column of the table column with `key` (display columns only), or -1.
    int columnOf(const std::string& key) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const report::Table> m_table;
    std::vector<size_t> m_columns; ///< display columns, as indexes into the table's columns
};

/// The export formats, with their file suffix: csv, tsv, json, md (what `--format` names).
struct ExportFormat
{
    report::Format format;
    const char* suffix;
    const char* title; ///< "CSV (comma-separated)"
};
const std::vector<ExportFormat>& exportFormats();
/// The format a file name asks for by its suffix (csv, tsv, json, md, txt), or nothing.
std::optional<report::Format> exportFormatForPath(const QString& path);

/// Writes `table` to `path` in `format`, as the CLI writes it (raw numbers, no --human); returns "" or an error
/// line ("PATH: what went wrong").
QString exportTable(const report::Table& table, report::Format format, const QString& path);
/// Writes `bytes` to `path`; returns "" or an error line ("PATH: what went wrong").
QString writeExportFile(const std::string& bytes, const QString& path);
/// The same for a whole view document (a table with the preamble, text layout and JSON the CLI prints for it).
QString exportDocument(const report::Document& document, report::Format format, const QString& path);

} // namespace v8scope::gui
