// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// v8scope-gui-bench FILE: opens FILE offscreen the way the window does and prints metric<TAB>value lines
// (issue 9's contract; see bench/gui/README.md):
//   core_ms       loadHeap alone, same process
//   gui_ms        MainWindow::openFile until the Summary model is filled (DocumentLoader, worker, HeapView)
//   max_stall_ms  longest gap between ticks of a 5 ms GUI-thread timer during that load (includes the 5 ms)
//   expand_ms     expand the class with the most objects in the Summary: first page of rows painted
//   filter_ms     the Summary's class filter applied (model + repaint)
//   treemap_ms    Retained-size map: layout + first paint at 1200x800
//   rss_mb        peak resident set size of the process
#include <documenttab.h>
#include <heap/heapanalysis.h>
#include <heap/heaploader.h>
#include <mainwindow.h>
#include <models/summarymodel.h>
#include <pages/heapview.h>
#include <pages/summarypage.h>
#include <pages/treemappage.h>
#include <widgets/treemapwidget.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <sys/resource.h>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

void metric(const char* name, double value)
{
    std::printf("%s\t%.1f\n", name, value);
    std::fflush(stdout);
}

double peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

/// Processes events until `done` or `timeoutMs`.
template <class F> bool spin(F done, int timeoutMs = 600000)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // recent files go to a test location, not the user's settings
    const QStringList args = app.arguments();
    if (args.size() != 2 || args[1].startsWith(QLatin1Char('-'))) {
        std::fprintf(stderr, "usage: v8scope-gui-bench FILE\n");
        return 2;
    }
    const QString path = args[1];

    {
        QElapsedTimer t;
        t.start();
        auto loaded = loadHeap(path.toStdString(), {}, {});
        if (!loaded.ok()) {
            std::fprintf(stderr, "v8scope-gui-bench: %s\n", loaded.error().toString().c_str());
            return 2;
        }
        metric("core_ms", double(t.nsecsElapsed()) / 1e6);
    } // freed before the window loads the file again

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QElapsedTimer sinceTick;
    double maxGap = 0;
    QTimer ticker;
    ticker.setInterval(5);
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        maxGap = std::max(maxGap, double(sinceTick.nsecsElapsed()) / 1e6);
        sinceTick.restart();
    });

    QElapsedTimer t;
    t.start();
    sinceTick.start();
    ticker.start();
    window.openFile(path);
    DocumentTab* tab = window.documentTab(0);
    const bool ok = spin([&] {
        return tab->state() == DocumentTab::State::Failed
            || (tab->state() == DocumentTab::State::Heap && tab->heapView()->summaryPage()->model()->rowCount() > 0);
    });
    const double guiMs = double(t.nsecsElapsed()) / 1e6;
    ticker.stop();
    if (!ok || tab->state() != DocumentTab::State::Heap) {
        std::fprintf(stderr, "v8scope-gui-bench: %s\n", qPrintable(tab->errorText()));
        return 2;
    }
    metric("gui_ms", guiMs);
    metric("max_stall_ms", maxGap);

    HeapView* view = tab->heapView();
    SummaryPage* summary = view->summaryPage();
    SummaryModel* model = summary->model();
    QTreeView* tree = summary->view();
    tree->viewport()->repaint();
    int biggest = 0;
    for (int r = 1; r < model->rowCount(); ++r)
        if ((*model->summary().rows)[model->classIndexAt(r)].count
            > (*model->summary().rows)[model->classIndexAt(biggest)].count)
            biggest = r;
    t.restart();
    const QModelIndex cls = model->index(biggest, 0);
    tree->expand(cls);
    tree->scrollTo(model->index(0, 0, cls), QAbstractItemView::PositionAtTop);
    tree->viewport()->repaint();
    metric("expand_ms", double(t.nsecsElapsed()) / 1e6);
    std::fprintf(stderr, "expanded %s: %u objects\n", qPrintable(cls.data().toString()),
        (*model->summary().rows)[model->classIndexAt(biggest)].count);

    t.restart();
    model->setFilter(QStringLiteral("Array"));
    tree->viewport()->repaint();
    metric("filter_ms", double(t.nsecsElapsed()) / 1e6);
    model->setFilter({});

    TreemapWidget* map = view->treemapPage()->map();
    map->resize(1200, 800);
    t.restart();
    map->ensureLayout();
    map->repaint();
    metric("treemap_ms", double(t.nsecsElapsed()) / 1e6);
    std::fprintf(stderr, "treemap: %zu frames\n", map->rects().size());

    metric("rss_mb", peakRssMb());
    return 0;
}
