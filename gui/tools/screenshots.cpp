// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// v8scope-gui-screenshots OUTDIR SNAPSHOT [BROKEN_FILE] [--dark]: drives the real window (Fusion style, a fixed
// light or dark palette, 1400x900) and saves one PNG per view into OUTDIR, for docs/screenshots
// (scripts/screenshots.sh runs it under xvfb-run). Not installed.
#include <documenttab.h>
#include <heap/heapanalysis.h>
#include <mainwindow.h>
#include <models/summarymodel.h>
#include <pages/heapview.h>
#include <pages/retainerspane.h>
#include <pages/statisticspage.h>
#include <pages/summarypage.h>
#include <pages/treemappage.h>
#include <pages/treepage.h>
#include <widgets/treemapwidget.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPalette>
#include <QStandardPaths>
#include <QStyleFactory>
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

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QStringList args = app.arguments().mid(1);
    const bool dark = args.removeAll(QStringLiteral("--dark")) > 0;
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

    if (args.size() > 2) {
        window.openFile(args[2]);
        DocumentTab* broken = window.documentTab(1);
        waitFor(broken);
        save(&window, QStringLiteral("error"));
    }
    return 0;
}
