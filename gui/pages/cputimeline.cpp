// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cputimeline.h"

#include "pageutil.h"
#include <models/colors.h>

#include <QAreaSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>

#include <algorithm>

namespace v8scope::gui {

CpuTimeline::CpuTimeline(QWidget* parent)
    : QChartView(parent)
{
    auto* chart = new QChart;
    chart->setMargins(QMargins(4, 2, 4, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignRight);
    m_axisX = new QValueAxis(chart);
    m_axisX->setLabelFormat(QStringLiteral("%.1f s"));
    QFont small = font();
    small.setPointSizeF(std::max(7.0, small.pointSizeF() - 1.5));
    m_axisX->setLabelsFont(small);
    m_axisY = new QValueAxis(chart);
    m_axisY->setRange(0, 100);
    m_axisY->setLabelFormat(QStringLiteral("%d %%"));
    m_axisY->setTickCount(3);
    m_axisY->setLabelsFont(small);
    chart->legend()->setFont(small);
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    pageutil::styleChart(chart, palette());
    setChart(chart);
    setRenderHint(QPainter::Antialiasing, false);
    setRubberBand(QChartView::NoRubberBand);
    setToolTip(tr("CPU busy share over time: script, GC and (program); the rest is idle. Red: event-loop blocking "
                  "over the threshold. Drag across the chart to show only that time range in every view."));
    setMinimumHeight(150);
}

QSize CpuTimeline::sizeHint() const
{
    return { 900, 190 };
}

void CpuTimeline::setAnalysis(CpuAnalysisPtr analysis)
{
    m_analysis = std::move(analysis);
    QChart* c = chart();
    for (QAreaSeries* s : m_bands) {
        c->removeSeries(s);
        delete s;
    }
    m_bands.clear();
    if (!m_analysis || m_analysis->activity.empty()) {
        viewport()->update();
        return;
    }
    const auto& buckets = m_analysis->activity;
    struct Band
    {
        QString name;
        QColor color;
        int64_t ActivityBucket::*field;
    };
    const Band bands[] = { { tr("Script"), categoryColor("user"), &ActivityBucket::scriptUs },
        { tr("GC"), categoryColor("gc"), &ActivityBucket::gcUs },
        { tr("(program)"), categoryColor("program"), &ActivityBucket::programUs } };
    std::vector<double> base(buckets.size(), 0.0);
    for (const Band& band : bands) {
        auto* lower = new QLineSeries(c);
        auto* upper = new QLineSeries(c);
        QList<QPointF> lo, up;
        lo.reserve(qsizetype(buckets.size()) * 2);
        up.reserve(qsizetype(buckets.size()) * 2);
        for (size_t i = 0; i < buckets.size(); ++i) {
            const ActivityBucket& b = buckets[i];
            const double len = double(std::max<int64_t>(1, b.endUs - b.startUs));
            const double top = base[i] + 100.0 * double(b.*band.field) / len;
            // Steps: each bucket is flat over its time span.
            for (double t : { double(b.startUs), double(b.endUs) }) {
                lo.append(QPointF(t / 1e6, base[i]));
                up.append(QPointF(t / 1e6, top));
            }
            base[i] = top;
        }
        lower->replace(lo);
        upper->replace(up);
        auto* area = new QAreaSeries(upper, lower);
        area->setName(band.name);
        area->setColor(band.color);
        area->setBorderColor(band.color.darker(130));
        c->addSeries(area);
        area->attachAxis(m_axisX);
        area->attachAxis(m_axisY);
        m_bands.push_back(area);
    }
    // Ticks at round seconds (0.5 s, 1 s, 2 s ...) from 0, fitted to the data.
    const double seconds = double(buckets.back().endUs) / 1e6;
    m_axisX->setRange(0, seconds);
    double step = 0.001;
    while (seconds / step > 10)
        step *= (QString::number(step).contains(QLatin1Char('2')) ? 2.5 : 2.0);
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0);
    m_axisX->setTickInterval(step);
    m_axisX->setLabelFormat(step >= 1 ? QStringLiteral("%.0f s")
            : step >= 0.1             ? QStringLiteral("%.1f s")
                                      : QStringLiteral("%.2f s"));
    viewport()->update();
}

void CpuTimeline::setSelection(std::optional<std::pair<int64_t, int64_t>> range)
{
    m_selection = range;
    viewport()->update();
}

double CpuTimeline::toUs(double x) const
{
    const QRectF area = chart()->plotArea();
    const double t = (x - area.left()) / std::max(1.0, area.width());
    return std::clamp(t, 0.0, 1.0) * (m_axisX->max() - m_axisX->min()) * 1e6 + m_axisX->min() * 1e6;
}

double CpuTimeline::toX(double us) const
{
    const QRectF area = chart()->plotArea();
    const double span = std::max(1e-9, m_axisX->max() - m_axisX->min());
    return area.left() + (us / 1e6 - m_axisX->min()) / span * area.width();
}

void CpuTimeline::drawForeground(QPainter* painter, const QRectF& rect)
{
    QChartView::drawForeground(painter, rect);
    if (!m_analysis)
        return;
    const QRectF area = chart()->plotArea();
    painter->save();
    painter->setClipRect(area);
    for (const BlockingStretch& s : m_analysis->blocking.stretches) {
        const double a = toX(double(s.startUs));
        const double b = std::max(a + 2, toX(double(s.startUs + s.durationUs)));
        painter->fillRect(QRectF(a, area.top(), b - a, 6), QColor(220, 40, 40));
        painter->fillRect(QRectF(a, area.top(), b - a, area.height()), QColor(220, 40, 40, 40));
    }
    auto band = [&](double a, double b, QColor fill) {
        if (b < a)
            std::swap(a, b);
        painter->fillRect(QRectF(a, area.top(), std::max(2.0, b - a), area.height()), fill);
        painter->setPen(fill.darker(150));
        painter->drawLine(QPointF(a, area.top()), QPointF(a, area.bottom()));
        painter->drawLine(QPointF(b, area.top()), QPointF(b, area.bottom()));
    };
    if (m_dragging)
        band(m_dragStart, m_dragEnd, QColor(60, 120, 220, 70));
    else if (m_selection)
        band(toX(double(m_selection->first)), toX(double(m_selection->second)), QColor(60, 120, 220, 60));
    painter->restore();
}

void CpuTimeline::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && chart()->plotArea().contains(event->position())) {
        m_dragging = true;
        m_dragStart = m_dragEnd = event->position().x();
        viewport()->update();
        return;
    }
    QChartView::mousePressEvent(event);
}

void CpuTimeline::mouseMoveEvent(QMouseEvent* event)
{
    const double x = event->position().x();
    if (m_dragging) {
        const QRectF area = chart()->plotArea();
        m_dragEnd = std::clamp(x, area.left(), area.right());
        viewport()->update();
    }
    if (m_analysis && chart()->plotArea().contains(event->position())) {
        const double us = toUs(x);
        const auto& buckets = m_analysis->activity;
        const auto it = std::partition_point(
            buckets.begin(), buckets.end(), [us](const ActivityBucket& b) { return double(b.endUs) <= us; });
        if (it != buckets.end())
            Q_EMIT hoverText(tr("t = %1 s: busy %2 % (script %3 ms, GC %4 ms, program %5 ms). Drag to select a range.")
                                 .arg(us / 1e6, 0, 'f', 3)
                                 .arg(it->busyShare() * 100, 0, 'f', 0)
                                 .arg(double(it->scriptUs) / 1000, 0, 'f', 1)
                                 .arg(double(it->gcUs) / 1000, 0, 'f', 1)
                                 .arg(double(it->programUs) / 1000, 0, 'f', 1));
    }
    QChartView::mouseMoveEvent(event);
}

void CpuTimeline::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        viewport()->update();
        const double a = toUs(std::min(m_dragStart, m_dragEnd));
        const double b = toUs(std::max(m_dragStart, m_dragEnd));
        if (std::abs(m_dragEnd - m_dragStart) >= 3 && b > a)
            Q_EMIT rangeSelected(int64_t(a), int64_t(b));
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

} // namespace v8scope::gui
