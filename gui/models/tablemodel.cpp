// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "tablemodel.h"

#include <QFile>
#include <QFileInfo>

namespace v8scope::gui {

TableModel::TableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TableModel::setTable(std::shared_ptr<const report::Table> table)
{
    beginResetModel();
    m_table = std::move(table);
    m_columns = m_table ? m_table->columnsFor(true) : std::vector<size_t> {};
    endResetModel();
}

quint64 TableModel::rowKey(int row) const
{
    if (!m_table || row < 0 || size_t(row) >= m_table->rowKeys.size())
        return UINT64_MAX;
    return m_table->rowKeys[size_t(row)];
}

int TableModel::columnOf(const std::string& key) const
{
    for (size_t c = 0; m_table && c < m_columns.size(); ++c)
        if (m_table->columns()[m_columns[c]].key == key)
            return int(c);
    return -1;
}

int TableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_table ? 0 : int(m_table->rowCount());
}

int TableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant TableModel::data(const QModelIndex& index, int role) const
{
    if (!m_table || !index.isValid() || index.column() >= int(m_columns.size()))
        return {};
    const size_t row = size_t(index.row());
    const size_t column = m_columns[size_t(index.column())];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(report::displayText(*m_table, row, column));
    case SortRole: {
        const report::Cell& cell = m_table->cell(row, column);
        if (const auto* v = std::get_if<int64_t>(&cell))
            return qlonglong(*v);
        if (const auto* v = std::get_if<uint64_t>(&cell))
            return qulonglong(*v);
        if (const auto* v = std::get_if<double>(&cell))
            return *v;
        if (const auto* v = std::get_if<std::string>(&cell))
            return QString::fromStdString(*v);
        return {};
    }
    case RowKeyRole:
        return rowKey(index.row());
    case Qt::TextAlignmentRole:
        return report::isNumeric(m_table->columns()[column].unit) ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                                  : int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_table || orientation != Qt::Horizontal || section < 0 || section >= int(m_columns.size()))
        return {};
    const report::Column& c = m_table->columns()[m_columns[size_t(section)]];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(c.title);
    case Qt::ToolTipRole:
        return QString::fromStdString(c.help);
    case Qt::TextAlignmentRole:
        return report::isNumeric(c.unit) ? int(Qt::AlignRight | Qt::AlignVCenter)
                                         : int(Qt::AlignLeft | Qt::AlignVCenter);
    }
    return {};
}

const std::vector<ExportFormat>& exportFormats()
{
    static const std::vector<ExportFormat> formats {
        { report::Format::Csv, "csv", "CSV (comma-separated)" },
        { report::Format::Tsv, "tsv", "TSV (tab-separated)" },
        { report::Format::Json, "json", "JSON" },
        { report::Format::Markdown, "md", "Markdown" },
        { report::Format::Text, "txt", "Text (aligned columns)" },
    };
    return formats;
}

std::optional<report::Format> exportFormatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (const ExportFormat& f : exportFormats())
        if (suffix == QLatin1String(f.suffix))
            return f.format;
    return std::nullopt;
}

QString writeExportFile(const std::string& bytes, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    if (file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

QString exportTable(const report::Table& table, report::Format format, const QString& path)
{
    report::WriteOptions options;
    options.human = false; // as the CLI writes to a file or pipe (no --human)
    return writeExportFile(report::writeString(table, format, options), path);
}

QString exportDocument(const report::Document& document, report::Format format, const QString& path)
{
    report::WriteOptions options;
    options.human = false;
    return writeExportFile(report::writeDocument(document, format, options), path);
}

} // namespace v8scope::gui
