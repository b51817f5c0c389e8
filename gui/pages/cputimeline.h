// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/cpuanalysis.h>

#include <QChartView>

class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace v8scope::gui {

/// The CPU timeline (Qt Charts): the thread's busy share over time as stacked bands (script, GC, program; the
/// rest up to 100 % is idle), from the core's activity buckets; blocking stretches over the threshold drawn as
/// red bands; the active time filter as a blue band. Drag across it to select a time range (rangeSelected).
class CpuTimeline : public QChartView
{
    Q_OBJECT
public:
    explicit CpuTimeline(QWidget* parent = nullptr);

    void setAnalysis(CpuAnalysisPtr analysis);
    /// The range shown as selected (µs from the profile's start), or none.
    void setSelection(std::optional<std::pair<int64_t, int64_t>> range);

    QSize sizeHint() const override;

Q_SIGNALS:
    /// The user dragged across [startUs, endUs) (µs from the profile's start).
    void rangeSelected(int64_t startUs, int64_t endUs);
    void hoverText(const QString& text);

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    double toUs(double x) const;
    double toX(double us) const;

    CpuAnalysisPtr m_analysis;
    QValueAxis* m_axisX;
    QValueAxis* m_axisY;
    std::vector<QAreaSeries*> m_bands;
    std::optional<std::pair<int64_t, int64_t>> m_selection;
    bool m_dragging = false;
    double m_dragStart = 0;
    double m_dragEnd = 0;
};

} // namespace v8scope::gui
