// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/colors.h>
#include <models/cpuanalysis.h>

#include "draggesture.h"
#include <QColor>

#include <QWidget>

#include <vector>

namespace v8scope::gui {

/// Flame graph (merged stacks, heaviest first), inverted flame graph (bottom-up: functions by self time, their
/// callers above) and flame chart (stacks in time order, DevTools' Performance panel) in one custom-painted
/// widget over the core's FlameRows (core/cpu/flamegraph.h): one fillRect per visible frame, rows queried with
/// visibleFrames() so frames under a pixel are skipped by binary search, not visited. Roots are at the top.
///
/// Mouse: wheel zooms around the cursor (horizontal wheel pans), drag pans, click focuses a frame (zooms to
/// it), double-click on empty space resets. Keys: Esc resets the zoom, Backspace / Alt+Left go back,
/// Alt+Right forward. Search fades frames whose function does not match and reports the matched share.
class FlameGraphWidget : public QWidget
{
    Q_OBJECT
public:
    enum class Mode
    {
        Graph,
        Inverted,
        Chart,
    };

    explicit FlameGraphWidget(QWidget* parent = nullptr);
    ~FlameGraphWidget() override;

    /// New data: keeps the mode, colours and search; resets the zoom and its history.
    void setAnalysis(CpuAnalysisPtr analysis);
    const CpuAnalysisPtr& analysis() const
    {
        return m_analysis;
    }
    void setMode(Mode mode);
    Mode mode() const
    {
        return m_mode;
    }
    void setColorBy(ColorBy by);
    /// Colours per function overriding the stable ones (a differential flame graph); empty restores them.
    void setFunctionColors(std::vector<QColor> colors);
    /// Colours per top-down tree node (FlameRows::node of the Graph mode): the differential flame graph. Empty
    /// restores the stable colours.
    void setNodeColors(std::vector<QColor> colors);
    /// Case-insensitive substring over function names and URLs; "" clears.
    void setSearch(const QString& text);
    /// "Matched: 12.3 ms (4.5 % of 270.0 ms non-idle) in 3 functions", or "" without a search.
    QString searchSummary() const
    {
        return m_searchSummary;
    }
    /// What the graph shows in all: "270.0 ms non-idle, 1,234 frames".
    QString totalSummary() const;

    const FlameRows* rows() const;
    FlameViewport viewport() const
    {
        return m_view;
    }
    /// Zooms to frame `frame` (an index into rows()) and records the step for Back.
    void focusFrame(uint32_t frame);
    void resetZoom();
    bool canGoBack() const;
    bool canGoForward() const;
    void goBack();
    void goForward();

    /// The frame under a widget position, or FlameRows::kNoFrame.
    uint32_t frameAt(QPointF pos) const;
    /// Where frame `frame` is drawn now (widget coordinates; empty when off screen or under a pixel).
    QRectF frameRect(uint32_t frame) const;
    /// The colour a frame is filled with now (search fading and diff colours applied).
    QColor frameColor(uint32_t frame) const;
    QString frameToolTip(uint32_t frame) const;
    /// One line for the status bar: "parseJson: total 12.3 ms (4.5 %), self 1.2 ms (0.4 %)  app.js:12".
    QString frameSummary(uint32_t frame) const;

    /// Paints the current view into `size` (everything from the top row down: exports draw all rows).
    void render(QPainter& painter, QSize size, int scrollY) const;
    /// The height that shows every row.
    int contentHeight() const;
    bool exportSvg(const QString& path) const;
    bool exportPng(const QString& path) const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void hoveredFrameChanged(const QString& summary);
    void historyChanged();
    void searchChanged(const QString& summary);
    /// A frame was clicked (focused): its function.
    void functionActivated(uint32_t function);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildColors();
    void rebuildSearch();
    void setView(FlameViewport view, bool record);
    void clampScroll();
    double extent0() const;
    double extent1() const;
    int rulerHeight() const;
    double toX(double units, double width) const;

    CpuAnalysisPtr m_analysis;
    Mode m_mode = Mode::Graph;
    ColorBy m_colorBy = ColorBy::Function;
    std::vector<QColor> m_baseColors; ///< per function
    std::vector<QColor> m_overrideColors; ///< per function (diff), or empty
    std::vector<QColor> m_nodeColors; ///< per top-down node (differential graph), or empty
    std::vector<QString> m_labels; ///< per function
    std::vector<uint8_t> m_match; ///< per function, 1 = matches the search (empty: no search)
    QString m_search;
    QString m_searchSummary;
    FlameViewport m_view;
    std::vector<FlameViewport> m_history;
    size_t m_historyPos = 0;
    int m_scrollY = 0;
    int m_rowHeight = 18;
    double m_charWidth = 7;
    DragGesture m_drag;
    FlameViewport m_pressView;
    int m_pressScroll = 0;
    uint32_t m_hovered = FlameRows::kNoFrame;
    mutable std::vector<uint32_t> m_visible; ///< reused by every paint: no allocation per frame
};

} // namespace v8scope::gui
