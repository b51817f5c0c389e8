// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/documentloader.h>

#include <QWidget>

class QChartView;
class QLabel;

namespace v8scope::gui {

/// DevTools' Statistics (a pie of code, strings, JS arrays, typed arrays, system objects and the rest of the JS
/// and native heap) and a bar chart of the classes that retain the most.
class StatisticsPage : public QWidget
{
    Q_OBJECT
public:
    explicit StatisticsPage(const HeapDocument& document, QWidget* parent = nullptr);
    void setSummary(const HeapSummary& summary);
    /// Saves both charts side by side as a PNG.
    bool savePng(const QString& path) const;
    /// The pie's slices as "label<TAB>bytes" lines (tests).
    QStringList sliceTexts() const;

private:
    QChartView* m_pie;
    QChartView* m_bars;
    QLabel* m_totals;
    QStringList m_slices;
};

} // namespace v8scope::gui
