// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// QAbstractItemModelTester on every heap model, driven through expansion, paging, filtering and sorting on a
// real sample; plus the rows the models show checked against the core's arrays.
#include "guitestmain.h"
#include "heaptestutil.h"

#include <heap/heapanalysis.h>
#include <models/documentloader.h>
#include <models/dominatortreemodel.h>
#include <models/graphtreemodel.h>
#include <models/roles.h>
#include <models/summarymodel.h>

#include <QAbstractItemModelTester>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

/// Reads every cell of `depth` levels below `parent` in every role the views use (the tester checks structure;
/// this makes sure data() answers for every row kind without crashing).
void touchAll(QAbstractItemModel& m, const QModelIndex& parent, int depth)
{
    const int rows = std::min(m.rowCount(parent), 25);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < m.columnCount(parent); ++c) {
            const QModelIndex i = m.index(r, c, parent);
            for (int role : { int(Qt::DisplayRole), int(Qt::ToolTipRole), int(SortRole), int(ShareRole), int(NodeRole),
                     int(MoreRowRole), int(Qt::FontRole), int(Qt::TextAlignmentRole) })
                m.data(i, role);
        }
        if (depth > 0) {
            const QModelIndex child = m.index(r, 0, parent);
            if (m.canFetchMore(child))
                m.fetchMore(child);
            touchAll(m, child, depth - 1);
        }
    }
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_analysis = testing::loadSample("leak_s3");
        m_summary = makeHeapSummary(m_analysis);
    }

    void summaryModel()
    {
        SummaryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSummary(m_summary);
        QCOMPARE(model.rowCount(), int(m_summary.rows->size()));
        // Row 0 is the CLI's first summary row (README: global, retained 2,449,035).
        QCOMPARE(model.index(0, SummaryModel::NameColumn).data().toString(), QStringLiteral("global"));
        QCOMPARE(model.index(0, SummaryModel::RetainedColumn).data(SortRole).toULongLong(), 2449035ull);
        touchAll(model, {}, 2);

        // The class with the most objects pages: 100 objects + a pager.
        int big = -1;
        for (int r = 0; r < model.rowCount(); ++r)
            if (big < 0
                || (*m_summary.rows)[model.classIndexAt(r)].count > (*m_summary.rows)[model.classIndexAt(big)].count)
                big = r;
        const QModelIndex cls = model.index(big, 0);
        const auto& row = (*m_summary.rows)[model.classIndexAt(big)];
        QVERIFY(row.nodes.size() > 250);
        QCOMPARE(model.rowCount(cls), 101);
        QModelIndex pager = model.index(100, 0, cls);
        QVERIFY(model.isPager(pager));
        QCOMPARE(model.nodeAt(pager), kNoNode);
        QCOMPARE(model.nodeAt(model.index(0, 0, cls)), row.nodes[0]);
        const QPersistentModelIndex kept(model.index(99, 0, cls));
        model.showMore(pager, false);
        QCOMPARE(model.rowCount(cls), 201);
        QCOMPARE(model.nodeAt(kept), row.nodes[99]); // shown rows keep their place
        QVERIFY(!model.isPager(model.index(100, 0, cls)));
        QCOMPARE(model.nodeAt(model.index(100, 0, cls)), row.nodes[100]);
        QVERIFY(model.isPager(model.index(200, 0, cls)));
        model.showMore(model.index(200, 0, cls), true);
        QCOMPARE(model.rowCount(cls), int(row.nodes.size()));
        // Objects come biggest retained first.
        for (int r = 1; r < model.rowCount(cls); ++r)
            QVERIFY(model.index(r - 1, SummaryModel::RetainedColumn, cls).data(SortRole).toULongLong()
                >= model.index(r, SummaryModel::RetainedColumn, cls).data(SortRole).toULongLong());
        // An object expands to its outgoing edges; an edge row names its target.
        const QModelIndex obj = model.index(0, 0, cls);
        const auto& s = *m_analysis->snapshot;
        const uint32_t node = model.nodeAt(obj);
        const uint32_t edges = s.firstEdge[node + 1] - s.firstEdge[node];
        QCOMPARE(model.rowCount(obj), int(std::min<uint32_t>(edges, 100) + (edges > 100 ? 1 : 0)));
        if (edges > 0) {
            const QModelIndex e = model.index(0, 0, obj);
            QCOMPARE(model.edgeAt(e), s.firstEdge[node]);
            QCOMPARE(model.nodeAt(e), s.edgeTarget[s.firstEdge[node]]);
            QCOMPARE(model.parent(e), obj);
        }

        // indexOfNode pages forward to a member far down a class.
        model.setSummary(m_summary);
        const uint32_t far = row.nodes[row.nodes.size() - 1];
        const QModelIndex found = model.indexOfNode(far);
        QVERIFY(found.isValid());
        QCOMPARE(model.nodeAt(found), far);

        // Sorting keeps expanded rows attached to their classes; filtering keeps matching classes only.
        model.sort(SummaryModel::CountColumn, Qt::DescendingOrder);
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.index(r - 1, SummaryModel::CountColumn).data(SortRole).toUInt()
                >= model.index(r, SummaryModel::CountColumn).data(SortRole).toUInt());
        model.sort(SummaryModel::NameColumn, Qt::AscendingOrder);
        model.setFilter(QStringLiteral("ARRAY"));
        QVERIFY(model.rowCount() > 0);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.index(r, 0).data().toString().contains(QStringLiteral("array"), Qt::CaseInsensitive));
        touchAll(model, {}, 2);
        model.setFilter(QStringLiteral("no class is called this"));
        QCOMPARE(model.rowCount(), 0);
        model.setFilter({});
        model.sort(SummaryModel::RetainedColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("global"));
    }

    void dominatorTreeModel()
    {
        DominatorTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAnalysis(m_analysis);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(model.nodeAt(root), m_analysis->root());
        const uint32_t kids = m_analysis->dominatedCount(m_analysis->root());
        QCOMPARE(model.rowCount(root), int(std::min<uint32_t>(kids, 100) + (kids > 100 ? 1 : 0)));
        touchAll(model, {}, 3);
        for (int r = 0; r < std::min(model.rowCount(root), 100); ++r) {
            const QModelIndex child = model.index(r, 0, root);
            QCOMPARE(model.nodeAt(child), m_analysis->dominatedChild(m_analysis->root(), uint32_t(r)));
            QCOMPARE(model.parent(child), root);
        }
        // The deepest node of the sample's biggest chain: indexOfNode expands its way there.
        uint32_t deep = m_analysis->root();
        while (m_analysis->dominatedCount(deep) > 0)
            deep = m_analysis->dominatedChild(deep, m_analysis->dominatedCount(deep) - 1); // last child: paging
        const QModelIndex found = model.indexOfNode(deep);
        QVERIFY(found.isValid());
        QCOMPARE(model.nodeAt(found), deep);
        int depth = 0;
        for (QModelIndex p = found; p.isValid(); p = p.parent())
            ++depth;
        QVERIFY(depth >= 2);
    }

    void retainersModel()
    {
        GraphTreeModel model(GraphTreeModel::Direction::Retainers);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The tester would fetch inside its modelReset handler, where it still counts the reset as in flight;
        // this test fetches explicitly instead.
        tester.setUseFetchMore(false);
        model.setAnalysis(m_analysis);
        QCOMPARE(model.rowCount(), 0);
        // A member of the biggest leaking class: retainers, nearest to the root first.
        const auto& rows = *m_summary.rows;
        uint32_t target = kNoNode;
        for (const auto& r : rows)
            if (r.name == "LeakyItem" || r.name == "Session")
                target = r.nodes.front();
        if (target == kNoNode)
            target = rows[3].nodes.front();
        model.setTarget(target);
        QVERIFY(model.rowCount() > 0);
        for (int r = 1; r < model.rowCount(); ++r) {
            const bool weakPrev = model.index(r - 1, 0).data(WeakRole).toBool();
            const bool weak = model.index(r, 0).data(WeakRole).toBool();
            if (weakPrev == weak) {
                const int dPrev = m_analysis->distance[model.nodeAt(model.index(r - 1, 0))];
                const int d = m_analysis->distance[model.nodeAt(model.index(r, 0))];
                QVERIFY(dPrev < 0 || d < 0 || dPrev <= d);
            }
        }
        const QList<QModelIndex> path = model.shortestPath();
        QVERIFY(!path.isEmpty());
        // Each step of the path is strictly nearer the root than the object it retains.
        int last = m_analysis->distance[target];
        for (const QModelIndex& i : path) {
            QVERIFY(i.data(HighlightRole).toBool());
            const int d = m_analysis->distance[model.nodeAt(i)];
            QVERIFY2(d < last, qPrintable(QStringLiteral("%1 !< %2").arg(d).arg(last)));
            last = d;
        }
        const QString text = model.pathText(path.last());
        QCOMPARE(text.count(QLatin1Char('\n')), path.size());
        QVERIFY(text.endsWith(QStringLiteral("@%1").arg(m_analysis->snapshot->nodeId[target])));
        touchAll(model, {}, 3);
        model.setTarget(kNoNode);
        QCOMPARE(model.rowCount(), 0);
    }

    void containmentModel()
    {
        GraphTreeModel model(GraphTreeModel::Direction::Containment);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.setAnalysis(m_analysis);
        const auto& s = *m_analysis->snapshot;
        const uint32_t root = m_analysis->root();
        const uint32_t edges = s.firstEdge[root + 1] - s.firstEdge[root];
        QCOMPARE(model.rowCount(), int(std::min<uint32_t>(edges, 100)));
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), int(edges));
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.nodeAt(model.index(r, 0)), s.edgeTarget[s.firstEdge[root] + uint32_t(r)]);
        touchAll(model, {}, 3);
    }

private:
    std::shared_ptr<const HeapAnalysis> m_analysis;
    HeapSummary m_summary;
};

V8SCOPE_GUI_TEST_MAIN(TestModels)
#include "tst_models.moc"
