// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QModelIndex>
#include <QString>

#include <functional>
#include <string>

class QLineEdit;

namespace v8scope::report {
class Table;
struct Document;
enum class Format;
} // namespace v8scope::report
class QChart;
class QMenu;
class QPalette;
class QTreeView;
class QWidget;

namespace v8scope::gui {

/// Shared set-up for every page's tree or table (hotspot's resultsutil): written once, used by each page.
namespace pageutil {

/// Uniform rows, sorting on click, alternating rows, single-row selection, the first column stretching, the
/// cost bar delegate on every column (it draws bars where the model answers ShareRole), and number columns
/// sized from `sample` (the widest text a number column is expected to show).
void setupTreeView(QTreeView* view, const QString& sample = QStringLiteral("888.8 MB"));

/// A filter line with a placeholder and a tooltip; `apply` runs 250 ms after the last keystroke (massif's
/// debounce), and at once on Enter. Esc clears it.
QLineEdit* createFilterLine(
    QWidget* parent, const QString& placeholder, const QString& toolTip, std::function<void(const QString&)> apply);

/// The context menu every tree gets: Copy Row, Copy Column Value, Expand Heaviest Path, Collapse All. `extra`
/// (optional) adds page-specific entries first, for the row under the cursor.
void setupContextMenu(QTreeView* view, std::function<void(QMenu& menu, const QModelIndex& index)> extra = {});

/// The displayed texts of a row, tab-separated (what Copy Row puts on the clipboard).
QString rowText(const QModelIndex& index);

/// Expands `index` and then, level by level, the child with the biggest SortRole in `costColumn` (heaptrack's
/// weak point: expand-all drowns the heavy branch). Stops after `maxDepth` levels.
void expandHeaviestPath(QTreeView* view, const QModelIndex& index, int costColumn, int maxDepth = 64);

/// Colours a Qt Charts chart from `palette` (background, title, legend, every axis' labels, titles, lines and
/// grid): Qt Charts keeps its light theme under a dark palette otherwise. Call after the axes are added.
void styleChart(QChart* chart, const QPalette& palette);

/// File > Export Current View for a table page: asks for a file (CSV, TSV, JSON, Markdown or text, by the filter
/// chosen or the name's suffix) and writes `table` through core/report, the bytes the CLI prints for the same view
/// and format. `suggestedName` has no suffix. Shows a message box on a write error; returns the path written or "".
QString exportTableWithDialog(QWidget* parent, const report::Table& table, const QString& suggestedName);
/// Asks for a file and a format (CSV, TSV, JSON, Markdown or text: by the filter chosen or the name's suffix) and
/// writes what `bytes(format)` returns; a message box on a write error. Returns the path written or "".
QString exportWithDialog(
    QWidget* parent, const QString& suggestedName, const std::function<std::string(report::Format)>& bytes);
/// The same for a view document (CPU trees, functions, blocking: the CLI's `cpu` output for the same view).
QString exportDocumentWithDialog(QWidget* parent, const report::Document& document, const QString& suggestedName);

/// Save as PNG: asks for a file (".png" added when missing) and calls `save(path)`; a message box when it fails.
/// Returns the path written or "".
QString savePngWithDialog(
    QWidget* parent, const QString& suggestedName, const std::function<bool(const QString& path)>& save);

} // namespace pageutil

} // namespace v8scope::gui
