// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// "Ignore this retainer" in the Retainers pane: the model under QAbstractItemModelTester shows the core's
// RetainersView distances (which tests/core/tst_retainersview.cpp checks against DevTools on every node), ignored
// rows are marked, the shortest path avoids them, undo restores the snapshot's distances; the pane recomputes on a
// worker and drops stale results.
#include "guitestmain.h"
#include "heaptestutil.h"

#include <heap/heapanalysis.h>
#include <heap/retainersview.h>
#include <models/format.h>
#include <models/graphtreemodel.h>
#include <models/roles.h>
#include <pages/retainerspane.h>

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTreeView>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

QModelIndex rowOf(const GraphTreeModel& model, uint32_t node, const QModelIndex& parent = {})
{
    for (int r = 0; r < model.rowCount(parent); ++r)
        if (model.nodeAt(model.index(r, 0, parent)) == node)
            return model.index(r, 0, parent);
    return {};
}

/// Every top-level row's Distance cell is the view's distance of its retainer edge (or "ignored"), and the rows are
/// in order: strong before weak, then that distance.
void checkRows(const GraphTreeModel& model, const RetainersView& view)
{
    QVERIFY(model.rowCount() > 0);
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex name = model.index(r, GraphTreeModel::NameColumn);
        const QModelIndex dist = model.index(r, GraphTreeModel::DistanceColumn);
        const uint32_t node = model.nodeAt(name);
        const int32_t d = view.retainerDistance(model.edgeAt(name), node);
        QCOMPARE(model.rowDistance(name), d);
        QCOMPARE(dist.data(SortRole).toInt(), d);
        QCOMPARE(dist.data().toString(), view.isIgnored(node) ? QStringLiteral("ignored") : formatDistance(d));
        QCOMPARE(model.isIgnored(name), view.isIgnored(node));
        if (r > 0) {
            const QModelIndex prev = model.index(r - 1, 0);
            if (prev.data(WeakRole).toBool() == name.data(WeakRole).toBool())
                QVERIFY(model.rowDistance(prev) <= d);
        }
    }
}

} // namespace

class TestRetainersIgnore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_chromium = testing::loadSample("chromium_detached_dom_1");
        m_div = m_chromium->nodeForId(53027);
        m_panels = m_chromium->nodeForId(35593);
        QVERIFY(m_div != kNoNode && m_panels != kNoNode);
    }

    void modelShowsTheViewsDistances()
    {
        // Detached <div> @53027 is element 0 of Array @35593 (window.detachedPanels), distance 6; the Array is its
        // nearest retainer (5). Ignored, DevTools gives the div 7 (through its PanelController, 6).
        GraphTreeModel model(GraphTreeModel::Direction::Retainers);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.setAnalysis(m_chromium);
        model.setTarget(m_div);
        QCOMPARE(model.nodeAt(model.index(0, 0)), m_panels);
        QCOMPARE(model.index(0, GraphTreeModel::DistanceColumn).data().toString(), QStringLiteral("5"));

        auto view = RetainersView::compute(m_chromium, { m_panels });
        QVERIFY(view);
        QCOMPARE(view->distance(m_div), 7);
        model.setRetainersView(view);
        QCOMPARE(model.target(), m_div);
        checkRows(model, *view);
        const QModelIndex ignored = rowOf(model, m_panels);
        QVERIFY(ignored.isValid());
        QVERIFY(ignored.data().toString().endsWith(QStringLiteral("(ignored)")));
        QVERIFY(ignored.data(Qt::FontRole).value<QFont>().strikeOut());
        QVERIFY(ignored.data(Qt::ForegroundRole).isValid());
        QVERIFY(ignored.row() > 0); // no longer first: it sorts as unreachable
        // The shortest path now starts at the div's PanelController and never passes the ignored Array.
        const QList<QModelIndex> path = model.shortestPath();
        QVERIFY(!path.isEmpty());
        QCOMPARE(model.rowDistance(path.first()), 6);
        int last = view->distance(m_div);
        for (const QModelIndex& i : path) {
            QVERIFY(model.nodeAt(i) != m_panels);
            QVERIFY(model.rowDistance(i) < last);
            last = model.rowDistance(i);
        }
        for (const QModelIndex& i : path)
            if (model.canFetchMore(i))
                model.fetchMore(i);

        // Undo ("Stop ignoring this retainer" on the only one): the snapshot's own distances again.
        model.setRetainersView(RetainersView::compute(m_chromium, {}));
        QCOMPARE(model.nodeAt(model.index(0, 0)), m_panels);
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex i = model.index(r, GraphTreeModel::DistanceColumn);
            QCOMPARE(i.data().toString(), formatDistance(m_chromium->distance[model.nodeAt(i)]));
        }
        model.setRetainersView(nullptr);
        QCOMPARE(model.index(0, GraphTreeModel::DistanceColumn).data().toString(), QStringLiteral("5"));
    }

    void weakMapHalfIsShownUnreachable()
    {
        // shapes: with root.keys (Array @46195) ignored the WeakMap's keys are unreachable, so the table's half of
        // each pair is ignored too (DevTools' reference: shapes.keys.edges.tsv has table @46267 -> value @53863):
        // that row sorts and shows as unreachable (U+2212 as in DevTools, distance 2e8).
        auto shapes = testing::loadSample("shapes");
        const uint32_t value = shapes->nodeForId(53863), table = shapes->nodeForId(46267);
        QVERIFY(value != kNoNode && table != kNoNode);
        auto view = RetainersView::compute(shapes, { shapes->nodeForId(46195) });
        GraphTreeModel model(GraphTreeModel::Direction::Retainers);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.setAnalysis(shapes);
        model.setRetainersView(view);
        model.setTarget(value);
        checkRows(model, *view);
        const QModelIndex half = rowOf(model, table);
        QVERIFY(half.isValid());
        QVERIFY(view->isEdgeIgnored(model.edgeAt(half)));
        QCOMPARE(model.rowDistance(half), RetainersView::kBaseUnreachableDistance);
        QCOMPARE(model.index(half.row(), GraphTreeModel::DistanceColumn).data().toString(), QString(QChar(0x2212)));
        QVERIFY(model.shortestPath().isEmpty()); // nothing reachable to expand
        // A view of another snapshot never applies.
        model.setRetainersView(RetainersView::compute(m_chromium, { m_panels }));
        QCOMPARE(model.retainersView(), nullptr);
    }

    void paneRecomputesOnAWorkerAndUndoes()
    {
        RetainersPane pane;
        pane.resize(900, 500);
        QAbstractItemModelTester tester(pane.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        pane.setAnalysis(m_chromium);
        pane.setTarget(m_div);
        GraphTreeModel& model = *pane.model();
        QCOMPARE(model.nodeAt(model.index(0, 0)), m_panels);
        const QString before = pane.shortestPathText();
        QVERIFY(before.contains(QStringLiteral("@35593")));

        QSignalSpy changed(&pane, &RetainersPane::retainersViewChanged);
        pane.ignoreNode(m_panels);
        // The click returns at once; the distances arrive from the worker.
        QVERIFY(pane.isRecomputing());
        QCOMPARE(model.retainersView(), nullptr);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 20000);
        QVERIFY(!pane.isRecomputing());
        QVERIFY(model.retainersView());
        QCOMPARE(model.retainersView()->ignoredNodes(), std::vector<uint32_t> { m_panels });
        checkRows(model, *RetainersView::compute(m_chromium, { m_panels }));
        QVERIFY(!pane.shortestPathText().contains(QStringLiteral("@35593")));
        QVERIFY(pane.view()->isExpanded(model.index(0, 0)));

        // Two clicks in a row: the first result is stale when it lands and is dropped; only the second applies.
        const uint32_t window = m_chromium->nodeForId(33667);
        pane.unignoreNode(m_panels); // nothing left: applied at once, no worker
        QCOMPARE(changed.count(), 2);
        QCOMPARE(pane.shortestPathText(), before);
        pane.ignoreNode(window);
        pane.ignoreNode(m_panels);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 3, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!pane.isRecomputing(), 20000);
        QTest::qWait(100);
        QCOMPARE(changed.count(), 3);
        auto expected = RetainersView::compute(m_chromium, { window, m_panels });
        QCOMPARE(model.retainersView()->ignoredNodes(), expected->ignoredNodes());
        checkRows(model, *expected);

        // Another object keeps the ignored set (it belongs to the snapshot); "Stop ignoring all" restores.
        pane.setTarget(m_panels);
        QCOMPARE(model.retainersView()->ignoredNodes(), expected->ignoredNodes());
        pane.unignoreAll();
        QCOMPARE(changed.count(), 4);
        QVERIFY(pane.ignoredNodes().empty());
        pane.setTarget(m_div);
        QCOMPARE(pane.shortestPathText(), before);
        // A new snapshot forgets the set and drops a recomputation still running for the old one.
        pane.ignoreNode(m_panels);
        pane.setAnalysis(testing::loadSample("leak_s3"));
        QVERIFY(pane.ignoredNodes().empty());
        QTest::qWait(300);
        QCOMPARE(model.retainersView(), nullptr);
    }

private:
    std::shared_ptr<const HeapAnalysis> m_chromium;
    uint32_t m_div = kNoNode, m_panels = kNoNode;
};

V8SCOPE_GUI_TEST_MAIN(TestRetainersIgnore)
#include "tst_retainersignore.moc"
