// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The Comparison model and page on the bundled leak pair: model consistency, DevTools' rows equal the CLI's,
// new objects paged under a class, edges under an object, the cross-process fallback said in the page.
#include "guitestmain.h"

#include <models/comparisonmodel.h>
#include <pages/comparisonpage.h>

#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

#include <QAbstractItemModelTester>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QHorizontalBarSeries>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTreeView>

using namespace v8scope;
using namespace v8scope::gui;

namespace {
std::string sample(const char* name)
{
    return std::string(V8SCOPE_SAMPLES) + "/heap/" + name + ".heapsnapshot.gz";
}

SnapshotRef loaded(const char* name)
{
    SnapshotRef ref { sample(name), nullptr, nullptr, nullptr };
    auto snap = SnapshotReader::read(ref.path);
    if (snap) {
        auto a = HeapAnalysis::analyze(snap.value());
        if (a)
            ref.analysis = a.value();
    }
    return ref;
}

/// The CLI's `diff --format tsv` rows, keyed by class.
QHash<QString, QStringList> cliRows(const char* base, const char* head)
{
    QProcess p;
    p.start(QStringLiteral(V8SCOPE_CLI),
        { QStringLiteral("diff"), QString::fromStdString(sample(base)), QString::fromStdString(sample(head)),
            QStringLiteral("--format"), QStringLiteral("tsv") });
    p.waitForFinished(120000);
    QHash<QString, QStringList> rows;
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split('\t');
        rows.insert(cells[0], cells);
    }
    return rows;
}

int sourceRowOf(const ComparisonModel& m, const QString& name)
{
    return m.indexOfClass(name).row();
}
} // namespace

class TestComparison : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelOnLeakPair()
    {
        const SnapshotRef base = loaded("leak_s1"), head = loaded("leak_s2");
        QVERIFY(base.analysis && head.analysis);
        auto data = computeComparison(base, head);
        QVERIFY(data);
        ComparisonModel model;
        model.setComparison(data.value());
        QVERIFY(model.rowCount() > 10);

        // Session: 400 new (requests 301..700), paged 100 at a time, largest retained first.
        const QModelIndex session = model.index(sourceRowOf(model, QStringLiteral("Session")), 0);
        QCOMPARE(model.index(session.row(), ComparisonModel::NewColumn).data(ComparisonModel::SortRole).toInt(), 400);
        QVERIFY(model.hasChildren(session));
        QCOMPARE(model.rowCount(session), 0);
        QVERIFY(model.canFetchMore(session));
        model.fetchMore(session);
        QCOMPARE(model.rowCount(session), ComparisonModel::kPageSize);
        while (model.canFetchMore(session))
            model.fetchMore(session);
        QCOMPARE(model.rowCount(session), 400);
        // The tester walks (and fetches) everything itself. It is created after the external fetchMore calls: it
        // re-runs its checks on rowsInserted and would fetch other classes inside an insertion it did not start.
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        // Every DevTools row equals the CLI's TSV row (same engine, same numbers: raw sizes in SortRole).
        const auto cli = cliRows("leak_s1", "leak_s2");
        QVERIFY(!cli.isEmpty());
        int checked = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QString name = model.index(r, 0).data().toString();
            if (!cli.contains(name))
                continue;
            const QStringList& row = cli[name];
            for (int c = ComparisonModel::NewColumn; c < ComparisonModel::NUM_COLUMNS; ++c)
                QCOMPARE(model.index(r, c).data(ComparisonModel::SortRole).toLongLong(), row[c].toLongLong());
            ++checked;
        }
        QCOMPARE(checked, cli.size());

        const QModelIndex first = model.index(0, 0, session);
        QCOMPARE(first.data(ComparisonModel::ClassNameRole).toString(), QStringLiteral("Session"));
        QVERIFY(first.data().toString().startsWith(QStringLiteral("Session @")));
        // Each Session retains 688 bytes (tests/core/tst_diffleaks.cpp: 400 x 688 for the cluster).
        QCOMPARE(
            model.index(0, ComparisonModel::HeadRetainedColumn, session).data(ComparisonModel::SortRole).toLongLong(),
            688);
        // An object expands to its outgoing edges (id, user, createdAt, headers, cart, onExpire, map, ...).
        QVERIFY(model.rowCount(first) >= 6);
        QStringList edges;
        for (int k = 0; k < model.rowCount(first); ++k)
            edges << model.index(k, 0, first).data().toString().section(QStringLiteral(" \u2192"), 0, 0);
        QVERIFY2(edges.contains(QStringLiteral("onExpire")), qPrintable(edges.join(',')));
        QVERIFY(model.parent(model.index(0, 0, first)) == first);
        QVERIFY(model.parent(first) == session);
    }

    void pageFollowsSelectionAndCharts()
    {
        ComparisonPage page;
        page.resize(1400, 900);
        QSignalSpy ready(&page, &ComparisonPage::comparisonReady);
        page.setSnapshots(
            { QStringLiteral("leak_s1"), QStringLiteral("leak_s2") }, { loaded("leak_s1"), loaded("leak_s2") }, 1);
        QVERIFY(ready.wait(120000));
        QCOMPARE(page.baseCombo()->count(), 1);
        QCOMPARE(page.baseIndex(), 0);
        QVERIFY2(page.statusText().contains(QStringLiteral("classes changed")), qPrintable(page.statusText()));

        // The bar chart: top classes by retained growth; clicking a bar selects that class.
        auto series = page.chart()->series();
        QCOMPARE(series.size(), 1);
        auto* bars = qobject_cast<QHorizontalBarSeries*>(series.first());
        QVERIFY(bars && bars->count() == 1 && bars->barSets().first()->count() > 3);
        Q_EMIT bars->barSets().first()->clicked(bars->barSets().first()->count() - 1); // the top bar
        const QString top = page.view()->currentIndex().data(ComparisonModel::ClassNameRole).toString();
        QVERIFY(!top.isEmpty());

        // Filter, then select a new Session object: the Retainers pane shows its path to a GC root.
        page.filterEdit()->setText(QStringLiteral("Session"));
        QCOMPARE(page.proxy()->rowCount(), 1);
        const QModelIndex session = page.proxy()->index(0, 0);
        page.view()->expand(session);
        QTRY_VERIFY(page.proxy()->rowCount(session) > 0);
        page.view()->setCurrentIndex(page.proxy()->index(0, 0, session));
        QTRY_VERIFY_WITH_TIMEOUT(page.retainersPane()->count() >= 3, 20000);
        QVERIFY(
            page.retainersPane()->item(page.retainersPane()->count() - 1)->text().contains(QStringLiteral("Session")));

        // V8SCOPE_SCREENSHOTS=DIR: save what the page looks like (docs/screenshots/comparison.png).
        const QString shots = qEnvironmentVariable("V8SCOPE_SCREENSHOTS");
        if (!shots.isEmpty()) {
            page.filterEdit()->clear();
            page.selectClass(QStringLiteral("Session"));
            page.view()->expand(page.view()->currentIndex());
            page.view()->setCurrentIndex(page.proxy()->index(0, 0, page.view()->currentIndex()));
            QTRY_VERIFY_WITH_TIMEOUT(page.retainersPane()->count() >= 3, 20000);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QTest::qWait(300);
            QVERIFY(page.grab().save(shots + QStringLiteral("/comparison.png")));
        }
    }

    void crossProcessFallbackIsSaid()
    {
        ComparisonPage page;
        QSignalSpy ready(&page, &ComparisonPage::comparisonReady);
        page.setSnapshots(
            { QStringLiteral("control_a"), QStringLiteral("shapes") }, { loaded("control_a"), loaded("shapes") }, 1);
        QVERIFY(ready.wait(120000));
        QVERIFY2(page.statusText().contains(QStringLiteral("Different processes")), qPrintable(page.statusText()));
        QVERIFY(!page.model()->comparison()->diff.byId);
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void fromPathsOnly()
    {
        // Without analyses in memory the page compares from the files (diffSnapshots): rows, no expansion.
        auto data = computeComparison(
            { sample("leak_s1"), nullptr, nullptr, nullptr }, { sample("leak_s2"), nullptr, nullptr, nullptr });
        QVERIFY(data);
        ComparisonModel model;
        model.setComparison(data.value());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex session = model.index(sourceRowOf(model, QStringLiteral("Session")), 0);
        QVERIFY(session.isValid());
        QVERIFY(!model.hasChildren(session));
        QVERIFY(!model.canFetchMore(session));
    }
};

V8SCOPE_GUI_TEST_MAIN(TestComparison)
#include "tst_comparison.moc"
