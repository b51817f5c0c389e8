// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// File > Compare... in the window: three open snapshots give a Comparison tab (current snapshot against the one
// before it, compared in memory) and a Leaks tab whose chart opens a snapshot's tab. File > Compare Files (base
// kept as a digest only, head in its own tab) gives the same rows as comparing two open snapshots.
#include "guitestmain.h"

#include <documenttab.h>
#include <mainwindow.h>
#include <models/comparisonmodel.h>
#include <models/leakmodels.h>
#include <pages/comparisonlauncher.h>
#include <pages/comparisonpage.h>
#include <pages/heapview.h>
#include <pages/leakspage.h>

#include <QComboBox>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>

using namespace v8scope;
using namespace v8scope::gui;

namespace {
QByteArray cliOutput(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(V8SCOPE_CLI), args);
    p.waitForFinished(180000);
    return p.readAllStandardOutput();
}

/// The document tabs (snapshots) of the window; documentCount() also counts tabs such as Comparison pages.
QList<DocumentTab*> documentTabs(const MainWindow& window)
{
    QList<DocumentTab*> tabs;
    for (int i = 0; i < window.documentCount(); ++i)
        if (DocumentTab* tab = window.documentTab(i))
            tabs << tab;
    return tabs;
}
} // namespace

class TestComparisonWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void compareThreeOpenSnapshots()
    {
        MainWindow window;
        window.show();
        for (const char* n : { "leak_s1", "leak_s2", "leak_s3" })
            window.openFile(QStringLiteral(V8SCOPE_SAMPLES "/heap/%1.heapsnapshot.gz").arg(QLatin1String(n)));
        QCOMPARE(window.documentCount(), 3);
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (int i = 0; i < 3; ++i)
                    if (window.documentTab(i)->state() != DocumentTab::State::Heap)
                        return false;
                return true;
            },
            180000));
        window.tabs()->setCurrentWidget(window.documentTab(1)); // look at leak_s2
        const int before = window.tabs()->count();
        openComparison(window);
        QCOMPARE(window.tabs()->count(), before + 2);
        ComparisonPage* comparison = nullptr;
        LeaksPage* leaks = nullptr;
        for (int i = 0; i < window.tabs()->count(); ++i) {
            if (auto* c = qobject_cast<ComparisonPage*>(window.tabs()->widget(i)))
                comparison = c;
            if (auto* l = qobject_cast<LeaksPage*>(window.tabs()->widget(i)))
                leaks = l;
        }
        QVERIFY(comparison && leaks);
        QCOMPARE(window.tabs()->currentWidget(), comparison);
        // Head: the current snapshot (leak_s2); base: the one opened before it (leak_s1); in memory.
        QCOMPARE(comparison->headIndex(), 1);
        QCOMPARE(comparison->baseIndex(), 0);
        QCOMPARE(comparison->baseCombo()->count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(comparison->model()->comparison() != nullptr, 120000);
        QVERIFY(comparison->model()->comparison()->head); // the open analysis, not a second load
        const QModelIndex session = comparison->model()->indexOfClass(QStringLiteral("Session"));
        QCOMPARE(comparison->model()
                     ->index(session.row(), ComparisonModel::NewColumn)
                     .data(ComparisonModel::SortRole)
                     .toInt(),
            400);
        QTRY_VERIFY_WITH_TIMEOUT(leaks->leaks() != nullptr, 120000);
        QCOMPARE(leaks->suspectModel()->rowCount(), 1);

        // File > Export Current View: the CLI's `diff` and `leaks` documents, byte for byte, in every format.
        const QString s1 = window.documentTab(0)->path(), s2 = window.documentTab(1)->path(),
                      s3 = window.documentTab(2)->path();
        const std::pair<report::Format, const char*> formats[] = { { report::Format::Text, "text" },
            { report::Format::Tsv, "tsv" }, { report::Format::Csv, "csv" }, { report::Format::Json, "json" },
            { report::Format::Markdown, "md" }, { report::Format::JUnit, "junit" } };
        QVERIFY(comparison->canExport() && leaks->canExport());
        QVERIFY(comparison->exportText(report::Format::Tsv).find("Session") != std::string::npos);
        QVERIFY(leaks->exportText(report::Format::Tsv).find("Session") != std::string::npos);
        for (const auto& [format, name] : formats) {
            QCOMPARE(QByteArray::fromStdString(comparison->exportText(format)),
                cliOutput({ QStringLiteral("diff"), s1, s2, QStringLiteral("--format"), QLatin1String(name) }));
            QCOMPARE(QByteArray::fromStdString(leaks->exportText(format)),
                cliOutput({ QStringLiteral("leaks"), s1, s2, s3, QStringLiteral("--format"), QLatin1String(name) }));
        }
        // Clicking a point of the leak chart opens that snapshot's tab.
        Q_EMIT leaks->openSnapshotRequested(2);
        QCOMPARE(window.tabs()->currentWidget(), window.documentTab(2));
    }

    void compareFiles()
    {
        MainWindow window;
        window.show();
        const QString base = QStringLiteral(V8SCOPE_SAMPLES "/heap/leak_s1.heapsnapshot.gz");
        const QString head = QStringLiteral(V8SCOPE_SAMPLES "/heap/leak_s2.heapsnapshot.gz");
        ComparisonPage* page = openFileComparison(window, base, head);
        QVERIFY(page);
        QSignalSpy ready(page, &ComparisonPage::comparisonReady);
        QVERIFY(ready.wait(180000));
        // The head opened in its own tab; the base did not (only its digest was kept).
        QCOMPARE(documentTabs(window).size(), 1);
        DocumentTab* headTab = documentTabs(window).first();
        QCOMPARE(headTab->path(), QFileInfo(head).absoluteFilePath());
        QCOMPARE(window.tabs()->currentWidget(), page);
        QCOMPARE(page->baseCombo()->count(), 1);
        const auto data = page->model()->comparison();
        QVERIFY(data && data->head);
        QCOMPARE(data->head.get(), headTab->heapView()->document().analysis.get());
        // The base was finished against the head when the head was parsed, and its digest freed then (before the
        // head's analysis), as `v8scope diff` does: the page keeps only that base side.
        QCOMPARE(page->snapshots().size(), size_t(2));
        QVERIFY(page->snapshots()[0].prepared);
        QVERIFY(!page->snapshots()[0].digest);
        QVERIFY(!page->snapshots()[0].analysis);
        QCOMPARE(page->snapshots()[0].prepared->isNew.size(), size_t(data->head->nodeCount()));

        // The same rows, in the same order, as comparing the two snapshots open in tabs (the 2-tab path).
        window.openFile(base);
        QCOMPARE(documentTabs(window).size(), 2);
        DocumentTab* baseTab = documentTabs(window).last();
        QVERIFY(QTest::qWaitFor([&] { return baseTab->state() == DocumentTab::State::Heap; }, 180000));
        auto* other = new ComparisonPage;
        other->setSnapshots({ QStringLiteral("leak_s1"), QStringLiteral("leak_s2") },
            { { base.toStdString(), baseTab->heapView()->document().analysis, nullptr, nullptr },
                { head.toStdString(), headTab->heapView()->document().analysis, nullptr, nullptr } },
            1);
        QSignalSpy otherReady(other, &ComparisonPage::comparisonReady);
        QVERIFY(otherReady.wait(180000));
        const auto reference = other->model()->comparison();
        QCOMPARE(data->rows, reference->rows);
        QCOMPARE(data->newObjects, reference->newObjects);
        QCOMPARE(data->diff.classes.size(), reference->diff.classes.size());
        for (size_t i = 0; i < data->diff.classes.size(); ++i) {
            QCOMPARE(data->diff.classes[i].name, reference->diff.classes[i].name);
            QCOMPARE(data->diff.classes[i].retainedDelta, reference->diff.classes[i].retainedDelta);
        }
        delete other;
    }

    void compareFilesReportsABrokenBase()
    {
        MainWindow window;
        window.show();
        ComparisonPage* page = openFileComparison(window, QStringLiteral(V8SCOPE_SAMPLES "/no-such.heapsnapshot"),
            QStringLiteral(V8SCOPE_SAMPLES "/heap/leak_s2.heapsnapshot.gz"));
        QSignalSpy failed(page, &ComparisonPage::failed);
        QVERIFY(failed.wait(60000));
        QVERIFY2(page->statusText().contains(QStringLiteral("no-such.heapsnapshot")), qPrintable(page->statusText()));
        QCOMPARE(documentTabs(window).size(), 0); // the head is not opened after a failed base
    }
};

V8SCOPE_GUI_TEST_MAIN(TestComparisonWindow)
#include "tst_comparisonwindow.moc"
