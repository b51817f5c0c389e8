// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// What the viewer wires from core for one snapshot, checked against the CLI on the samples: the Summary's filter
// combo (DevTools' presets = `summary --preset`, "Objects allocated before/between" = `--allocated-before` /
// `--allocated-between` with the other open snapshots), the Allocations tab and allocation stacks
// (`allocations`, `allocations --id`), and table exports through core/report, byte for byte what
// `summary|containment|allocations --format csv|tsv|json|md` print. QAbstractItemModelTester on TableModel.
#include "guitestmain.h"

#include <documenttab.h>
#include <heap/filters.h>
#include <heap/heapanalysis.h>
#include <mainwindow.h>
#include <models/roles.h>
#include <models/summarymodel.h>
#include <models/tablemodel.h>
#include <pages/allocationspage.h>
#include <pages/heapview.h>
#include <pages/objectdetails.h>
#include <pages/summarypage.h>
#include <pages/treepage.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

QString sample(const char* name)
{
    return QStringLiteral(V8SCOPE_SAMPLES "/heap/") + QLatin1String(name) + QStringLiteral(".heapsnapshot.gz");
}

QByteArray cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(V8SCOPE_CLI), args);
    if (!p.waitForFinished(120000) || p.exitCode() != 0)
        return "exit " + QByteArray::number(p.exitCode()) + ": " + p.readAllStandardError();
    return p.readAllStandardOutput();
}

HeapView* openAndWait(MainWindow& w, const QString& path)
{
    w.openFile(path);
    DocumentTab* tab = nullptr;
    for (int i = 0; i < w.documentCount(); ++i)
        if (w.documentTab(i) && w.documentTab(i)->path() == path)
            tab = w.documentTab(i);
    if (!tab
        || !QTest::qWaitFor(
            [tab] {
                return tab->state() == DocumentTab::State::Heap
                    && tab->heapView()->summaryPage()->model()->rowCount() > 0;
            },
            120000))
        return nullptr;
    return tab->heapView();
}

/// Chooses combo entry `text` and waits for its rows.
bool chooseFilter(SummaryPage* page, const QString& text)
{
    const int index = page->filterCombo()->findText(text);
    if (index < 0)
        return false;
    if (index == page->filterCombo()->currentIndex())
        return !page->isFiltering();
    QSignalSpy applied(page, &SummaryPage::filterApplied);
    page->filterCombo()->setCurrentIndex(index);
    return applied.count() > 0 || applied.wait(60000);
}

/// The Summary model's class rows as `summary --format tsv` prints them (raw numbers: the SortRole).
QByteArray modelTsv(const SummaryModel& m)
{
    QByteArray out = "class\tcount\tshallow\tretained\tdistance\n";
    for (int r = 0; r < m.rowCount(); ++r) {
        QStringList cells;
        for (int c : { int(SummaryModel::NameColumn), int(SummaryModel::CountColumn), int(SummaryModel::ShallowColumn),
                 int(SummaryModel::RetainedColumn), int(SummaryModel::DistanceColumn) })
            cells << m.index(r, c).data(v8scope::gui::SortRole).toString();
        out += cells.join(QLatin1Char('\t')).toUtf8() + '\n';
    }
    return out;
}

} // namespace

class TestHeapFilters : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void presetsEqualTheCli()
    {
        MainWindow w;
        const QString path = sample("chromium_detached_dom_1");
        HeapView* view = openAndWait(w, path);
        QVERIFY(view);
        SummaryPage* page = view->summaryPage();
        QCOMPARE(page->filterCombo()->count(), int(summaryFilters().size())); // one snapshot: no ranges
        for (const SummaryFilterInfo& f : summaryFilters()) {
            const QString title = QString::fromUtf8(f.title.data(), int(f.title.size()));
            QVERIFY2(chooseFilter(page, title), qPrintable(title));
            const QByteArray expected = cli({ QStringLiteral("summary"), path, QStringLiteral("--preset"),
                QString::fromUtf8(f.cliName.data(), int(f.cliName.size())), QStringLiteral("--format"),
                QStringLiteral("tsv") });
            QCOMPARE(modelTsv(*page->model()), expected);
        }
        // Detached DOM nodes keep something on this page (the point of the preset), duplicated strings too.
        QVERIFY(chooseFilter(page, QStringLiteral("Duplicated strings")));
        QVERIFY(page->model()->rowCount() > 0);
    }

    void allocatedBetweenSnapshots()
    {
        MainWindow w;
        const QString s1 = sample("leak_s1"), s2 = sample("leak_s2"), s3 = sample("leak_s3");
        QVERIFY(openAndWait(w, s1) && openAndWait(w, s2));
        HeapView* view = openAndWait(w, s3);
        QVERIFY(view);
        SummaryPage* page = view->summaryPage();
        // DevTools' entries for three snapshots: before the first, between each pair.
        const QString before = QStringLiteral("Objects allocated before leak_s1.heapsnapshot.gz");
        const QString between
            = QStringLiteral("Objects allocated between leak_s1.heapsnapshot.gz and leak_s2.heapsnapshot.gz");
        QCOMPARE(page->filterCombo()->count(), int(summaryFilters().size()) + 3);
        QVERIFY(chooseFilter(page, between));
        QCOMPARE(modelTsv(*page->model()),
            cli({ QStringLiteral("summary"), s3, QStringLiteral("--allocated-between"), s1, s2,
                QStringLiteral("--format"), QStringLiteral("tsv") }));
        // The leak: the 400 Sessions allocated between s1 and s2 are still alive in s3.
        QCOMPARE(page->model()->index(0, SummaryModel::NameColumn).data(v8scope::gui::SortRole).toString(),
            QStringLiteral("Session"));
        QVERIFY(chooseFilter(page, before));
        QCOMPARE(modelTsv(*page->model()),
            cli({ QStringLiteral("summary"), s3, QStringLiteral("--allocated-before"), s1, QStringLiteral("--format"),
                QStringLiteral("tsv") }));
        // Closing a bounding snapshot takes its entries away and falls back to All objects.
        QSignalSpy applied(page, &SummaryPage::filterApplied);
        w.tabs()->tabCloseRequested(0);
        QCOMPARE(page->filterCombo()->count(), int(summaryFilters().size()) + 2);
        QVERIFY(applied.count() > 0 || applied.wait(30000));
        QCOMPARE(page->filterCombo()->currentIndex(), 0);
    }

    void allocationsAndStacks()
    {
        MainWindow w;
        const QString path = sample("alloc_tracking");
        HeapView* view = openAndWait(w, path);
        QVERIFY(view);
        QSignalSpy available(view, &HeapView::allocationsAvailable);
        QVERIFY(view->allocationsPage() || available.wait(60000));
        AllocationsPage* page = view->allocationsPage();
        QVERIFY(page);
        QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        // The rows: `allocations --format tsv` (depth function script script_id line column count size live_count
        // live_size), compared on the raw cells of the display columns that exist in both.
        const QList<QByteArray> lines
            = cli({ QStringLiteral("allocations"), path, QStringLiteral("--format"), QStringLiteral("tsv") })
                  .split('\n');
        const TableModel& m = *page->model();
        QCOMPARE(m.rowCount(), lines.size() - 2); // header, trailing newline
        const int liveCount = m.columnOf("live_count"), size = m.columnOf("size");
        QVERIFY(liveCount >= 0 && size >= 0);
        for (int r = 0; r < m.rowCount(); ++r) {
            const QList<QByteArray> cells = lines[r + 1].split('\t');
            QCOMPARE(m.index(r, size).data(TableModel::SortRole).toString().toUtf8(), cells[7]);
            QCOMPARE(m.index(r, liveCount).data(TableModel::SortRole).toString().toUtf8(), cells[8]);
        }
        QVERIFY(m.headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().size() > 0);

        // An object with an allocation stack: the details list its frames as `allocations --id` does.
        const HeapAnalysis& a = *view->document().analysis;
        uint32_t node = UINT32_MAX;
        for (uint32_t n = 0; n < a.nodeCount() && node == UINT32_MAX; ++n)
            if (a.className(n) == "Order")
                node = n;
        QVERIFY(node != UINT32_MAX);
        view->selectNode(node);
        const QByteArray stack = cli({ QStringLiteral("allocations"), path, QStringLiteral("--id"),
            QString::number(a.snapshot->nodeId[node]), QStringLiteral("--format"), QStringLiteral("tsv") });
        const QList<QByteArray> frames = stack.split('\n');
        QVERIFY(frames.size() > 2);
        const QString details = view->details()->text();
        QVERIFY(details.contains(QStringLiteral("Allocation stack")));
        for (int i = 1; i + 1 < frames.size(); ++i) {
            const QString function = QString::fromUtf8(frames[i].split('\t')[1]);
            QVERIFY2(
                details.contains(function.isEmpty() ? QStringLiteral("(anonymous)") : function), qPrintable(function));
        }
    }

    void exportsAreTheCliBytes()
    {
        MainWindow w;
        const QString path = sample("alloc_tracking");
        HeapView* view = openAndWait(w, path);
        QVERIFY(view);
        QSignalSpy available(view, &HeapView::allocationsAvailable);
        QVERIFY(view->allocationsPage() || available.wait(60000));
        QTemporaryDir dir;
        struct Case
        {
            QWidget* page;
            QString command;
        };
        const Case cases[] = { { view->summaryPage(), QStringLiteral("summary") },
            { view->containmentPage(), QStringLiteral("containment") },
            { view->allocationsPage(), QStringLiteral("allocations") } };
        for (const Case& c : cases) {
            view->pages()->setCurrentWidget(c.page);
            QVERIFY(view->canExport());
            const auto table = view->currentTable();
            QVERIFY(table);
            for (const ExportFormat& f : exportFormats()) {
                const QString out = dir.filePath(c.command + QLatin1Char('.') + QLatin1String(f.suffix));
                QCOMPARE(exportTable(*table, f.format, out), QString());
                QFile file(out);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QString format
                    = f.format == report::Format::Text ? QStringLiteral("text") : QLatin1String(f.suffix);
                QCOMPARE(file.readAll(), cli({ c.command, path, QStringLiteral("--format"), format }));
            }
        }
        // The Summary exports what it shows: with the filter line set, only those classes.
        view->pages()->setCurrentWidget(view->summaryPage());
        view->summaryPage()->model()->setFilter(QStringLiteral("order"));
        const auto filtered = view->currentTable();
        QVERIFY(filtered);
        QCOMPARE(qsizetype(filtered->rowCount()), qsizetype(view->summaryPage()->model()->visibleClassCount()));
        QVERIFY(filtered->rowCount() > 0);
        QCOMPARE(QString::fromStdString(report::writeString(*filtered, report::Format::Tsv, { false })).toUtf8(),
            cli({ QStringLiteral("summary"), path, QStringLiteral("--filter"),
                QStringLiteral("(?:[Oo][Rr][Dd][Ee][Rr])"), QStringLiteral("--format"), QStringLiteral("tsv") }));
    }
};

V8SCOPE_GUI_TEST_MAIN(TestHeapFilters)
#include "tst_heapfilters.moc"
