// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The Retainer Graph view on leak_s3 (offscreen): a Session's graph holds Map -> (array) -> Session as `v8scope
// retainers` prints the path; hit tests find every box; clicks select and expand (exactly the retainers the
// snapshot's reverse graph gives); the keys move, expand and zoom; the rendering has the class colours, the
// path colour and the palette's background where the scene puts them; the window's tab follows the selection.
#include "guitestmain.h"
#include "heaptestutil.h"

#include <documenttab.h>
#include <heap/heapanalysis.h>
#include <mainwindow.h>
#include <models/retainergraphscene.h>
#include <models/summarymodel.h>
#include <pages/heapview.h>
#include <pages/retainergraphpage.h>
#include <pages/retainerspane.h>
#include <pages/summarypage.h>
#include <pages/treepage.h>
#include <widgets/classcolors.h>
#include <widgets/retainergraphwidget.h>

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>

#include <set>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

std::shared_ptr<const HeapAnalysis> leakS3()
{
    static const std::shared_ptr<const HeapAnalysis> a = testing::loadSample("leak_s3");
    return a;
}

/// The distinct objects retaining `node` through DevTools' Retainers-view edges (not weak, not from the root),
/// straight from the reverse graph.
std::set<uint32_t> retainersOf(const HeapAnalysis& a, uint32_t node)
{
    std::set<uint32_t> out;
    for (uint32_t k = a.retainers.firstRetainer[node]; k < a.retainers.firstRetainer[node + 1]; ++k)
        if (!a.retainers.weak.get(k) && a.retainers.retainerNode[k] != a.root())
            out.insert(a.retainers.retainerNode[k]);
    return out;
}

bool sameColour(const QColor& x, const QColor& y, int tolerance = 2)
{
    return std::abs(x.red() - y.red()) <= tolerance && std::abs(x.green() - y.green()) <= tolerance
        && std::abs(x.blue() - y.blue()) <= tolerance;
}

bool waitScene(RetainerGraphPage& page, QSignalSpy& spy, int before)
{
    return QTest::qWaitFor([&] { return spy.count() > before && !page.isBusy(); }, 30000);
}

} // namespace

class TestRetainerGraph : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(leakS3());
    }

    void hitTestAndClicks()
    {
        const HeapAnalysis& a = *leakS3();
        const uint32_t session = a.nodeForId(108097);
        QVERIFY(session != kNoNode);
        RetainerGraphWidget w;
        w.setAnalysis(leakS3());
        w.resize(1000, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setScene(makeRetainerGraphScene(a, buildRetainerGraph(a, session, {}), w.font()));
        const RetainerGraphScene& s = *w.scene();
        // `v8scope retainers --id 108097`: ... Map @75559 --table--> (array) @96345 --4925--> Session @108097.
        const uint32_t map = s.find(a.nodeForId(75559)), array = s.find(a.nodeForId(96345));
        QVERIFY(map != kNoNode && array != kNoNode);
        QCOMPARE(s.graph.nodes[array].level, 1u);
        QCOMPARE(s.graph.nodes[map].level, 2u);
        bool mapToArray = false, arrayToSession = false;
        for (const auto& e : s.graph.edges) {
            mapToArray |= e.from == map && e.to == array && e.onPath;
            arrayToSession |= e.from == array && e.to == 0 && e.onPath;
        }
        QVERIFY(mapToArray);
        QVERIFY(arrayToSession);

        // Every box is found at its centre; the margin around the graph is empty.
        for (uint32_t i = 0; i < s.graph.nodes.size(); ++i) {
            const QRectF r = w.viewRect(i);
            QVERIFY(r.width() > 4);
            QCOMPARE(w.nodeAt(r.center()), i);
        }
        QCOMPARE(w.nodeAt(QPointF(2, 2)), kNoNode);

        // A click on a box selects its object; on the "+" of the unexpanded Context it asks for an expansion.
        QSignalSpy clicked(&w, &RetainerGraphWidget::objectClicked);
        QSignalSpy expand(&w, &RetainerGraphWidget::expandRequested);
        QTest::mouseClick(&w, Qt::LeftButton, {}, w.viewRect(map).center().toPoint());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toUInt(), a.nodeForId(75559));
        QCOMPARE(expand.count(), 0);
        QCOMPARE(w.currentIndex(), map);
        const uint32_t context = s.find(a.nodeForId(6163));
        QVERIFY(context != kNoNode);
        QVERIFY(s.graph.canExpand(context));
        const QRectF plus = s.expander(context);
        // The "+" in widget coordinates: its offset inside the box, scaled.
        const QPointF plusView = w.viewRect(context).topLeft() + (plus.center() - s.box(context).topLeft()) * w.zoom();
        QVERIFY(w.onExpander(plusView));
        QTest::mouseClick(&w, Qt::LeftButton, {}, plusView.toPoint());
        QCOMPARE(expand.count(), 1);
        QCOMPARE(expand.at(0).at(0).toUInt(), context);

        // Keys: Home selects the object; Up goes one level toward the roots; + zooms in; Enter on an expandable box.
        w.setFocus();
        QTest::keyClick(&w, Qt::Key_Home);
        QCOMPARE(w.currentIndex(), 0u);
        QTest::keyClick(&w, Qt::Key_Up);
        QCOMPARE(s.graph.nodes[w.currentIndex()].level, 1u);
        const double zoom = w.zoom();
        QTest::keyClick(&w, Qt::Key_Plus);
        QVERIFY(w.zoom() > zoom);
        QTest::keyClick(&w, Qt::Key_Minus);
        QVERIFY(std::abs(w.zoom() - zoom) < 1e-9);
        w.setCurrentIndex(context);
        QTest::keyClick(&w, Qt::Key_Return);
        QCOMPARE(expand.count(), 2);
        // The tooltip's path runs from a box down to the object through the graph.
        const QString path = w.pathToObject(map);
        QVERIFY(path.startsWith(QStringLiteral("Map @75559")));
        QVERIFY(path.contains(QStringLiteral("-> table (internal) -> (array) @96345")));
        QVERIFY(path.endsWith(QStringLiteral("-> 4925 (internal) -> Session @108097")));
    }

    void expansionAddsTheRetainers()
    {
        const HeapAnalysis& a = *leakS3();
        RetainerGraphPage page(leakS3());
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy changed(&page, &RetainerGraphPage::sceneChanged);
        page.setTarget(a.nodeForId(108097));
        QVERIFY(waitScene(page, changed, 0));
        const RetainerGraph before = page.graph()->scene()->graph; // a copy: the page replaces the scene
        const uint32_t context = before.find(a.nodeForId(6163));
        QVERIFY(context != kNoNode);
        // Expected: the Context's retainers (reverse graph, filter applied) not in the graph yet, at most 8 (fan-in),
        // plus a "+K more" node when there are more than 8.
        const std::set<uint32_t> retainers = retainersOf(a, before.nodes[context].node);
        QVERIFY(!retainers.empty());
        uint32_t fresh = 0;
        for (const uint32_t r : retainers)
            fresh += before.find(r) == kNoNode;
        const uint32_t fanIn = RetainerGraphOptions {}.fanIn;
        const size_t expected
            = before.nodes.size() + std::min<uint32_t>(fresh, fanIn) + (retainers.size() > fanIn ? 1 : 0);
        const QRectF where = page.graph()->viewRect(context);
        page.graph()->expandRequested(context);
        QVERIFY(waitScene(page, changed, 1));
        const RetainerGraphScene* after = page.graph()->scene();
        QCOMPARE(after->graph.nodes.size(), expected);
        const uint32_t again = after->find(a.nodeForId(6163));
        QVERIFY(after->graph.nodes[again].expanded);
        for (const auto& n : after->graph.nodes)
            if (n.node != kNoNode && before.find(n.node) == kNoNode) {
                QVERIFY(retainers.count(n.node));
                QCOMPARE(n.level, after->graph.nodes[again].level + 1);
            }
        // The expanded box stayed where it was on screen.
        QVERIFY((page.graph()->viewRect(again).center() - where.center()).manhattanLength() < 1.0);
    }

    void offscreenRendering_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void offscreenRendering()
    {
        QFETCH(bool, dark);
        const HeapAnalysis& a = *leakS3();
        RetainerGraphWidget w;
        if (dark) {
            QPalette p = w.palette();
            p.setColor(QPalette::Base, QColor(30, 30, 30));
            p.setColor(QPalette::Text, QColor(230, 230, 230));
            p.setColor(QPalette::Window, QColor(45, 45, 45));
            w.setPalette(p);
        }
        w.setAnalysis(leakS3());
        w.setScene(makeRetainerGraphScene(a, buildRetainerGraph(a, a.nodeForId(108097), {}), w.font()));
        const RetainerGraphScene& s = *w.scene();
        const QImage image = w.renderImage(1.0);
        QCOMPARE(image.size(), QSize(int(std::ceil(s.bounds().width())), int(std::ceil(s.bounds().height()))));
        // The margin is the palette's background.
        QCOMPARE(image.pixelColor(2, 2), w.palette().color(QPalette::Base));
        // Inside each object's box, between its border and its text: the class colour.
        for (uint32_t i = 0; i < s.graph.nodes.size(); ++i) {
            const uint32_t node = s.graph.nodes[i].node;
            if (node == kNoNode)
                continue;
            const QRectF b = s.box(i);
            const QColor at = image.pixelColor(int(b.left() + 4.5), int(b.center().y()));
            QVERIFY2(
                sameColour(at, classColor(a.className(node))), qPrintable(s.title[i] + QLatin1Char(' ') + at.name()));
        }
        // Along the shortest path's edges (between the layers, away from the labels): the path colour.
        const QColor path = dark ? QColor(255, 122, 99) : QColor(192, 57, 43);
        int checked = 0;
        for (uint32_t k = 0; k < s.graph.edges.size(); ++k) {
            if (!s.graph.edges[k].onPath)
                continue;
            const auto& r = s.layout.routes[k];
            const QPointF a0(r.points[0].x + RetainerGraphScene::kMargin, r.points[0].y + RetainerGraphScene::kMargin);
            const QPointF a1(r.points[1].x + RetainerGraphScene::kMargin, r.points[1].y + RetainerGraphScene::kMargin);
            if (std::abs(a0.x() - a1.x()) > 0.5)
                continue; // a curve: its pixels are not at a point known here
            const QPoint p(int(a0.x()), int(a0.y() + (a1.y() - a0.y()) * 0.85));
            QVERIFY2(sameColour(image.pixelColor(p), path, 40), qPrintable(image.pixelColor(p).name()));
            ++checked;
        }
        QVERIFY(checked > 0);
    }

    void windowTabFollowsTheSelection()
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        window.openFile(QStringLiteral(V8SCOPE_SAMPLES "/heap/leak_s3.heapsnapshot.gz"));
        DocumentTab* tab = window.documentTab(0);
        QVERIFY(QTest::qWaitFor(
            [tab] {
                return tab->state() == DocumentTab::State::Heap
                    && tab->heapView()->summaryPage()->model()->rowCount() > 0;
            },
            120000));
        HeapView* view = tab->heapView();
        RetainerGraphPage* page = view->retainerGraphPage();
        QSignalSpy changed(page, &RetainerGraphPage::sceneChanged);
        view->goToObject(QStringLiteral("@108097"));
        const HeapAnalysis& a = *view->document().analysis;
        const uint32_t session = a.nodeForId(108097);
        // Hidden: nothing is built until the tab is shown.
        QCOMPARE(changed.count(), 0);
        view->pages()->setCurrentWidget(page);
        QVERIFY(waitScene(*page, changed, 0));
        QCOMPARE(page->target(), session);
        // A click on a box selects its object in the window (details, history); the graph stays.
        RetainerGraphWidget* w = page->graph();
        const uint32_t map = w->scene()->find(a.nodeForId(75559));
        QTest::mouseClick(w, Qt::LeftButton, {}, w->viewRect(map).center().toPoint());
        QCOMPARE(view->selectedNode(), a.nodeForId(75559));
        QCOMPARE(page->target(), session);
        QCOMPARE(w->currentIndex(), map);
        view->goBack();
        QCOMPARE(view->selectedNode(), session);
        QCOMPARE(w->currentIndex(), 0u);
        // An object not in the graph becomes the new graph's object.
        const uint32_t root = a.root();
        view->selectNode(a.dominatedChild(root, 0));
        QVERIFY(waitScene(*page, changed, 1));
        QCOMPARE(page->target(), a.dominatedChild(root, 0));
        // "Show Retainer Graph" in an object's context menu (here the Dominators tree's): its graph, in the tab.
        view->pages()->setCurrentWidget(view->dominatorsPage());
        const uint32_t other = a.nodeForId(96345);
        Q_EMIT view->dominatorsPage()->graphRequested(other);
        QCOMPARE(view->pages()->currentWidget(), page);
        QVERIFY(waitScene(*page, changed, 2));
        QCOMPARE(page->target(), other);
        QCOMPARE(view->selectedNode(), other);
        // Save as PNG writes the whole graph.
        const QString png = QDir::temp().filePath(QStringLiteral("v8scope-retainer-graph-test.png"));
        QVERIFY(page->savePng(png));
        QImage saved(png);
        const QRectF bounds = w->scene()->bounds();
        QCOMPARE(saved.size(), QSize(int(std::ceil(bounds.width())), int(std::ceil(bounds.height()))));
        QFile::remove(png);
    }
};

V8SCOPE_GUI_TEST_MAIN(TestRetainerGraph)
#include "tst_retainergraph.moc"
