// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The flame graph widget offscreen on a real sample (sample_profiles/cpu/cpu_mix.cpuprofile): pixels at known
// frames, search fading, focus/back, hit-testing, the three modes, exports.
#include "cputestutil.h"
#include "guitestmain.h"

#include <widgets/flamegraph.h>

#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace v8scope;
using namespace v8scope::gui;

class TestFlameGraph : public QObject
{
    Q_OBJECT

    CpuAnalysisPtr m_analysis;

    /// A pixel inside a frame but left of its label (labels start 3 px in).
    static QPoint probe(const QRectF& r)
    {
        return QPoint(int(r.left()) + 1, int(r.center().y()));
    }

    static uint32_t findFrame(const FlameRows& r, const CpuAnalysis& a, const QString& name, uint32_t depth)
    {
        for (uint32_t i = r.rowBegin[depth]; i < r.rowBegin[depth + 1]; ++i)
            if (a.functionName(r.function[i]) == name)
                return i;
        return FlameRows::kNoFrame;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_analysis = testing::analyzed(QStringLiteral(V8SCOPE_SAMPLES "/cpu/cpu_mix.cpuprofile"));
        QVERIFY(m_analysis);
    }

    void pixelsAtKnownFrames()
    {
        FlameGraphWidget w;
        w.resize(1000, 600);
        w.setAnalysis(m_analysis);
        const FlameRows& r = *w.rows();
        // `v8scope cpu tree` (tst_cpucli's numbers): the heaviest root is processTimers, 2210.8 of 2470.1 ms
        // (busy + idle), so it starts at x = 0 and covers most of the width.
        const uint32_t timers = findFrame(r, *m_analysis, QStringLiteral("processTimers"), 0);
        QVERIFY(timers != FlameRows::kNoFrame);
        QCOMPARE(r.x0[timers], int64_t(0));
        const QRectF rect = w.frameRect(timers);
        QCOMPARE(rect.left(), 0.0);
        QVERIFY(rect.width() > 800);
        QImage image = w.grab().toImage();
        const QColor base = functionColor(m_analysis->profile->functions[r.function[timers]], ColorBy::Function);
        QCOMPARE(image.pixelColor(probe(rect)).rgb(), base.rgb());
        QCOMPARE(w.frameAt(rect.center()), timers);
        // Below the last row: nothing.
        QCOMPARE(w.frameAt(QPointF(5, 599)), FlameRows::kNoFrame);

        // Search: frames of other functions fade, matching ones keep their colour.
        QSignalSpy searched(&w, &FlameGraphWidget::searchChanged);
        w.setSearch(QStringLiteral("processTimers"));
        QCOMPARE(searched.count(), 1);
        QVERIFY(w.searchSummary().contains(QStringLiteral("2,210.8 ms")));
        image = w.grab().toImage();
        QCOMPARE(image.pixelColor(probe(rect)).rgb(), base.rgb());
        const uint32_t idle = findFrame(r, *m_analysis, QStringLiteral("(idle)"), 0);
        QVERIFY(idle != FlameRows::kNoFrame);
        const QColor idleBase = functionColor(m_analysis->profile->functions[r.function[idle]], ColorBy::Function);
        QCOMPARE(image.pixelColor(probe(w.frameRect(idle))).rgb(), fadedColor(idleBase).rgb());
        w.setSearch(QString());
        QVERIFY(w.searchSummary().isEmpty());

        // Colour by category: fixed colours ((idle) grey).
        w.setColorBy(ColorBy::Category);
        image = w.grab().toImage();
        QCOMPARE(image.pixelColor(probe(w.frameRect(idle))).rgb(), categoryColor("idle").rgb());
    }

    void focusBackForward()
    {
        FlameGraphWidget w;
        w.resize(800, 400);
        w.setAnalysis(m_analysis);
        const FlameRows& r = *w.rows();
        QVERIFY(!w.canGoBack());
        // Focus the first frame of row 1: it then fills the width.
        const uint32_t child = r.rowBegin[1];
        w.focusFrame(child);
        QVERIFY(w.canGoBack());
        const QRectF rect = w.frameRect(child);
        QCOMPARE(rect.left(), 0.0);
        QVERIFY(std::abs(rect.width() - 800) < 1.0);
        w.goBack();
        QCOMPARE(w.viewport().x0, double(r.extent0));
        QCOMPARE(w.viewport().x1, double(r.extent1));
        QVERIFY(w.canGoForward());
        w.goForward();
        QCOMPARE(w.viewport().x0, double(r.x0[child]));
        // Esc resets.
        QTest::keyClick(&w, Qt::Key_Escape);
        QCOMPARE(w.viewport().x1, double(r.extent1));
        // A click on a frame focuses it.
        QTest::mouseClick(&w, Qt::LeftButton, {}, w.frameRect(child).center().toPoint());
        QCOMPARE(w.viewport().x0, double(r.x0[child]));
        QCOMPARE(w.viewport().x1, double(r.x1[child]));
    }

    void modes()
    {
        FlameGraphWidget w;
        w.resize(900, 500);
        w.setAnalysis(m_analysis);
        // Inverted: row 0 holds every function with self time; (idle) is its widest frame (259.0 ms self).
        w.setMode(FlameGraphWidget::Mode::Inverted);
        QVERIFY(w.rows() == &m_analysis->inverted);
        QCOMPARE(w.rows()->extent1, m_analysis->bottomUp.total[0]);
        // Chart: time order, x in µs from the start.
        w.setMode(FlameGraphWidget::Mode::Chart);
        const FlameRows& c = *w.rows();
        QVERIFY(c.size() > 100);
        QCOMPARE(c.extent0, int64_t(0));
        const uint32_t first = c.rowBegin[0];
        const QRectF rect = w.frameRect(first);
        if (!rect.isEmpty()) {
            const QImage image = w.grab().toImage();
            QCOMPARE(image.pixelColor(probe(rect)).rgb(), w.frameColor(first).rgb());
        }
        QVERIFY(w.totalSummary().contains(QStringLiteral("time order")));
    }

    void exports()
    {
        FlameGraphWidget w;
        w.resize(700, 300);
        w.setAnalysis(m_analysis);
        QTemporaryDir dir;
        const QString svg = dir.filePath(QStringLiteral("f.svg"));
        const QString png = dir.filePath(QStringLiteral("f.png"));
        QVERIFY(w.exportSvg(svg));
        QVERIFY(w.exportPng(png));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("processTimers"));
        QImage image(png);
        QCOMPARE(image.width(), 700);
        QCOMPARE(image.height(), w.contentHeight());
    }

    void bigGraphPaintsOnlyVisibleFrames()
    {
        // Paint cost does not grow with sub-pixel frames: a full view of the flame graph visits only frames at
        // least a pixel wide (visibleFrames), so the number drawn is bounded by width x rows.
        FlameGraphWidget w;
        w.resize(400, 300);
        w.setAnalysis(m_analysis);
        const FlameRows& r = *w.rows();
        std::vector<uint32_t> out;
        size_t drawn = 0;
        const double unitsPerPx = w.viewport().span() / 400;
        for (uint32_t d = 0; d < r.rows(); ++d) {
            visibleFrames(r, d, w.viewport().x0, w.viewport().x1, unitsPerPx, out);
            drawn += out.size();
        }
        QVERIFY(drawn <= size_t(400) * r.rows());
        QVERIFY(drawn > 0);
    }
};

V8SCOPE_GUI_TEST_MAIN(TestFlameGraph)
#include "tst_flamegraph.moc"
