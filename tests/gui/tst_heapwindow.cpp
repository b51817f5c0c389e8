// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The window end to end, offscreen: every sample snapshot opens through the real loader, the Summary's top rows
// equal what `v8scope summary --format tsv` prints, selection drives the Retainers pane and details, Back/Forward
// and Go to Object work, a broken file shows the core's one-line error in its tab.
#include "guitestmain.h"

#include <documenttab.h>
#include <heap/heapanalysis.h>
#include <mainwindow.h>
#include <models/graphtreemodel.h>
#include <models/roles.h>
#include <models/summarymodel.h>
#include <pages/heapview.h>
#include <pages/objectdetails.h>
#include <pages/retainerspane.h>
#include <pages/summarypage.h>

#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QTabWidget>
#include <QTreeView>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

/// Waits until the tab has loaded (and, for heaps, the Summary is filled).
bool waitLoaded(DocumentTab* tab)
{
    return QTest::qWaitFor(
        [tab] {
            if (tab->state() == DocumentTab::State::Heap)
                return tab->heapView()->summaryPage()->model()->rowCount() > 0;
            return tab->state() != DocumentTab::State::Loading;
        },
        120000);
}

QStringList cliSummaryRows(const QString& path, int top)
{
    QProcess cli;
    cli.start(QStringLiteral(V8SCOPE_CLI),
        { QStringLiteral("summary"), QStringLiteral("--format"), QStringLiteral("tsv"), QStringLiteral("--top"),
            QString::number(top), path });
    if (!cli.waitForFinished(120000) || cli.exitCode() != 0)
        return {};
    QStringList lines = QString::fromUtf8(cli.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (!lines.isEmpty())
        lines.removeFirst(); // header: class count shallow retained distance
    return lines;
}

} // namespace

class TestHeapWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everySampleMatchesTheCli_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(V8SCOPE_SAMPLES "/heap"));
        const QStringList files = dir.entryList({ QStringLiteral("*.heapsnapshot.gz") }, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void everySampleMatchesTheCli()
    {
        QFETCH(QString, path);
        MainWindow window;
        window.show();
        window.openFile(path);
        QCOMPARE(window.documentCount(), 1);
        DocumentTab* tab = window.documentTab(0);
        QVERIFY(waitLoaded(tab));
        QCOMPARE(tab->state(), DocumentTab::State::Heap);
        SummaryModel* model = tab->heapView()->summaryPage()->model();
        const QStringList cli = cliSummaryRows(path, 15);
        QCOMPARE(cli.size(), std::min(15, model->rowCount()));
        for (int r = 0; r < cli.size(); ++r) {
            // TSV: class count shallow retained distance (raw numbers; the model's SortRole is the raw value).
            const QStringList cells = cli[r].split(QLatin1Char('\t'));
            QCOMPARE(cells.size(), 5);
            QCOMPARE(model->index(r, SummaryModel::NameColumn).data(SortRole).toString(), cells[0]);
            QCOMPARE(model->index(r, SummaryModel::CountColumn).data(SortRole).toString(), cells[1]);
            QCOMPARE(model->index(r, SummaryModel::ShallowColumn).data(SortRole).toString(), cells[2]);
            QCOMPARE(model->index(r, SummaryModel::RetainedColumn).data(SortRole).toString(), cells[3]);
            QCOMPARE(model->index(r, SummaryModel::DistanceColumn).data(SortRole).toString(), cells[4]);
        }
        QVERIFY(window.openHeapPaths().contains(QFileInfo(path).absoluteFilePath()));
    }

    void selectionHistoryAndGoTo()
    {
        MainWindow window;
        window.show();
        window.openFile(QStringLiteral(V8SCOPE_SAMPLES "/heap/leak_s3.heapsnapshot.gz"));
        DocumentTab* tab = window.documentTab(0);
        QVERIFY(waitLoaded(tab));
        HeapView* view = tab->heapView();
        const HeapAnalysis& a = *view->document().analysis;
        SummaryPage* summary = view->summaryPage();
        // Select the first object of the first class through the tree, as a click would.
        const QModelIndex cls = summary->model()->index(0, 0);
        summary->view()->expand(cls);
        const QModelIndex first = summary->model()->index(0, 0, cls);
        summary->view()->setCurrentIndex(first);
        const uint32_t node = summary->model()->nodeAt(first);
        QCOMPARE(view->selectedNode(), node);
        QVERIFY(view->details()->text().contains(QStringLiteral("@%1").arg(a.snapshot->nodeId[node])));
        QVERIFY(view->retainersPane()->model()->rowCount() > 0);
        // Go to another object by id, then back and forward.
        const uint32_t other = summary->model()->nodeAt(summary->model()->index(0, 0, summary->model()->index(1, 0)));
        QVERIFY(other != node && other != kNoNode);
        view->goToObject(QStringLiteral("@%1").arg(a.snapshot->nodeId[other]));
        QCOMPARE(view->selectedNode(), other);
        QVERIFY(view->canGoBack());
        view->goBack();
        QCOMPARE(view->selectedNode(), node);
        QVERIFY(view->canGoForward());
        view->goForward();
        QCOMPARE(view->selectedNode(), other);
        // The Dominators page reveals a selection made elsewhere.
        view->pages()->setCurrentIndex(2);
        view->selectNode(node, true);
        QCOMPARE(view->selectedNode(), node);
    }

    void brokenFileShowsTheCoreError()
    {
        MainWindow window;
        window.show();
        const QString path = QStringLiteral(V8SCOPE_TESTDATA "/bad_inputs/partial_edge.heapsnapshot");
        window.openFile(path);
        DocumentTab* tab = window.documentTab(0);
        QVERIFY(waitLoaded(tab));
        QCOMPARE(tab->state(), DocumentTab::State::Failed);
        QVERIFY2(tab->errorText().startsWith(path + QStringLiteral(": ")), qPrintable(tab->errorText()));
        // The CLI prints the same line (after "v8scope: ") and exits with 2.
        QProcess cli;
        cli.start(QStringLiteral(V8SCOPE_CLI), { QStringLiteral("summary"), path });
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(QString::fromUtf8(cli.readAllStandardError()).contains(tab->errorText()));
        window.tabs()->tabCloseRequested(0);
        QCOMPARE(window.documentCount(), 0);
    }

    void closingAMidLoadTabIsSafe()
    {
        MainWindow window;
        window.show();
        window.openFile(QStringLiteral(V8SCOPE_SAMPLES "/heap/chromium_detached_dom_2.heapsnapshot.gz"));
        window.openFile(QStringLiteral(V8SCOPE_SAMPLES "/heap/chromium_detached_dom_2.heapsnapshot.gz"));
        QCOMPARE(window.documentCount(), 1); // the same file activates its tab
        window.tabs()->tabCloseRequested(0);
        QCOMPARE(window.documentCount(), 0);
        QTest::qWait(50);
    }
};

V8SCOPE_GUI_TEST_MAIN(TestHeapWindow)
#include "tst_heapwindow.moc"
