// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/cpuanalysis.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace v8scope::gui {

class FlameGraphWidget;

/// The Flame Graph tab: a control row (Back, Forward, Reset, view mode, colour, search, Export) over the
/// FlameGraphWidget, and two read-outs below it (the hovered frame; the search's matched share).
class CpuFlamePage : public QWidget
{
    Q_OBJECT
public:
    explicit CpuFlamePage(QWidget* parent = nullptr);

    void setAnalysis(CpuAnalysisPtr analysis);
    /// Switches the mode combo (and so the widget) to Graph, Inverted or Chart (FlameGraphWidget::Mode).
    void setMode(int mode);
    FlameGraphWidget* flameGraph() const
    {
        return m_flame;
    }
    QLineEdit* searchLine() const
    {
        return m_search;
    }
    /// Saves the flame graph (SVG/PNG by suffix), folded stacks (.folded/.txt) or pprof (.pb.gz) to `path`;
    /// returns an error text or "".
    QString exportTo(const QString& path) const;

public Q_SLOTS:
    void exportWithDialog();

private:
    void updateButtons();
    void updateStatus();

    CpuAnalysisPtr m_analysis;
    FlameGraphWidget* m_flame;
    QToolButton* m_back;
    QToolButton* m_forward;
    QToolButton* m_reset;
    QComboBox* m_mode;
    QComboBox* m_colors;
    QLineEdit* m_search;
    QLabel* m_hover;
    QLabel* m_total;
    QLabel* m_matched;
};

} // namespace v8scope::gui
