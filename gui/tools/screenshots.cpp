// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// v8scope-gui-screenshots OUTDIR SNAPSHOT [BROKEN_FILE] [--dark] [--open FILE]... [--claims CLAIMS]: drives the real
// window (Fusion style, a fixed light or dark palette, 1400x900) and saves one PNG per view into OUTDIR, for
// docs/screenshots (scripts/screenshots.sh runs it under xvfb-run). With --claims, the --open files are opened
// after the views of SNAPSHOT (a file named like SNAPSHOT's first sibling goes first: heap claims compare the
// first and last snapshot in tab order), then the claims panel, one evidence click and the first CPU profile's
// flame graph (cpu-window) are saved, and SNAPSHOT's
// Summary filtered to the objects allocated between the first snapshot and it. With --allocations FILE (a
// snapshot recorded with allocation tracking), its Allocations tab with an object's allocation stack. With
// --ignore-retainer FILE#ID, object @ID of FILE with its nearest retainer ignored (heap-retainers-ignored). Not
// installed.
#include <documenttab.h>
#include <heap/heapanalysis.h>
#include <mainwindow.h>
#include <models/graphtreemodel.h>
#include <models/summarymodel.h>
#include <pages/allocationspage.h>
#include <pages/claimspage.h>
#include <pages/cpuview.h>
#include <pages/heapview.h>
#include <pages/objectdetails.h>
#include <pages/retainergraphpage.h>
#include <pages/retainerspane.h>
#include <pages/statisticspage.h>
#include <pages/summarypage.h>
#include <pages/treemappage.h>
#include <pages/treepage.h>
#include <widgets/retainergraphwidget.h>
#include <widgets/treemapwidget.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPalette>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>

#include <cstdio>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(220, 220, 220), disabled(128, 128, 128);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(40, 40, 43));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    p.setColor(QPalette::Highlight, QColor(42, 110, 190));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    return p;
}

void settle(int ms = 150)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool waitFor(DocumentTab* tab)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (tab->state() == DocumentTab::State::Failed)
            return true;
        if (tab->state() == DocumentTab::State::Heap && tab->heapView()->summaryPage()->model()->rowCount() > 0)
            return true;
    }
    return false;
}

bool waitLoaded(MainWindow& window)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        bool done = true;
        for (int i = 0; i < window.documentCount(); ++i)
            if (DocumentTab* tab = window.documentTab(i); tab && tab->state() == DocumentTab::State::Loading)
                done = false;
        if (done)
            return true;
    }
    return false;
}

/// Takes `--name VALUE` pairs out of `args`.
QStringList takeOption(QStringList& args, const QString& name)
{
    QStringList values;
    for (int i = 0; i + 1 < args.size();) {
        if (args[i] == name) {
            values << args[i + 1];
            args.remove(i, 2);
        } else {
            ++i;
        }
    }
    return values;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QStringList args = app.arguments().mid(1);
    const bool dark = args.removeAll(QStringLiteral("--dark")) > 0;
    const QStringList extra = takeOption(args, QStringLiteral("--open"));
    const QStringList claims = takeOption(args, QStringLiteral("--claims"));
    const QStringList allocations = takeOption(args, QStringLiteral("--allocations"));
    const QStringList ignoreRetainer = takeOption(args, QStringLiteral("--ignore-retainer"));
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: v8scope-gui-screenshots OUTDIR SNAPSHOT [BROKEN_FILE] [--dark]\n");
        return 2;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
    const QString out = args[0];
    QDir().mkpath(out);
    const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral(".png");
    auto save = [&](QWidget* w, const QString& name) {
        settle();
        const QString file = out + QLatin1Char('/') + name + suffix;
        if (!w->grab().save(file, "PNG"))
            std::fprintf(stderr, "could not write %s\n", qPrintable(file));
        else
            std::printf("%s\n", qPrintable(file));
    };

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    settle();
    save(&window, QStringLiteral("welcome"));

    window.openFile(args[1]);
    DocumentTab* tab = window.documentTab(0);
    if (!waitFor(tab) || tab->state() != DocumentTab::State::Heap) {
        std::fprintf(stderr, "could not load %s: %s\n", qPrintable(args[1]), qPrintable(tab->errorText()));
        return 2;
    }
    HeapView* view = tab->heapView();
    SummaryPage* summary = view->summaryPage();
    SummaryModel* model = summary->model();
    // A leak worth looking at: the first class whose name says so (the bundled leak app's LeakyItem /
    // Session / ...), else the fourth row; expand it and select its biggest object.
    int row = std::min(3, model->rowCount() - 1);
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString name = model->index(r, 0).data().toString();
        if (name.contains(QStringLiteral("Leak")) || name.contains(QStringLiteral("Session"))) {
            row = r;
            break;
        }
    }
    const QModelIndex cls = model->index(row, 0);
    summary->view()->expand(cls);
    const QModelIndex obj = model->index(0, 0, cls);
    summary->view()->expand(obj);
    summary->view()->setCurrentIndex(obj);
    save(&window, QStringLiteral("heap-summary"));

    summary->filterLine()->setText(QStringLiteral("Array"));
    settle(400);
    save(&window, QStringLiteral("heap-summary-filter"));
    summary->filterLine()->clear();
    settle(400);

    view->pages()->setCurrentWidget(view->containmentPage());
    QTreeView* containment = view->containmentPage()->view();
    containment->expand(containment->model()->index(0, 0));
    save(&window, QStringLiteral("heap-containment"));

    view->pages()->setCurrentWidget(view->dominatorsPage());
    view->selectNode(model->nodeAt(obj), true);
    save(&window, QStringLiteral("heap-dominators"));

    view->pages()->setCurrentWidget(view->treemapPage());
    const HeapAnalysis& a = *view->document().analysis;
    view->treemapPage()->map()->setFocusNode(a.root());
    save(&window, QStringLiteral("heap-map"));
    // Zoom once into the biggest child, to show the breadcrumb.
    if (a.dominatedCount(a.root()) > 0)
        view->treemapPage()->map()->setFocusNode(a.dominatedChild(a.root(), 0));
    save(&window, QStringLiteral("heap-map-zoomed"));

    view->pages()->setCurrentWidget(view->statisticsPage());
    save(&window, QStringLiteral("heap-statistics"));

    // The retainer graph of a leaking Session (the README's @108097 when present, else the selected object).
    {
        RetainerGraphPage* graph = view->retainerGraphPage();
        const uint32_t session = a.nodeForId(108097);
        view->selectNode(session != kNoNode ? session : model->nodeAt(obj));
        view->pages()->setCurrentWidget(graph);
        QElapsedTimer t;
        t.start();
        while ((graph->isBusy() || !graph->graph()->scene()) && t.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        settle(300);
        save(&window, QStringLiteral("heap-retainer-graph"));
        // Its top box expanded one level: shared retainers converge, the rest of a wide fan-in is one "+K more".
        const RetainerGraphScene* scene = graph->graph()->scene();
        uint32_t top = kNoNode;
        for (uint32_t i = 0; scene && i < scene->graph.nodes.size(); ++i)
            if (scene->graph.canExpand(i) && scene->graph.nodes[i].node != kNoNode
                && (top == kNoNode || scene->graph.nodes[i].level > scene->graph.nodes[top].level))
                top = i;
        if (top != kNoNode) {
            graph->expand(top);
            t.restart();
            while (graph->isBusy() && t.elapsed() < 30000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            graph->graph()->fitToView();
            settle(300);
            save(&window, QStringLiteral("heap-retainer-graph-expanded"));
        }
    }

    if (args.size() > 2) {
        window.openFile(args[2]);
        DocumentTab* broken = window.documentTab(1);
        waitFor(broken);
        save(&window, QStringLiteral("error"));
    }

    if (!claims.isEmpty()) {
        for (const QString& f : extra)
            window.openFile(f);
        if (!waitLoaded(window))
            return 2;
        // The snapshot opened last that sorts before SNAPSHOT (leak_s1 before leak_s3) becomes the first tab.
        for (int i = window.documentCount() - 1; i > 0; --i) {
            DocumentTab* t = window.documentTab(i);
            if (t && t->state() == DocumentTab::State::Heap && t->path() < window.documentTab(0)->path()) {
                window.tabs()->tabBar()->moveTab(i, 0);
                break;
            }
        }
        ClaimsPage* page = openClaims(window, claims.first());
        QElapsedTimer t;
        t.start();
        while ((page->isEvaluating() || !page->model()->result()) && t.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        save(&window, QStringLiteral("claims"));
        // The evidence of the first failing blocking claim (else the first failing one): what a click shows.
        int row = -1;
        for (int r = 0; r < page->model()->rowCount(); ++r) {
            const ClaimRow* cr = page->model()->rowAt(r);
            if (cr->outcome.status != ClaimOutcome::Status::Fail)
                continue;
            if (row < 0 || cr->outcome.evidence.kind == ClaimEvidence::Kind::Stretch)
                row = r;
            if (cr->outcome.evidence.kind == ClaimEvidence::Kind::Stretch)
                break;
        }
        if (row >= 0) {
            page->showEvidence(row);
            settle(1500);
            save(&window, QStringLiteral("claims-evidence"));
        }
        // The first CPU profile's flame graph in the window, in this palette (frame text on the stable colours).
        for (int i = 0; i < window.documentCount(); ++i) {
            DocumentTab* t = window.documentTab(i);
            auto* cpu = t ? qobject_cast<CpuView*>(t->view()) : nullptr;
            if (!cpu)
                continue;
            window.tabs()->setCurrentWidget(t);
            cpu->tabs()->setCurrentIndex(CpuView::FlameTab);
            QElapsedTimer wait;
            wait.start();
            while ((cpu->isComputing() || !cpu->analysis()) && wait.elapsed() < 60000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            settle(500);
            save(&window, QStringLiteral("cpu-window"));
            break;
        }
        // SNAPSHOT's Summary: the objects allocated between the first open snapshot and it (the leak).
        window.tabs()->setCurrentWidget(tab);
        view->pages()->setCurrentWidget(summary);
        QComboBox* combo = summary->filterCombo();
        for (int i = combo->count() - 1; i >= 0; --i)
            if (combo->itemText(i).startsWith(QStringLiteral("Objects allocated between"))) {
                combo->setCurrentIndex(i);
                break;
            }
        settle(1500);
        summary->view()->expand(model->index(0, 0));
        summary->view()->setCurrentIndex(model->index(0, 0, model->index(0, 0)));
        save(&window, QStringLiteral("heap-summary-between"));
    }

    if (!allocations.isEmpty()) {
        window.openFile(allocations.first());
        if (!waitLoaded(window))
            return 2;
        DocumentTab* t = window.documentTab(window.documentCount() - 1);
        HeapView* v = t->heapView();
        QElapsedTimer timer;
        timer.start();
        while (v && !v->allocationsPage() && timer.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!v || !v->allocationsPage())
            return 2;
        window.tabs()->setCurrentWidget(t);
        v->pages()->setCurrentWidget(v->allocationsPage());
        // An object of the class the top function allocates ("Order" in the bundled sample), for its stack.
        const HeapAnalysis& an = *v->document().analysis;
        for (uint32_t n = 0; n < an.nodeCount(); ++n)
            if (an.className(n) == "Order") {
                v->selectNode(n);
                break;
            }
        v->allocationsPage()->view()->setCurrentIndex(v->allocationsPage()->view()->model()->index(0, 0));
        // A taller bottom pane, and the details scrolled down to the allocation stack.
        for (auto* split : v->findChildren<QSplitter*>())
            if (split->orientation() == Qt::Vertical && split->count() == 2)
                split->setSizes({ 420, 400 });
        settle();
        if (auto* scroll = v->details()->findChild<QScrollArea*>())
            scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
        save(&window, QStringLiteral("heap-allocations"));
    }

    for (const QString& spec : ignoreRetainer) {
        // "Ignore this retainer" on the object's nearest retainer: the pane re-sorts by the recomputed distances.
        const qsizetype hash = spec.lastIndexOf(QLatin1Char('#'));
        window.openFile(spec.left(hash));
        if (!waitLoaded(window))
            return 2;
        DocumentTab* t = window.documentTab(window.documentCount() - 1);
        HeapView* v = t ? t->heapView() : nullptr;
        if (!v)
            return 2;
        window.tabs()->setCurrentWidget(t);
        const uint32_t node = v->document().analysis->nodeForId(spec.mid(hash + 1).toUInt());
        if (node == kNoNode) {
            std::fprintf(stderr, "no object %s\n", qPrintable(spec));
            return 2;
        }
        v->selectNode(node, true);
        RetainersPane* pane = v->retainersPane();
        pane->ignoreNode(pane->model()->nodeAt(pane->model()->index(0, 0)));
        QElapsedTimer timer;
        timer.start();
        while (pane->isRecomputing() && timer.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        for (auto* split : v->findChildren<QSplitter*>())
            if (split->orientation() == Qt::Vertical && split->count() == 2)
                split->setSizes({ 250, 570 });
        // The new shortest path's first three levels and every retainer of the object, the ignored one included:
        // deeper levels list hundreds of the roots' retainers.
        QTreeView* tree = pane->view();
        QModelIndex level = tree->model()->index(0, 0);
        for (int depth = 1; level.isValid(); ++depth, level = tree->model()->index(0, 0, level))
            if (depth == 3)
                tree->collapse(level);
        tree->scrollToTop();
        save(&window, QStringLiteral("heap-retainers-ignored"));
    }
    return 0;
}
