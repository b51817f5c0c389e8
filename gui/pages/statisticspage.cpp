// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "statisticspage.h"

#include <heap/heapanalysis.h>
#include <models/format.h>
#include <widgets/classcolors.h>

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QPainter>
#include <QPieSeries>
#include <QPixmap>
#include <QVBoxLayout>
#include <QValueAxis>

namespace v8scope::gui {

namespace {
constexpr int kTopClasses = 15;

void styleChart(QChart* chart, const QPalette& palette)
{
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setTitleBrush(palette.color(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    chart->setAnimationOptions(QChart::NoAnimation);
}
} // namespace

StatisticsPage::StatisticsPage(const HeapDocument& document, QWidget* parent)
    : QWidget(parent)
    , m_pie(new QChartView(this))
    , m_bars(new QChartView(this))
    , m_totals(new QLabel(this))
{
    const HeapAnalysis& a = *document.analysis;
    const HeapAnalysis::Statistics& st = document.statistics;
    // DevTools' Statistics slices: what is left of the V8 heap after the named kinds is "Other JS objects", and
    // native memory outside typed arrays is "Other non-JS objects".
    const uint64_t namedJs = st.code + st.strings + st.jsArrays + st.system;
    const uint64_t otherJs = st.v8Total > namedJs ? st.v8Total - namedJs : 0;
    const uint64_t otherNative = st.nativeTotal > st.typedArrays ? st.nativeTotal - st.typedArrays : 0;
    const std::pair<QString, uint64_t> slices[] = {
        { tr("Code"), st.code },
        { tr("Strings"), st.strings },
        { tr("JS arrays"), st.jsArrays },
        { tr("Typed arrays"), st.typedArrays },
        { tr("System objects"), st.system },
        { tr("Other JS objects"), otherJs },
        { tr("Other non-JS objects"), otherNative },
    };
    auto* pie = new QPieSeries;
    for (const auto& [label, bytes] : slices) {
        m_slices << QStringLiteral("%1\t%2").arg(label).arg(bytes);
        if (bytes == 0)
            continue;
        QPieSlice* slice
            = pie->append(QStringLiteral("%1: %2 (%3)")
                              .arg(label, formatBytes(bytes), formatPercent(double(bytes), double(st.total))),
                double(bytes));
        slice->setColor(classColor(label.toStdString()));
        slice->setBorderColor(palette().color(QPalette::Base));
    }
    pie->setHoleSize(0.35);
    auto* pieChart = new QChart;
    pieChart->addSeries(pie);
    pieChart->setTitle(tr("Heap by kind (total %1)").arg(formatBytes(st.total)));
    pieChart->legend()->setAlignment(Qt::AlignRight);
    styleChart(pieChart, palette());
    m_pie->setChart(pieChart);
    m_pie->setRenderHint(QPainter::Antialiasing);

    m_totals->setText(tr("Total %1 = V8 heap %2 + native %3  (%4 objects)")
                          .arg(formatBytes(st.total), formatBytes(st.v8Total), formatBytes(st.nativeTotal),
                              formatCount(a.nodeCount())));
    auto* charts = new QHBoxLayout;
    // The pie's legend at its right needs room for "Other non-JS objects: 8.8 kB (0.2 %)" (at 1:1 it was cut).
    charts->addWidget(m_pie, 4);
    charts->addWidget(m_bars, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_totals);
    layout->addLayout(charts, 1);
}

void StatisticsPage::setSummary(const HeapSummary& summary)
{
    if (!summary.rows)
        return;
    const auto& rows = *summary.rows; // retained desc already
    auto* set = new QBarSet(tr("Retained size (MB)"));
    QStringList categories;
    const int n = std::min<int>(kTopClasses, int(rows.size()));
    double maxValue = 0;
    // Horizontal bars draw the first category at the bottom: add the biggest last so it is on top.
    for (int i = n - 1; i >= 0; --i) {
        QString name = QString::fromStdString(rows[size_t(i)].name);
        if (name.size() > 40)
            name = name.left(18) + QStringLiteral("...") + name.right(19);
        categories << name;
        const double mb = double(rows[size_t(i)].retained) / 1e6;
        *set << mb;
        maxValue = std::max(maxValue, mb);
    }
    set->setColor(classColor("retained"));
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value MB"));
    series->setLabelsPrecision(3);
    // Labels after the bar's end, in the text colour: inside, short bars ("0.094 MB") clipped them.
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    set->setLabelColor(palette().color(QPalette::Text));
    auto* chart = new QChart;
    chart->addSeries(series);
    chart->setTitle(tr("Top %1 classes by retained size").arg(n));
    auto* y = new QBarCategoryAxis;
    y->append(categories);
    y->setLabelsColor(palette().color(QPalette::Text));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto* x = new QValueAxis;
    x->setRange(0, maxValue * 1.3 + 1e-9); // room for the longest bar's label
    x->setLabelFormat(QStringLiteral("%.2g"));
    x->setTitleText(tr("MB"));
    x->setLabelsColor(palette().color(QPalette::Text));
    x->setTitleBrush(palette().color(QPalette::Text));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    chart->legend()->hide();
    styleChart(chart, palette());
    QChart* old = m_bars->chart();
    m_bars->setChart(chart);
    delete old;
    m_bars->setRenderHint(QPainter::Antialiasing);
}

bool StatisticsPage::savePng(const QString& path) const
{
    const QPixmap pie = m_pie->grab();
    const QPixmap bars = m_bars->grab();
    QPixmap both(pie.width() + bars.width(), std::max(pie.height(), bars.height()));
    both.fill(palette().color(QPalette::Base));
    QPainter p(&both);
    p.drawPixmap(0, 0, pie);
    p.drawPixmap(pie.width(), 0, bars);
    p.end();
    return both.save(path, "PNG");
}

QStringList StatisticsPage::sliceTexts() const
{
    return m_slices;
}

} // namespace v8scope::gui
