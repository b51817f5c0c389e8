// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpuflamepage.h"

#include "pageutil.h"

#include <cpu/exporters.h>
#include <widgets/flamegraph.h>

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace v8scope::gui {

namespace {

QToolButton* toolButton(QWidget* parent, QStyle::StandardPixmap icon, const QString& text, const QString& tip)
{
    auto* b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    b->setText(text);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setToolTip(tip);
    return b;
}

bool writeFile(const QString& path, const std::string& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
}

} // namespace

CpuFlamePage::CpuFlamePage(QWidget* parent)
    : QWidget(parent)
    , m_flame(new FlameGraphWidget(this))
{
    m_back = toolButton(this, QStyle::SP_ArrowBack, tr("Back"), tr("Back to the previous zoom (Backspace, Alt+Left)"));
    m_forward = toolButton(this, QStyle::SP_ArrowForward, tr("Forward"), tr("Forward again (Alt+Right)"));
    m_reset = toolButton(this, QStyle::SP_BrowserReload, tr("Reset"), tr("Show the whole graph (Esc)"));
    m_mode = new QComboBox(this);
    m_mode->addItem(tr("Flame graph"), int(FlameGraphWidget::Mode::Graph));
    m_mode->addItem(tr("Inverted (bottom-up)"), int(FlameGraphWidget::Mode::Inverted));
    m_mode->addItem(tr("Flame chart (time order)"), int(FlameGraphWidget::Mode::Chart));
    m_mode->setToolTip(tr("Flame graph: stacks merged, heaviest first, widths = total time.\n"
                          "Inverted: functions by self time, their callers stacked on them.\n"
                          "Flame chart: stacks in time order, as DevTools' Performance panel draws them."));
    m_colors = new QComboBox(this);
    m_colors->addItem(tr("Colour by function"), int(ColorBy::Function));
    m_colors->addItem(tr("Colour by package / script"), int(ColorBy::Package));
    m_colors->addItem(tr("Colour by category"), int(ColorBy::Category));
    m_colors->setToolTip(tr("Frame colours come from a stable hash of the name: the same in every view and run.\n"
                            "Category: user code, npm, Node internals, V8 builtins, GC, (program), (idle)."));
    m_search = pageutil::createFilterLine(this, tr("Search functions or scripts…"),
        tr("Fades every frame whose function name or script URL does not contain the text, and shows the share of "
           "time in matching stacks"),
        [this](const QString& text) { m_flame->setSearch(text); });
    auto* exportButton = toolButton(this, QStyle::SP_DialogSaveButton, tr("Export…"),
        tr("Save the flame graph as SVG or PNG, or the profile as folded stacks or pprof"));
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : std::initializer_list<QWidget*> { m_back, m_forward, m_reset, m_mode, m_colors })
        controls->addWidget(w);
    controls->addWidget(m_search, 1);
    controls->addWidget(exportButton);

    m_hover = new QLabel(this);
    m_total = new QLabel(this);
    m_matched = new QLabel(this);
    QFont bold = m_matched->font();
    bold.setBold(true);
    m_matched->setFont(bold);
    for (QLabel* l : { m_hover, m_total, m_matched })
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_flame, 1);
    layout->addWidget(m_hover);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_total);
    bottom->addStretch(1);
    bottom->addWidget(m_matched);
    layout->addLayout(bottom);

    connect(m_back, &QToolButton::clicked, m_flame, &FlameGraphWidget::goBack);
    connect(m_forward, &QToolButton::clicked, m_flame, &FlameGraphWidget::goForward);
    connect(m_reset, &QToolButton::clicked, m_flame, &FlameGraphWidget::resetZoom);
    connect(m_flame, &FlameGraphWidget::historyChanged, this, &CpuFlamePage::updateButtons);
    connect(m_flame, &FlameGraphWidget::hoveredFrameChanged, m_hover, &QLabel::setText);
    connect(m_flame, &FlameGraphWidget::searchChanged, this, &CpuFlamePage::updateStatus);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_flame->setMode(FlameGraphWidget::Mode(m_mode->currentData().toInt()));
        updateStatus();
    });
    connect(m_colors, &QComboBox::currentIndexChanged, this,
        [this] { m_flame->setColorBy(ColorBy(m_colors->currentData().toInt())); });
    connect(exportButton, &QToolButton::clicked, this, &CpuFlamePage::exportWithDialog);
    updateButtons();
}

void CpuFlamePage::setAnalysis(CpuAnalysisPtr analysis)
{
    m_analysis = analysis;
    // A heap profile has no time order: no flame chart.
    const bool heap = analysis && analysis->isHeap();
    if (heap && m_mode->currentIndex() == 2)
        m_mode->setCurrentIndex(0);
    m_mode->setItemData(2, heap ? 0 : QVariant(), Qt::UserRole - 1);
    m_flame->setAnalysis(std::move(analysis));
    updateStatus();
}

void CpuFlamePage::setMode(int mode)
{
    m_mode->setCurrentIndex(m_mode->findData(mode));
}

void CpuFlamePage::updateButtons()
{
    m_back->setEnabled(m_flame->canGoBack());
    m_forward->setEnabled(m_flame->canGoForward());
}

void CpuFlamePage::updateStatus()
{
    m_total->setText(m_flame->totalSummary());
    m_matched->setText(m_flame->searchSummary());
}

QString CpuFlamePage::exportTo(const QString& path) const
{
    if (!m_analysis)
        return tr("Nothing to export");
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".svg")))
        return m_flame->exportSvg(path) ? QString() : tr("Could not write %1").arg(path);
    if (lower.endsWith(QLatin1String(".png")))
        return m_flame->exportPng(path) ? QString() : tr("Could not write %1").arg(path);
    if (lower.endsWith(QLatin1String(".pb.gz")) || lower.endsWith(QLatin1String(".pprof"))) {
        auto bytes = pprofGzip(*m_analysis->profile, m_analysis->timing);
        if (!bytes)
            return QString::fromStdString(bytes.error().toString());
        return writeFile(path, bytes.value()) ? QString() : tr("Could not write %1").arg(path);
    }
    // Folded stacks of the tree shown (the selected range, hidden frames excluded), as `v8scope cpu flame`.
    const std::string folded = foldedStacks(*m_analysis->profile, m_analysis->timing, m_analysis->topDown);
    return writeFile(path, folded) ? QString() : tr("Could not write %1").arg(path);
}

void CpuFlamePage::exportWithDialog()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export flame graph"), QString(),
        tr("SVG image (*.svg);;PNG image (*.png);;Folded stacks (*.folded);;pprof (*.pb.gz)"), &selected);
    if (path.isEmpty())
        return;
    const QString error = exportTo(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export"), error);
}

} // namespace v8scope::gui
