// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The CPU document view offscreen: the analysis arrives from the worker, a timeline selection filters every
// view to the range and Undo restores it, a blocking row selects its range, heap profiles hide the time views.
// With V8SCOPE_SCREENSHOT_DIR set it also saves a PNG of every tab (scripts/screenshots.sh).
#include "cputestutil.h"
#include "guitestmain.h"

#include <models/calltreemodel.h>
#include <models/colors.h>
#include <models/cpucomparemodel.h>
#include <models/cputablemodels.h>
#include <models/roles.h>
#include <pages/cpucomparepage.h>
#include <pages/cpuflamepage.h>
#include <pages/cputimeline.h>
#include <pages/cpuview.h>
#include <widgets/flamegraph.h>

#include <report/writers.h>

#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeView>

using namespace v8scope;
using namespace v8scope::gui;

class TestCpuView : public QObject
{
    Q_OBJECT

    static bool waitForAnalysis(CpuView& v)
    {
        QSignalSpy spy(&v, &CpuView::analysisAvailable);
        if (!v.isComputing() && v.analysis())
            return true;
        return spy.wait(30000) || (v.analysis() && !v.isComputing());
    }

    static void shoot(QWidget& w, const QString& name)
    {
        const QByteArray dir = qgetenv("V8SCOPE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents();
        w.grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name);
    }

private Q_SLOTS:
    void rangeFilterAndUndo()
    {
        CpuView v(testing::readProfile(QStringLiteral(V8SCOPE_SAMPLES "/cpu/cpu_mix.cpuprofile")));
        v.resize(1400, 860);
        v.show();
        QVERIFY(waitForAnalysis(v));
        const CpuAnalysisPtr whole = v.analysis();
        QVERIFY(!whole->options.range);
        QVERIFY(whole->options.hideIdle); // the default: idle out of the trees and flame graph
        QVERIFY(v.topDownModel()->rowCount() > 0);
        // Every table tab shows its view.
        for (auto tab : { CpuView::TopDownTab, CpuView::BottomUpTab, CpuView::FunctionsTab, CpuView::BlockingTab }) {
            v.tabs()->setCurrentIndex(tab);
            QVERIFY(v.treeView(tab)->isVisible());
            QVERIFY(v.treeView(tab)->model()->rowCount() > 0 || tab == CpuView::BlockingTab);
        }
        v.tabs()->setCurrentIndex(CpuView::FlameTab);
        shoot(v, QStringLiteral("cpu-flamegraph.png"));

        // A drag across the timeline: every view is recomputed for [0.5 s, 1.5 s).
        Q_EMIT v.timeline()->rangeSelected(500000, 1500000);
        QVERIFY(waitForAnalysis(v));
        QVERIFY(v.analysis()->options.range);
        QCOMPARE(v.analysis()->timing.windowStart, int64_t(500000));
        QCOMPARE(v.analysis()->timing.duration, int64_t(1000000));
        QVERIFY(v.topDownModel()->analysis() == v.analysis());
        QVERIFY(v.flamePage()->flameGraph()->analysis() == v.analysis());
        QCOMPARE(v.analysis()->chart.extent0, int64_t(500000));
        v.undoRange();
        QVERIFY(waitForAnalysis(v));
        QVERIFY(!v.analysis()->options.range);
        QCOMPARE(v.analysis()->timing.duration, whole->timing.duration);
    }

    void screenshotsOfEveryTab()
    {
        if (qEnvironmentVariableIsEmpty("V8SCOPE_SCREENSHOT_DIR"))
            QSKIP("V8SCOPE_SCREENSHOT_DIR not set");
        CpuView v(testing::readProfile(QStringLiteral(V8SCOPE_SAMPLES "/cpu/http_blocking.cpuprofile")));
        v.resize(1400, 860);
        v.show();
        QVERIFY(waitForAnalysis(v));
        FlameGraphWidget* flame = v.flamePage()->flameGraph();
        v.flamePage()->searchLine()->setText(QStringLiteral("parse"));
        flame->setSearch(QStringLiteral("parse")); // what the debounced line does after 250 ms
        shoot(v, QStringLiteral("cpu-flamegraph-search.png"));
        v.flamePage()->searchLine()->clear();
        flame->setSearch(QString());
        v.flamePage()->setMode(int(FlameGraphWidget::Mode::Chart));
        shoot(v, QStringLiteral("cpu-flamechart.png"));
        v.flamePage()->setMode(int(FlameGraphWidget::Mode::Inverted));
        shoot(v, QStringLiteral("cpu-inverted.png"));
        v.flamePage()->setMode(int(FlameGraphWidget::Mode::Graph));
        for (auto [tab, name] : { std::pair { CpuView::TopDownTab, "cpu-topdown.png" },
                 std::pair { CpuView::BottomUpTab, "cpu-bottomup.png" },
                 std::pair { CpuView::FunctionsTab, "cpu-functions.png" } }) {
            v.tabs()->setCurrentIndex(tab);
            if (tab == CpuView::BottomUpTab)
                v.treeView(tab)->expand(v.treeView(tab)->model()->index(0, 0));
            shoot(v, QString::fromLatin1(name));
        }
        v.tabs()->setCurrentIndex(CpuView::BlockingTab);
        QTreeView* blocking = v.treeView(CpuView::BlockingTab);
        blocking->setCurrentIndex(blocking->model()->index(0, 0));
        QVERIFY(waitForAnalysis(v));
        shoot(v, QStringLiteral("cpu-blocking-range.png"));
    }

    void tableExportsEqualTheCli()
    {
        // With nothing hidden and no range, each table tab exports the bytes `v8scope cpu ...` prints for the
        // same view (core/report's documents), in every format; on a .cpuprofile and on a Chrome trace.
        struct Case
        {
            int tab;
            QStringList args;
        };
        const Case cases[] = {
            { CpuView::TopDownTab, { QStringLiteral("tree") } },
            { CpuView::BottomUpTab, { QStringLiteral("tree"), QStringLiteral("--bottom-up") } },
            { CpuView::FunctionsTab,
                { QStringLiteral("top"), QStringLiteral("--by"), QStringLiteral("function"), QStringLiteral("--top"),
                    QStringLiteral("0") } },
            { CpuView::BlockingTab, { QStringLiteral("blocking") } },
        };
        const std::pair<report::Format, const char*> formats[]
            = { { report::Format::Text, "text" }, { report::Format::Tsv, "tsv" }, { report::Format::Csv, "csv" },
                  { report::Format::Json, "json" }, { report::Format::Markdown, "md" } };
        for (const char* name : { "http_blocking.cpuprofile", "chromium_trace.json.gz" }) {
            const QString file = QStringLiteral(V8SCOPE_SAMPLES "/cpu/") + QLatin1String(name);
            CpuView v(testing::readProfile(file));
            QVERIFY(waitForAnalysis(v));
            CpuViewOptions o = v.options();
            o.hideIdle = o.hideProgram = o.hideGc = false;
            v.setOptions(o);
            QVERIFY(waitForAnalysis(v));
            for (const Case& c : cases) {
                const auto document = v.tableDocument(c.tab);
                QVERIFY(document);
                for (const auto& [format, formatName] : formats) {
                    QProcess cli;
                    cli.start(QStringLiteral(V8SCOPE_CLI),
                        QStringList { QStringLiteral("cpu") } + c.args
                            + QStringList { file, QStringLiteral("--format"), QLatin1String(formatName) });
                    QVERIFY(cli.waitForFinished(60000));
                    QCOMPARE(cli.exitCode(), 0);
                    const QByteArray expected = cli.readAllStandardOutput();
                    report::WriteOptions wo;
                    wo.human = false;
                    const std::string got = report::writeDocument(*document, format, wo);
                    QVERIFY2(QByteArray::fromStdString(got) == expected,
                        qPrintable(
                            QStringLiteral("%1: cpu %2 --format %3 differs")
                                .arg(QLatin1String(name), c.args.join(QLatin1Char(' ')), QLatin1String(formatName))));
                }
            }
        }
    }

    void blockingRowSelectsItsRange()
    {
        CpuView v(testing::readProfile(QStringLiteral(V8SCOPE_SAMPLES "/cpu/http_blocking.cpuprofile")));
        QVERIFY(waitForAnalysis(v));
        // The sample has logged blocks of 100 ms and more (docs/samples.md): at least one stretch over 50 ms.
        QVERIFY(v.blockingModel()->rowCount() > 0);
        QTreeView* view = v.treeView(CpuView::BlockingTab);
        const QModelIndex first = view->model()->index(0, 0);
        const auto expected = v.blockingModel()->rangeAt(0); // sorted by start: row 0 is the source's row 0
        view->setCurrentIndex(first);
        QVERIFY(waitForAnalysis(v));
        QVERIFY(v.analysis()->options.range);
        QCOMPARE(*v.analysis()->options.range, expected);
    }

    void compare()
    {
        // parent_only.cpuprofile is edge_cases.cpuprofile written with parent links instead of children
        // (docs/samples.md): compared, every function and every path is unchanged.
        CpuView v(testing::readProfile(QStringLiteral(V8SCOPE_SAMPLES "/cpu/edge_cases.cpuprofile")));
        v.resize(1200, 800);
        QVERIFY(waitForAnalysis(v));
        QSignalSpy compared(&v, &CpuView::comparisonAvailable);
        v.compareWith(QStringLiteral(V8SCOPE_SAMPLES "/cpu/parent_only.cpuprofile"));
        QVERIFY(compared.wait(30000));
        CpuCompareModel* m = v.comparePage()->model();
        QVERIFY(m->rowCount() > 0);
        for (int row = 0; row < m->rowCount(); ++row) {
            QCOMPARE(m->index(row, CpuCompareModel::SelfDeltaColumn).data(SortRole).toDouble(), 0.0);
            QCOMPARE(m->index(row, CpuCompareModel::TotalDeltaColumn).data(SortRole).toDouble(), 0.0);
        }
        FlameGraphWidget* flame = v.comparePage()->flameGraph();
        QVERIFY(flame->rows()->size() > 0);
        QCOMPARE(flame->frameColor(0).rgb(), deltaColor(0, 0).rgb());

        // Against a different program: deltas, red where this profile spent more.
        CpuView w(testing::readProfile(QStringLiteral(V8SCOPE_SAMPLES "/cpu/http_blocking.cpuprofile")));
        w.resize(1400, 860);
        w.show();
        QVERIFY(waitForAnalysis(w));
        QSignalSpy compared2(&w, &CpuView::comparisonAvailable);
        w.compareWith(QStringLiteral(V8SCOPE_SAMPLES "/cpu/cpu_mix.cpuprofile"));
        QVERIFY(compared2.wait(30000));
        // The frames of HEAD's (http_blocking's) flame graph absent from cpu_mix grew by their whole total.
        FlameGraphWidget* f2 = w.comparePage()->flameGraph();
        const uint32_t first = f2->rows()->rowBegin[0];
        QCOMPARE(f2->frameColor(first).red(), 245); // full red hue at value 245 (deltaColor)
        shoot(w, QStringLiteral("cpu-compare.png"));
    }

    void heapProfile()
    {
        CpuView v(testing::readProfile(QStringLiteral(V8SCOPE_SAMPLES "/cpu/heap_prof.heapprofile")));
        v.resize(1400, 860);
        v.show();
        QVERIFY(waitForAnalysis(v));
        QVERIFY(v.analysis()->isHeap());
        QVERIFY(!v.tabs()->isTabVisible(CpuView::BlockingTab));
        QVERIFY(!v.timeline()->isVisible());
        QCOMPARE(v.topDownModel()->headerData(CallTreeModel::TotalColumn, Qt::Horizontal).toString(),
            QStringLiteral("Total bytes"));
        shoot(v, QStringLiteral("cpu-heapprofile.png"));
    }
};

V8SCOPE_GUI_TEST_MAIN(TestCpuView)
#include "tst_cpuview.moc"
