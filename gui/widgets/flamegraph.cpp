// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "flamegraph.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace v8scope::gui {

namespace {

constexpr int kLabelMinPx = 18; ///< frames narrower than this get no text
constexpr double kWheelStep = 0.8; ///< zoom factor per wheel notch

QString percentOf(int64_t part, int64_t whole)
{
    return whole > 0 ? QString::number(100.0 * double(part) / double(whole), 'f', 1) + QStringLiteral(" %")
                     : QStringLiteral("-");
}

/// A round tick step (1, 2 or 5 x 10^k) giving about `ticks` ticks over `span`.
double tickStep(double span, int ticks)
{
    const double raw = span / std::max(1, ticks);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : { 1.0, 2.0, 5.0, 10.0 })
        if (raw <= m * mag)
            return m * mag;
    return 10 * mag;
}

} // namespace

FlameGraphWidget::FlameGraphWidget(QWidget* parent)
    : QWidget(parent)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(std::max(8.0, font.pointSizeF() - 1));
    setFont(font);
    const QFontMetricsF fm(font);
    m_rowHeight = int(std::ceil(fm.height())) + 5;
    m_charWidth = fm.horizontalAdvance(QLatin1Char('x'));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 120);
}

FlameGraphWidget::~FlameGraphWidget() = default;

QSize FlameGraphWidget::sizeHint() const
{
    return { 900, 500 };
}

const FlameRows* FlameGraphWidget::rows() const
{
    if (!m_analysis)
        return nullptr;
    switch (m_mode) {
    case Mode::Graph:
        return &m_analysis->flame;
    case Mode::Inverted:
        return &m_analysis->inverted;
    case Mode::Chart:
        return &m_analysis->chart;
    }
    return nullptr;
}

double FlameGraphWidget::extent0() const
{
    const FlameRows* r = rows();
    return r ? double(r->extent0) : 0.0;
}

double FlameGraphWidget::extent1() const
{
    const FlameRows* r = rows();
    return r && r->extent1 > r->extent0 ? double(r->extent1) : extent0() + 1.0;
}

int FlameGraphWidget::rulerHeight() const
{
    return m_mode == Mode::Chart ? m_rowHeight : 0;
}

int FlameGraphWidget::contentHeight() const
{
    const FlameRows* r = rows();
    return rulerHeight() + int(r ? r->rows() : 0) * m_rowHeight + 4;
}

void FlameGraphWidget::setAnalysis(CpuAnalysisPtr analysis)
{
    m_analysis = std::move(analysis);
    m_labels.clear();
    if (m_analysis) {
        m_labels.reserve(m_analysis->profile->functions.size());
        for (const FunctionInfo& f : m_analysis->profile->functions)
            m_labels.push_back(QString::fromStdString(f.displayName()));
    }
    if (m_overrideColors.size() != m_labels.size())
        m_overrideColors.clear();
    rebuildColors();
    rebuildSearch();
    m_history.clear();
    m_historyPos = 0;
    m_scrollY = 0;
    m_hovered = FlameRows::kNoFrame;
    setView({ extent0(), extent1() }, true);
}

void FlameGraphWidget::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_history.clear();
    m_historyPos = 0;
    m_scrollY = 0;
    m_hovered = FlameRows::kNoFrame;
    setView({ extent0(), extent1() }, true);
}

void FlameGraphWidget::setColorBy(ColorBy by)
{
    m_colorBy = by;
    rebuildColors();
    update();
}

void FlameGraphWidget::setFunctionColors(std::vector<QColor> colors)
{
    m_overrideColors = std::move(colors);
    update();
}

void FlameGraphWidget::setNodeColors(std::vector<QColor> colors)
{
    m_nodeColors = std::move(colors);
    update();
}

void FlameGraphWidget::rebuildColors()
{
    m_baseColors.clear();
    if (!m_analysis)
        return;
    m_baseColors.reserve(m_analysis->profile->functions.size());
    for (const FunctionInfo& f : m_analysis->profile->functions)
        m_baseColors.push_back(functionColor(f, m_colorBy));
}

void FlameGraphWidget::setSearch(const QString& text)
{
    m_search = text.trimmed();
    rebuildSearch();
    update();
}

void FlameGraphWidget::rebuildSearch()
{
    m_match.clear();
    m_searchSummary.clear();
    if (!m_analysis || m_search.isEmpty()) {
        Q_EMIT searchChanged(m_searchSummary);
        return;
    }
    const auto& functions = m_analysis->profile->functions;
    m_match.assign(functions.size(), 0);
    int matched = 0;
    for (size_t f = 0; f < functions.size(); ++f) {
        const bool hit = m_labels[f].contains(m_search, Qt::CaseInsensitive)
            || QString::fromStdString(functions[f].url).contains(m_search, Qt::CaseInsensitive);
        m_match[f] = hit;
        matched += hit;
    }
    // The matched share is the core's: stacks through a matching function, each counted once.
    const auto [total, self]
        = m_analysis->timing.tree.matchTotals([this](uint32_t f) { return f < m_match.size() && m_match[f]; });
    Q_UNUSED(self);
    const int64_t denom = m_analysis->denominator();
    m_searchSummary = tr("Matched by \"%1\": %2 (%3 of %4 %5) in %6 functions")
                          .arg(m_search, m_analysis->formatWeight(total), percentOf(total, denom),
                              m_analysis->formatWeight(denom), m_analysis->isHeap() ? tr("sampled") : tr("non-idle"))
                          .arg(matched);
    Q_EMIT searchChanged(m_searchSummary);
}

QString FlameGraphWidget::totalSummary() const
{
    const FlameRows* r = rows();
    if (!r)
        return {};
    const int64_t denom = m_analysis->denominator();
    const QString frames = QLocale(QLocale::English).toString(qulonglong(r->size()));
    if (m_mode == Mode::Chart)
        return tr("%1 non-idle in %2 (time order), %3 frames")
            .arg(m_analysis->formatWeight(denom), formatMs(double(r->extent1 - r->extent0) / 1000), frames);
    return tr("%1 %2, %3 frames")
        .arg(m_analysis->formatWeight(denom), m_analysis->isHeap() ? tr("sampled") : tr("non-idle"), frames);
}

void FlameGraphWidget::setView(FlameViewport view, bool record)
{
    m_view = view;
    if (record) {
        m_history.resize(std::min(m_history.size(), m_historyPos + 1));
        if (m_history.empty() || m_history.back().x0 != view.x0 || m_history.back().x1 != view.x1)
            m_history.push_back(view);
        m_historyPos = m_history.size() - 1;
        Q_EMIT historyChanged();
    }
    update();
}

void FlameGraphWidget::focusFrame(uint32_t frame)
{
    const FlameRows* r = rows();
    if (!r || frame >= r->size())
        return;
    setView({ double(r->x0[frame]), double(r->x1[frame]) }, true);
    Q_EMIT functionActivated(r->function[frame]);
}

void FlameGraphWidget::resetZoom()
{
    m_scrollY = 0;
    setView({ extent0(), extent1() }, true);
}

bool FlameGraphWidget::canGoBack() const
{
    return m_historyPos > 0;
}

bool FlameGraphWidget::canGoForward() const
{
    return m_historyPos + 1 < m_history.size();
}

void FlameGraphWidget::goBack()
{
    if (!canGoBack())
        return;
    m_view = m_history[--m_historyPos];
    Q_EMIT historyChanged();
    update();
}

void FlameGraphWidget::goForward()
{
    if (!canGoForward())
        return;
    m_view = m_history[++m_historyPos];
    Q_EMIT historyChanged();
    update();
}

double FlameGraphWidget::toX(double units, double width) const
{
    return (units - m_view.x0) / std::max(m_view.span(), 1e-9) * width;
}

uint32_t FlameGraphWidget::frameAt(QPointF pos) const
{
    const FlameRows* r = rows();
    if (!r || width() <= 0)
        return FlameRows::kNoFrame;
    const double y = pos.y() + m_scrollY - rulerHeight();
    if (y < 0)
        return FlameRows::kNoFrame;
    const uint32_t depth = uint32_t(y / m_rowHeight);
    const double x = m_view.x0 + pos.x() / width() * m_view.span();
    const uint32_t f = flameFrameAt(*r, depth, x);
    // Frames under a pixel are not drawn, so they cannot be hovered either.
    if (f != FlameRows::kNoFrame && toX(double(r->x1[f]), width()) - toX(double(r->x0[f]), width()) < 1.0)
        return FlameRows::kNoFrame;
    return f;
}

QRectF FlameGraphWidget::frameRect(uint32_t frame) const
{
    const FlameRows* r = rows();
    if (!r || frame >= r->size())
        return {};
    const double w = width();
    const double a = std::max(0.0, toX(double(r->x0[frame]), w));
    const double b = std::min(w, toX(double(r->x1[frame]), w));
    if (b - a < 1.0)
        return {};
    const double y = rulerHeight() + double(r->depth[frame]) * m_rowHeight - m_scrollY;
    return QRectF(a, y, b - a, m_rowHeight - 1);
}

QColor FlameGraphWidget::frameColor(uint32_t frame) const
{
    const FlameRows* r = rows();
    if (!r || frame >= r->size())
        return {};
    const uint32_t f = r->function[frame];
    const uint32_t node = r->node[frame];
    QColor c = m_mode == Mode::Graph && node < m_nodeColors.size() ? m_nodeColors[node]
        : f < m_overrideColors.size()                              ? m_overrideColors[f]
        : f < m_baseColors.size()                                  ? m_baseColors[f]
                                                                   : QColor(Qt::lightGray);
    if (!m_match.empty() && !(f < m_match.size() && m_match[f]))
        c = fadedColor(c);
    return c;
}

QString FlameGraphWidget::frameSummary(uint32_t frame) const
{
    const FlameRows* r = rows();
    if (!r || frame >= r->size())
        return {};
    const CpuAnalysis& a = *m_analysis;
    const int64_t denom = a.denominator();
    const uint32_t f = r->function[frame];
    QString s = tr("%1: total %2 (%3), self %4 (%5)")
                    .arg(a.functionName(f), a.formatWeight(r->total[frame]), percentOf(r->total[frame], denom),
                        a.formatWeight(r->self[frame]), percentOf(r->self[frame], denom));
    if (m_mode == Mode::Chart)
        s += tr(", from %1").arg(formatMs(double(r->x0[frame]) / 1000));
    const QString loc = a.functionLocation(f);
    return loc.isEmpty() ? s : s + QStringLiteral("  ") + loc;
}

QString FlameGraphWidget::frameToolTip(uint32_t frame) const
{
    const FlameRows* r = rows();
    if (!r || frame >= r->size())
        return {};
    const CpuAnalysis& a = *m_analysis;
    const int64_t denom = a.denominator();
    const uint32_t f = r->function[frame];
    QString tip = QStringLiteral("<b>%1</b>").arg(a.functionName(f).toHtmlEscaped());
    const QString loc = a.functionLocation(f);
    if (!loc.isEmpty())
        tip += QStringLiteral("<br>%1").arg(loc.toHtmlEscaped());
    const QString totalLabel = m_mode == Mode::Chart ? tr("Duration") : tr("Total");
    tip += QStringLiteral("<br>%1: %2 (%3)<br>%4: %5 (%6)")
               .arg(totalLabel, a.formatWeight(r->total[frame]), percentOf(r->total[frame], denom), tr("Self"),
                   a.formatWeight(r->self[frame]), percentOf(r->self[frame], denom));
    if (m_mode == Mode::Chart)
        tip += tr("<br>Start: %1").arg(formatMs(double(r->x0[frame]) / 1000));
    if (m_mode == Mode::Inverted)
        tip += tr("<br><i>Width: self time reached through this chain of callers</i>");
    return tip;
}

void FlameGraphWidget::render(QPainter& p, QSize size, int scrollY) const
{
    const QPalette pal = palette();
    p.fillRect(QRect(QPoint(0, 0), size), pal.color(QPalette::Base));
    const FlameRows* r = rows();
    if (!r || r->size() == 0) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, m_analysis ? tr("No samples") : QString());
        return;
    }
    p.setFont(font());
    const double w = size.width();
    const double unitsPerPx = m_view.span() / std::max(1.0, w);
    const int ruler = rulerHeight();
    const uint32_t firstRow = uint32_t(std::max(0, scrollY / m_rowHeight));
    const uint32_t lastRow = std::min(r->rows(), uint32_t((scrollY + size.height() - ruler) / m_rowHeight + 1));
    const QColor text(0x20, 0x20, 0x20);
    const QColor fadedText(0x90, 0x90, 0x90);
    const double ascent = QFontMetricsF(font()).ascent();
    for (uint32_t d = firstRow; d < lastRow; ++d) {
        visibleFrames(*r, d, m_view.x0, m_view.x1, unitsPerPx, m_visible);
        const double y = ruler + double(d) * m_rowHeight - scrollY;
        for (uint32_t i : m_visible) {
            const double a = std::max(0.0, toX(double(r->x0[i]), w));
            const double b = std::min(w, toX(double(r->x1[i]), w));
            const double fw = b - a;
            const QRectF rect(a, y, fw > 3 ? fw - 1 : fw, m_rowHeight - 1);
            const uint32_t f = r->function[i];
            const bool faded = !m_match.empty() && !(f < m_match.size() && m_match[f]);
            p.fillRect(rect, frameColor(i));
            if (i == m_hovered && fw > 2) {
                p.setPen(QPen(pal.color(QPalette::Highlight), 1));
                p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5));
            }
            if (fw < kLabelMinPx || f >= m_labels.size())
                continue;
            // A fixed-pitch font: eliding is arithmetic, not a font metrics call per frame.
            const int fit = int((fw - 6) / m_charWidth);
            if (fit < 2)
                continue;
            const QString& label = m_labels[f];
            p.setPen(faded ? fadedText : text);
            const QPointF at(a + 3, y + (m_rowHeight - 1 + ascent) / 2 - 2);
            if (label.size() <= fit)
                p.drawText(at, label);
            else
                p.drawText(at, label.left(fit - 1) + QChar(0x2026));
        }
    }
    if (ruler > 0) {
        // Time ruler of the flame chart: round steps in ms from the profile's start.
        p.fillRect(QRectF(0, 0, w, ruler), pal.color(QPalette::Window));
        const double stepUs = tickStep(m_view.span(), std::max(2, int(w / 110)));
        p.setPen(pal.color(QPalette::WindowText));
        for (double t = std::ceil(m_view.x0 / stepUs) * stepUs; t < m_view.x1; t += stepUs) {
            const double x = toX(t, w);
            p.drawLine(QPointF(x, ruler - 5), QPointF(x, ruler));
            const QString label = stepUs >= 100000 ? QString::number(t / 1e6, 'f', stepUs >= 1e6 ? 0 : 1) + " s"
                                                   : QString::number(t / 1000, 'f', stepUs >= 1000 ? 0 : 2) + " ms";
            p.drawText(QPointF(x + 3, ascent + 1), label);
        }
    }
}

void FlameGraphWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    render(p, size(), m_scrollY);
}

bool FlameGraphWidget::exportSvg(const QString& path) const
{
    QSvgGenerator svg;
    svg.setFileName(path);
    const QSize size(width(), contentHeight());
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(tr("v8scope flame graph"));
    QPainter p;
    if (!p.begin(&svg))
        return false;
    render(p, size, 0);
    return p.end();
}

bool FlameGraphWidget::exportPng(const QString& path) const
{
    QImage image(QSize(width(), contentHeight()), QImage::Format_RGB32);
    QPainter p(&image);
    render(p, image.size(), 0);
    p.end();
    return image.save(path, "PNG");
}

void FlameGraphWidget::clampScroll()
{
    m_scrollY = std::clamp(m_scrollY, 0, std::max(0, contentHeight() - height()));
}

void FlameGraphWidget::resizeEvent(QResizeEvent*)
{
    clampScroll();
}

void FlameGraphWidget::wheelEvent(QWheelEvent* event)
{
    const QPoint delta = event->angleDelta();
    const double w = std::max(1, width());
    if (delta.x() != 0 && std::abs(delta.x()) > std::abs(delta.y())) {
        setView(m_view.panned(-delta.x() / 120.0 * m_view.span() * 0.1, extent0(), extent1()), false);
    } else if (delta.y() != 0) {
        const double anchor = m_view.x0 + event->position().x() / w * m_view.span();
        const double factor = std::pow(kWheelStep, delta.y() / 120.0);
        const double full = extent1() - extent0();
        setView(m_view.zoomedAt(anchor, factor, extent0(), extent1(), std::max(1.0, full * 1e-7)), false);
    }
    event->accept();
}

void FlameGraphWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::BackButton) {
        goBack();
        return;
    }
    if (event->button() == Qt::ForwardButton) {
        goForward();
        return;
    }
    m_drag.press(event->position());
    m_pressView = m_view;
    m_pressScroll = m_scrollY;
}

void FlameGraphWidget::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF pos = event->position();
    if (event->buttons() & Qt::LeftButton) {
        if (m_drag.move(this, pos)) {
            const QPointF moved = m_drag.pressPos() - pos;
            const double dx = moved.x() / std::max(1, width()) * m_pressView.span();
            m_view = m_pressView.panned(dx, extent0(), extent1());
            m_scrollY = m_pressScroll + qRound(moved.y());
            clampScroll();
            update();
        }
        return;
    }
    const uint32_t f = frameAt(event->position());
    if (f != m_hovered) {
        m_hovered = f;
        Q_EMIT hoveredFrameChanged(frameSummary(f));
        update();
    }
}

void FlameGraphWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_drag.release(this))
        return;
    const uint32_t f = frameAt(event->position());
    if (f != FlameRows::kNoFrame)
        focusFrame(f);
}

void FlameGraphWidget::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (frameAt(event->position()) == FlameRows::kNoFrame)
        resetZoom();
}

void FlameGraphWidget::keyPressEvent(QKeyEvent* event)
{
    const bool alt = event->modifiers() & Qt::AltModifier;
    if (event->key() == Qt::Key_Escape)
        resetZoom();
    else if (event->key() == Qt::Key_Backspace || (alt && event->key() == Qt::Key_Left))
        goBack();
    else if (alt && event->key() == Qt::Key_Right)
        goForward();
    else
        QWidget::keyPressEvent(event);
}

void FlameGraphWidget::leaveEvent(QEvent*)
{
    if (m_hovered != FlameRows::kNoFrame) {
        m_hovered = FlameRows::kNoFrame;
        Q_EMIT hoveredFrameChanged(QString());
        update();
    }
}

bool FlameGraphWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const uint32_t f = frameAt(help->pos());
        if (f == FlameRows::kNoFrame)
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), frameToolTip(f), this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace v8scope::gui
