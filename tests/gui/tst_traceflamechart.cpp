// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The flame chart of a Chrome trace in the CPU view is the Performance panel's main track (core
// traceFlameChartRows over buildTraceTimeline): trace events with the JS frames nested in them, equal to the core's
// rows for the same window; a .cpuprofile keeps the samples' chart. With V8SCOPE_SCREENSHOT_DIR set it saves
// cpu-trace-flamechart.png.
#include "cputestutil.h"
#include "guitestmain.h"

#include <cpu/traceflame.h>
#include <pages/cpuflamepage.h>
#include <pages/cpuview.h>
#include <widgets/flamegraph.h>

#include <QSignalSpy>

using namespace v8scope;
using namespace v8scope::gui;

class TestTraceFlameChart : public QObject
{
    Q_OBJECT

    static bool waitForAnalysis(CpuView& v)
    {
        QSignalSpy spy(&v, &CpuView::analysisAvailable);
        if (!v.isComputing() && v.analysis())
            return true;
        return spy.wait(30000) || (v.analysis() && !v.isComputing());
    }

private Q_SLOTS:
    void traceChartIsTheMainTrack()
    {
        auto profile = testing::readProfile(QStringLiteral(V8SCOPE_SAMPLES "/cpu/chromium_trace.json.gz"));
        QVERIFY(profile && profile->trace);
        CpuView v(profile);
        v.resize(1400, 860);
        v.show();
        QVERIFY(waitForAnalysis(v));
        const FlameRows& chart = v.analysis()->chart;
        const FlameRows expected = traceFlameChartRows(*profile, buildTraceTimeline(*profile));
        QCOMPARE(chart.x0, expected.x0);
        QCOMPARE(chart.function, expected.function);
        bool traceEvent = false;
        for (uint32_t f : chart.function)
            traceEvent |= profile->functions[f].traceEvent;
        QVERIFY(traceEvent);
        // A time range: the chart follows it.
        v.setRange(std::make_pair(int64_t(500000), int64_t(900000)));
        QVERIFY(waitForAnalysis(v));
        QCOMPARE(v.analysis()->chart.extent0, int64_t(500000));
        QCOMPARE(v.analysis()->chart.extent1, int64_t(900000));
        v.setRange(std::nullopt);
        QVERIFY(waitForAnalysis(v));
        v.flamePage()->setMode(int(FlameGraphWidget::Mode::Chart));
        if (const QByteArray dir = qgetenv("V8SCOPE_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QCoreApplication::processEvents();
            v.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/cpu-trace-flamechart.png"));
        }

        // A .cpuprofile has no trace events: the samples' chart.
        auto plain = testing::readProfile(QStringLiteral(V8SCOPE_SAMPLES "/cpu/cpu_mix.cpuprofile"));
        CpuView c(plain);
        QVERIFY(waitForAnalysis(c));
        FlameChartOptions o;
        o.includeProgram = true; // the view's default: (program) shown, idle hidden
        QCOMPARE(c.analysis()->chart.x0, flameChartRows(*plain, o).x0);
    }
};

V8SCOPE_GUI_TEST_MAIN(TestTraceFlameChart)
#include "tst_traceflamechart.moc"
