// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// v8scope-gui-bench: opens files offscreen the way the window does and prints metric<TAB>value lines (the metric
// names are a contract of issues 9, 10 and 11; see bench/gui/README.md). Three modes, chosen by the arguments:
//   FILE (heap snapshot)  core_ms core_rss_mb gui_ms max_stall_ms expand_ms filter_ms treemap_ms rss_mb
//   BASE HEAD             core_diff_ms core_rss_mb diff_ms max_stall_ms rss_mb (File > Compare Files; with --tabs:
//                         both snapshots opened in tabs, then File > Compare)
//   FILE (CPU profile)    core_ms core_rss_mb gui_ms max_stall_ms paint_ms (the largest of paint_full_ms,
//                         paint_zoomed_ms, paint_chart_ms) rss_mb
// The core part runs first in the same process; the peak-RSS counter is reset (/proc/self/clear_refs) before the
// window's part, so core_rss_mb and rss_mb are the peaks of each part. The heap analysis cache is off for both
// parts unless --cached is given (then both read a cache written by a warm-up load into a temporary directory).
#include <documenttab.h>
#include <heap/heapanalysis.h>
#include <heap/heaploader.h>
#include <mainwindow.h>
#include <models/comparisonmodel.h>
#include <models/cpuanalysis.h>
#include <models/documentloader.h>
#include <models/summarymodel.h>
#include <pages/comparisonlauncher.h>
#include <pages/comparisonpage.h>
#include <pages/cpuflamepage.h>
#include <pages/cpuview.h>
#include <pages/heapview.h>
#include <pages/summarypage.h>
#include <pages/treemappage.h>
#include <widgets/flamegraph.h>
#include <widgets/treemapwidget.h>

#include <cpu/profilereader.h>
#include <diff/snapshotdiff.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

void metric(const char* name, double value)
{
    std::printf("%s\t%.1f\n", name, value);
    std::fflush(stdout);
}

/// A /proc/self/status memory line ("VmHWM:", "VmRSS:") in MiB; 0 when it cannot be read.
double statusMb(const char* key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qsizetype(std::strlen(key))).trimmed().split(' ').value(0).toDouble() / 1024.0; // kB
    return 0;
}

/// Peak resident set size since start or the last resetPeakRss, in MiB.
double peakRssMb()
{
    return statusMb("VmHWM:");
}

/// Current resident set size, in MiB.
double rssMb()
{
    return statusMb("VmRSS:");
}

/// Starts a new peak-RSS measurement (Linux >= 4.0: writing 5 to clear_refs resets VmHWM to the current RSS).
void resetPeakRss()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

double msSince(const QElapsedTimer& t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

/// Processes events until `done` or `timeoutMs`.
/// Runs the GUI thread's event loop until done() (checked after every batch of events, and at least every 5 ms by a
/// timer's wake-up). The loop sleeps while there is no event, as QApplication::exec() does: a busy loop of
/// processEvents() would take a whole core from the loading workers on a 2-core machine (it made gui_ms 1.30-1.41x
/// core_ms at 300 MB; sleeping, 0.85-1.12x: docs/performance.md).
template <class F> bool spin(F done, int timeoutMs = 1800000)
{
    QElapsedTimer t;
    t.start();
    QTimer wake;
    wake.setInterval(5);
    wake.setTimerType(Qt::PreciseTimer);
    wake.start(); // an event at least every 5 ms: WaitForMoreEvents below never sleeps past a done() that a worker set
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

/// The longest gap between two ticks of a 5 ms GUI-thread timer while it runs (5 means no stall).
class StallMeter
{
public:
    StallMeter()
    {
        m_ticker.setInterval(5);
        m_ticker.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] {
            const double gap = msSince(m_sinceTick);
            if (gap > m_max) {
                m_max = gap;
                m_maxEnd = msSince(m_clock);
            }
            m_sinceTick.restart();
        });
    }
    void start()
    {
        m_clock.start();
        m_sinceTick.start();
        m_ticker.start();
    }
    double stop()
    {
        m_ticker.stop();
        std::fprintf(stderr, "longest stall: %.1f ms, ended %.1f ms after the start\n", m_max, m_maxEnd);
        return m_max;
    }

private:
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    QElapsedTimer m_clock;
    double m_max = 0;
    double m_maxEnd = 0;
};

int fail(const QString& message)
{
    std::fprintf(stderr, "v8scope-gui-bench: %s\n", qPrintable(message));
    return 2;
}

bool waitLoaded(DocumentTab* tab)
{
    return spin([tab] { return tab->state() != DocumentTab::State::Loading; })
        && tab->state() != DocumentTab::State::Failed;
}

int heapBench(MainWindow& window, const QString& path)
{
    {
        QElapsedTimer t;
        t.start();
        auto loaded = loadHeap(path.toStdString(), window.heapLoadOptions(), {});
        if (!loaded.ok())
            return fail(QString::fromStdString(loaded.error().toString()));
        metric("core_ms", msSince(t));
        // The Summary rows are part of the analysis (and of core_ms): the keys beside the dominator tree, then
        // class retained sizes and the order (what the window built after the load until the rows moved there).
        const AnalysisTimings& at = loaded.value().analysis->timings;
        metric("summary_ms", at.summaryKeysMs + at.summaryFinishMs);
        metric("core_rss_mb", peakRssMb());
    } // freed before the window loads the file again
    releaseFreedMemory();
    resetPeakRss();

    StallMeter stalls;
    QElapsedTimer t;
    t.start();
    stalls.start();
    window.openFile(path);
    DocumentTab* tab = window.documentTab(0);
    double heapShownMs = 0;
    const bool ok = spin([&] {
        if (tab->state() == DocumentTab::State::Heap && heapShownMs == 0)
            heapShownMs = msSince(t);
        return tab->state() == DocumentTab::State::Failed
            || (tab->state() == DocumentTab::State::Heap && tab->heapView()->summaryPage()->model()->rowCount() > 0);
    });
    std::fprintf(stderr, "heap view shown after %.1f ms (analysis delivered; the Summary rows follow)\n", heapShownMs);
    const double guiMs = msSince(t);
    const double stall = stalls.stop();
    if (!ok || tab->state() != DocumentTab::State::Heap)
        return fail(tab->errorText());
    metric("gui_ms", guiMs);
    metric("max_stall_ms", stall);

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
    metric("expand_ms", msSince(t));
    std::fprintf(stderr, "expanded %s: %u objects\n", qPrintable(cls.data().toString()),
        (*model->summary().rows)[model->classIndexAt(biggest)].count);

    t.restart();
    model->setFilter(QStringLiteral("Array"));
    tree->viewport()->repaint();
    metric("filter_ms", msSince(t));
    model->setFilter({});

    TreemapWidget* map = view->treemapPage()->map();
    map->resize(1200, 800);
    t.restart();
    map->ensureLayout();
    map->repaint();
    metric("treemap_ms", msSince(t));
    std::fprintf(stderr, "treemap: %zu frames\n", map->rects().size());
    metric("rss_mb", peakRssMb());
    return 0;
}

int diffBench(MainWindow& window, const QString& base, const QString& head, bool tabs, const HeapLoadOptions& load)
{
    {
        // What `v8scope diff BASE HEAD` does: one graph in memory at a time (the base's digest, then the head).
        QElapsedTimer t;
        t.start();
        DiffOptions options;
        options.load = load; // the same cache setting as the window's loads
        auto diff = diffSnapshots(base.toStdString(), head.toStdString(), options, {});
        if (!diff.ok())
            return fail(QString::fromStdString(diff.error().toString()));
        metric("core_diff_ms", msSince(t));
        metric("core_rss_mb", peakRssMb());
        std::fprintf(stderr, "core diff: %zu classes\n", diff.value().classes.size());
    }
    releaseFreedMemory();
    resetPeakRss();

    StallMeter stalls;
    QElapsedTimer t;
    t.start();
    stalls.start();
    ComparisonPage* page = nullptr;
    if (!tabs) {
        // File > Compare Files (v8scope-gui --compare BASE HEAD): the base read and reduced to its digest, then the
        // head opened in its tab, then compared: one graph in memory at a time, as the CLI.
        page = openFileComparison(window, base, head);
    } else {
        // --tabs: both snapshots opened in tabs (each loads on its own worker), then File > Compare.
        window.openFile(base);
        window.openFile(head);
        if (!waitLoaded(window.documentTab(0)) || !waitLoaded(window.documentTab(1)))
            return fail(window.documentTab(0)->errorText() + window.documentTab(1)->errorText());
        std::fprintf(stderr, "both snapshots shown after %.1f ms\n", msSince(t));
        window.tabs()->setCurrentIndex(1);
        const int before = window.tabs()->count();
        openComparison(window);
        if (window.tabs()->count() == before)
            return fail(QStringLiteral("File > Compare opened no tab"));
        page = qobject_cast<ComparisonPage*>(window.tabs()->widget(before));
    }
    if (!page)
        return fail(QStringLiteral("no Comparison page"));
    bool ready = false;
    QString error;
    QObject::connect(page, &ComparisonPage::comparisonReady, [&] { ready = true; });
    QObject::connect(page, &ComparisonPage::failed, [&](const QString& m) { error = m; });
    bool headLogged = false;
    if (!spin([&] {
            for (int i = 0; i < window.documentCount() && !headLogged; ++i)
                if (DocumentTab* tab = window.documentTab(i); tab && tab->path().endsWith(QFileInfo(head).fileName())
                    && tab->state() == DocumentTab::State::Heap) {
                    headLogged = true;
                    std::fprintf(stderr, "head shown after %.1f ms; RSS now %.0f MiB, peak %.0f MiB\n", msSince(t),
                        rssMb(), peakRssMb());
                }
            return ready || !error.isEmpty();
        })
        || !error.isEmpty())
        return fail(error);
    std::fprintf(
        stderr, "comparison ready after %.1f ms; RSS now %.0f MiB, peak %.0f MiB\n", msSince(t), rssMb(), peakRssMb());
    page->repaint();
    const double diffMs = msSince(t);
    metric("diff_ms", diffMs);
    metric("max_stall_ms", stalls.stop());
    std::fprintf(stderr, "window comparison: %d rows\n", page->model()->rowCount());
    metric("rss_mb", peakRssMb());
    return 0;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

/// Median of `n` full repaints of `w` (offscreen: the whole widget is painted into its backing store each time).
double medianRepaint(QWidget* w, int n = 15)
{
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        QElapsedTimer t;
        t.start();
        w->repaint();
        ms.push_back(msSince(t));
    }
    return median(std::move(ms));
}

int profileBench(MainWindow& window, const QString& path)
{
    {
        // What the viewer computes for a profile: read, then the analysis behind every CPU page.
        QElapsedTimer t;
        t.start();
        ProfileReadOptions options;
        auto read = ProfileReader::read(path.toStdString(), options);
        if (!read.ok())
            return fail(QString::fromStdString(read.error().toString()));
        std::shared_ptr<const CpuProfile> profile = read.value().profile;
        auto analysis = analyzeProfile(profile, CpuViewOptions {});
        if (!analysis.ok())
            return fail(QString::fromStdString(analysis.error().toString()));
        metric("core_ms", msSince(t));
        metric("core_rss_mb", peakRssMb());
        std::fprintf(stderr, "profile: %zu samples, %zu nodes\n", profile->samples.size(), profile->nodeCount());
    }
    resetPeakRss();

    StallMeter stalls;
    QElapsedTimer t;
    t.start();
    stalls.start();
    window.openFile(path);
    DocumentTab* tab = window.documentTab(0);
    CpuView* view = nullptr;
    const bool ok = spin([&] {
        if (tab->state() == DocumentTab::State::Failed)
            return true;
        view = qobject_cast<CpuView*>(tab->view());
        return view && view->analysis() && !view->isComputing();
    });
    if (!ok || !view)
        return fail(tab->errorText());
    FlameGraphWidget* flame = view->flamePage()->flameGraph();
    if (!flame->isVisible())
        return fail(QStringLiteral("the flame graph is not the visible page"));
    std::fprintf(stderr, "flame graph widget: %dx%d\n", flame->width(), flame->height());
    flame->repaint();
    metric("gui_ms", msSince(t));
    metric("max_stall_ms", stalls.stop());

    const double full = medianRepaint(flame);
    // Zoomed: focus the widest frame of the middle row (a typical click deep in the graph).
    const FlameRows* rows = flame->rows();
    double zoomed = 0;
    if (rows && rows->rows() > 2) {
        const uint32_t depth = rows->rows() / 2;
        uint32_t best = FlameRows::kNoFrame;
        for (uint32_t f = rows->rowBegin[depth]; f < rows->rowBegin[depth + 1]; ++f)
            if (best == FlameRows::kNoFrame || rows->x1[f] - rows->x0[f] > rows->x1[best] - rows->x0[best])
                best = f;
        if (best != FlameRows::kNoFrame)
            flame->focusFrame(best);
        zoomed = medianRepaint(flame);
        std::fprintf(
            stderr, "flame graph: %zu frames, %u rows; zoomed into row %u\n", rows->size(), rows->rows(), depth);
    }
    // The flame chart (time order, as DevTools draws it): every run of samples is a frame.
    view->flamePage()->setMode(int(FlameGraphWidget::Mode::Chart));
    spin([&] { return !view->isComputing(); });
    const double chart = medianRepaint(flame);
    std::fprintf(stderr, "flame chart: %zu frames\n", flame->rows() ? flame->rows()->size() : size_t(0));
    metric("paint_full_ms", full);
    metric("paint_zoomed_ms", zoomed);
    metric("paint_chart_ms", chart);
    metric("paint_ms", std::max({ full, zoomed, chart }));
    metric("rss_mb", peakRssMb());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // recent files go to a test location, not the user's settings
    QStringList args = app.arguments().mid(1);
    const bool cached = args.removeAll(QStringLiteral("--cached")) > 0;
    const bool tabs = args.removeAll(QStringLiteral("--tabs")) > 0;
    if (args.isEmpty() || args.size() > 2 || args[0].startsWith(QLatin1Char('-'))
        || (args.size() == 2 && args[1].startsWith(QLatin1Char('-')))) {
        std::fprintf(stderr,
            "usage: v8scope-gui-bench [--cached] FILE                heap snapshot or CPU profile\n"
            "       v8scope-gui-bench [--cached] [--tabs] BASE HEAD  two heap snapshots compared in the window\n");
        return 2;
    }

    MainWindow window;
    window.resize(1400, 900);
    window.show();

    HeapLoadOptions options;
    QTemporaryDir cacheDir;
    options.cache.enabled = cached;
    options.cache.dir = cacheDir.path().toStdString();
    window.setHeapLoadOptions(options);
    if (cached) // warm-up: the first load writes the cache both measured loads then read
        for (const QString& file : args)
            if (detectDocumentKind(file) != DocumentKind::Profile) {
                auto warm = loadHeap(file.toStdString(), options, {});
                if (!warm.ok())
                    return fail(QString::fromStdString(warm.error().toString()));
            }
    std::fprintf(stderr, "cache: %s\n", cached ? "on (warm)" : "off");

    if (args.size() == 2)
        return diffBench(window, args[0], args[1], tabs, options);
    if (detectDocumentKind(args[0]) == DocumentKind::Profile)
        return profileBench(window, args[0]);
    return heapBench(window, args[0]);
}
