// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// File > Compare... in the window: three open snapshots give a Comparison tab (current snapshot against the one
// before it, compared in memory) and a Leaks tab whose chart opens a snapshot's tab.
#include "guitestmain.h"

#include <documenttab.h>
#include <mainwindow.h>
#include <models/comparisonmodel.h>
#include <models/leakmodels.h>
#include <pages/comparisonlauncher.h>
#include <pages/comparisonpage.h>
#include <pages/leakspage.h>

#include <QComboBox>
#include <QSignalSpy>
#include <QTabWidget>

using namespace v8scope;
using namespace v8scope::gui;

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
        // Clicking a point of the leak chart opens that snapshot's tab.
        Q_EMIT leaks->openSnapshotRequested(2);
        QCOMPARE(window.tabs()->currentWidget(), window.documentTab(2));
    }
};

V8SCOPE_GUI_TEST_MAIN(TestComparisonWindow)
#include "tst_comparisonwindow.moc"
