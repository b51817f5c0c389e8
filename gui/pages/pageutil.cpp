// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "pageutil.h"

#include <models/roles.h>
#include <models/tablemodel.h>
#include <widgets/costdelegate.h>

#include <QAbstractAxis>
#include <QAction>
#include <QApplication>
#include <QChart>
#include <QClipboard>
#include <QFileDialog>
#include <QHeaderView>
#include <QLegend>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QTimer>
#include <QTreeView>

#include <functional>

namespace v8scope::gui::pageutil {

void setupTreeView(QTreeView* view, const QString& sample)
{
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSortingEnabled(true);
    view->setAllColumnsShowFocus(true);
    view->setItemDelegate(new CostDelegate(view));
    QHeaderView* header = view->header();
    header->setStretchLastSection(false);
    header->setSectionsMovable(false);
    header->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    header->setSortIndicatorShown(true);
    auto sizeColumns = [view, sample] {
        QHeaderView* h = view->header();
        const int count = h->count();
        if (count == 0)
            return;
        h->setSectionResizeMode(0, QHeaderView::Stretch);
        const QFontMetrics fm(view->font());
        for (int c = 1; c < count; ++c) {
            const QString title = view->model()->headerData(c, Qt::Horizontal).toString();
            // Text columns after the first (Location: "http_blocking.js:123", full URL in the tooltip) get room
            // for a file name and line; numeric columns the sample number's width.
            const int align = view->model()->headerData(c, Qt::Horizontal, Qt::TextAlignmentRole).toInt();
            const int content = (align & Qt::AlignLeft) ? fm.horizontalAdvance(QString(26, QLatin1Char('m')))
                                                        : fm.horizontalAdvance(sample);
            const int width = std::max(content, fm.horizontalAdvance(title) + 24) + 16;
            h->setSectionResizeMode(c, QHeaderView::Interactive);
            h->resizeSection(c, width);
        }
    };
    QObject::connect(view->header(), &QHeaderView::sectionCountChanged, view, sizeColumns);
    if (view->model())
        sizeColumns();
}

QLineEdit* createFilterLine(
    QWidget* parent, const QString& placeholder, const QString& toolTip, std::function<void(const QString&)> apply)
{
    auto* line = new QLineEdit(parent);
    line->setPlaceholderText(placeholder);
    line->setToolTip(toolTip);
    line->setClearButtonEnabled(true);
    auto* timer = new QTimer(line);
    timer->setSingleShot(true);
    timer->setInterval(250);
    QObject::connect(line, &QLineEdit::textChanged, timer, qOverload<>(&QTimer::start));
    QObject::connect(timer, &QTimer::timeout, line, [line, apply] { apply(line->text()); });
    QObject::connect(line, &QLineEdit::returnPressed, line, [line, timer, apply] {
        timer->stop();
        apply(line->text());
    });
    auto* clear = new QAction(line);
    clear->setShortcut(QKeySequence(Qt::Key_Escape));
    clear->setShortcutContext(Qt::WidgetShortcut);
    QObject::connect(clear, &QAction::triggered, line, &QLineEdit::clear);
    line->addAction(clear);
    return line;
}

QString rowText(const QModelIndex& index)
{
    if (!index.isValid())
        return {};
    const QAbstractItemModel* model = index.model();
    QStringList cells;
    for (int c = 0; c < model->columnCount(index.parent()); ++c)
        cells << index.siblingAtColumn(c).data().toString();
    return cells.join(QLatin1Char('\t'));
}

void expandHeaviestPath(QTreeView* view, const QModelIndex& start, int costColumn, int maxDepth)
{
    QAbstractItemModel* model = view->model();
    QModelIndex current = start.siblingAtColumn(0);
    for (int depth = 0; depth < maxDepth && current.isValid(); ++depth) {
        view->expand(current);
        if (model->canFetchMore(current))
            model->fetchMore(current);
        QModelIndex best;
        qulonglong bestCost = 0;
        const int rows = model->rowCount(current);
        for (int r = 0; r < rows; ++r) {
            const QModelIndex child = model->index(r, costColumn, current);
            if (child.data(MoreRowRole).toBool())
                continue;
            const qulonglong cost = child.data(SortRole).toULongLong();
            if (!best.isValid() || cost > bestCost) {
                best = child.siblingAtColumn(0);
                bestCost = cost;
            }
        }
        if (!best.isValid())
            break;
        current = best;
    }
    if (current.isValid()) {
        view->setCurrentIndex(current);
        view->scrollTo(current);
    }
}

void setupContextMenu(QTreeView* view, std::function<void(QMenu& menu, const QModelIndex& index)> extra)
{
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(view, &QTreeView::customContextMenuRequested, view, [view, extra](const QPoint& pos) {
        const QModelIndex index = view->indexAt(pos);
        QMenu menu(view);
        if (extra)
            extra(menu, index);
        if (!menu.isEmpty())
            menu.addSeparator();
        if (index.isValid()) {
            menu.addAction(
                QObject::tr("Copy Row"), view, [index] { QApplication::clipboard()->setText(rowText(index)); });
            menu.addAction(QObject::tr("Copy \"%1\"").arg(index.data().toString().left(40)), view,
                [index] { QApplication::clipboard()->setText(index.data().toString()); });
            menu.addSeparator();
            int costColumn = -1;
            for (int c = view->model()->columnCount(index.parent()) - 1; c > 0 && costColumn < 0; --c)
                if (index.siblingAtColumn(c).data(ShareRole).isValid())
                    costColumn = c;
            if (costColumn > 0)
                menu.addAction(QObject::tr("Expand Heaviest Path"), view,
                    [view, index, costColumn] { expandHeaviestPath(view, index, costColumn); });
        }
        menu.addAction(QObject::tr("Collapse All"), view, &QTreeView::collapseAll);
        menu.exec(view->viewport()->mapToGlobal(pos));
    });
}

void styleChart(QChart* chart, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Mid);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
    }
}

QString exportWithDialog(
    QWidget* parent, const QString& suggestedName, const std::function<std::string(report::Format)>& bytes)
{
    QStringList filters;
    for (const ExportFormat& f : exportFormats())
        filters << QStringLiteral("%1 (*.%2)").arg(QLatin1String(f.title), QLatin1String(f.suffix));
    QString selected = filters.first();
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export Table"),
        suggestedName + QStringLiteral(".csv"), filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return {};
    std::optional<report::Format> format = exportFormatForPath(path);
    if (!format) {
        const ExportFormat& f = exportFormats()[size_t(std::max<qsizetype>(0, filters.indexOf(selected)))];
        format = f.format;
        path += QLatin1Char('.') + QLatin1String(f.suffix);
    }
    const QString error = writeExportFile(bytes(*format), path);
    if (!error.isEmpty()) {
        QMessageBox::warning(parent, QObject::tr("Export Table"), error);
        return {};
    }
    return path;
}

QString savePngWithDialog(
    QWidget* parent, const QString& suggestedName, const std::function<bool(const QString& path)>& save)
{
    QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Save as PNG"), suggestedName, QObject::tr("PNG images (*.png)"));
    if (path.isEmpty())
        return {};
    if (!path.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
        path += QStringLiteral(".png");
    if (!save(path)) {
        QMessageBox::warning(parent, QObject::tr("Save as PNG"), QObject::tr("Could not write %1.").arg(path));
        return {};
    }
    return path;
}

QString exportTableWithDialog(QWidget* parent, const report::Table& table, const QString& suggestedName)
{
    return exportWithDialog(parent, suggestedName, [&](report::Format format) {
        report::WriteOptions options;
        options.human = false; // as the CLI writes to a file or pipe (no --human)
        return report::writeString(table, format, options);
    });
}

QString exportDocumentWithDialog(QWidget* parent, const report::Document& document, const QString& suggestedName)
{
    return exportWithDialog(parent, suggestedName, [&](report::Format format) {
        report::WriteOptions options;
        options.human = false;
        return report::writeDocument(document, format, options);
    });
}

} // namespace v8scope::gui::pageutil
