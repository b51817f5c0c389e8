// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/cpucomparemodel.h>

#include <QWidget>

class QLabel;
class QTreeView;

namespace v8scope::gui {

class FlameGraphWidget;

/// The Compare tab: this profile against a baseline. Left, the per-function delta table (`v8scope cpu diff`);
/// right, the differential flame graph: this profile's flame graph (widths from it) with each frame red when its
/// call path took longer than in the baseline, blue when shorter, grey when unchanged.
class CpuComparePage : public QWidget
{
    Q_OBJECT
public:
    explicit CpuComparePage(QWidget* parent = nullptr);
    void setComparison(CpuComparisonPtr comparison, const QString& baseName);
    FlameGraphWidget* flameGraph() const
    {
        return m_flame;
    }
    CpuCompareModel* model() const
    {
        return m_model;
    }

private:
    CpuCompareModel* m_model;
    QLabel* m_title;
    QTreeView* m_table;
    FlameGraphWidget* m_flame;
};

} // namespace v8scope::gui
