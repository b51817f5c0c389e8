// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainergraphpage.h"

#include "pageutil.h"

#include <heap/heapanalysis.h>
#include <models/format.h>
#include <models/retainergraphscene.h>
#include <models/workerpool.h>
#include <widgets/retainergraphwidget.h>

#include <QApplication>
#include <QClipboard>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace v8scope::gui {

using ScenePtr = std::shared_ptr<const RetainerGraphScene>;

RetainerGraphPage::RetainerGraphPage(std::shared_ptr<const HeapAnalysis> analysis, QWidget* parent)
    : QWidget(parent)
    , m_analysis(std::move(analysis))
    , m_graph(new RetainerGraphWidget(this))
    , m_caption(new QLabel(this))
    , m_depth(new QSpinBox(this))
    , m_fit(new QToolButton(this))
    , m_save(new QToolButton(this))
{
    m_graph->setAnalysis(m_analysis);
    m_graph->setToolTip(QString()); // per box, from the widget
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true);
    m_depth->setRange(1, 10);
    m_depth->setValue(int(RetainerGraphOptions {}.depth));
    m_depth->setPrefix(tr("Levels: "));
    m_depth->setToolTip(tr("How many levels of retainers to collect above the object at first (each box's + adds "
                           "one more level)"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole graph (key 0); the wheel zooms, dragging pans, +/- zoom"));
    m_save->setText(tr("Save as PNG..."));
    m_save->setToolTip(tr("Save the whole graph as a PNG image"));
    connect(m_depth, &QSpinBox::valueChanged, this, [this] { rebuild(); });
    connect(m_fit, &QToolButton::clicked, m_graph, &RetainerGraphWidget::fitToView);
    connect(m_save, &QToolButton::clicked, this, [this] {
        pageutil::savePngWithDialog(
            this, QStringLiteral("retainers.png"), [this](const QString& path) { return savePng(path); });
    });
    connect(m_graph, &RetainerGraphWidget::objectClicked, this, &RetainerGraphPage::nodeSelected);
    connect(m_graph, &RetainerGraphWidget::expandRequested, this, &RetainerGraphPage::expand);
    connect(m_graph, &RetainerGraphWidget::contextMenuRequested, this, &RetainerGraphPage::showMenu);

    auto* top = new QHBoxLayout;
    top->addWidget(m_caption, 1);
    top->addWidget(m_depth);
    top->addWidget(m_fit);
    top->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_graph, 1);
    updateCaption();
}

RetainerGraphPage::~RetainerGraphPage() = default;

RetainerGraphOptions RetainerGraphPage::options() const
{
    RetainerGraphOptions o;
    o.depth = uint32_t(m_depth->value());
    return o;
}

void RetainerGraphPage::showObject(uint32_t node)
{
    if (node == kNoNode || node >= m_analysis->nodeCount())
        return;
    if (m_graph->setCurrentObject(node))
        return; // already in the graph: only marked
    setTarget(node);
}

void RetainerGraphPage::setTarget(uint32_t node)
{
    if (node == kNoNode || node >= m_analysis->nodeCount())
        return;
    m_target = node;
    if (isVisible())
        rebuild();
    else
        m_stale = true;
}

void RetainerGraphPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        rebuild();
}

void RetainerGraphPage::rebuild()
{
    m_stale = false;
    if (m_target == kNoNode)
        return;
    run(
        [analysis = m_analysis, target = m_target, o = options(), font = m_graph->font()] {
            return makeRetainerGraphScene(*analysis, buildRetainerGraph(*analysis, target, o), font);
        },
        kNoNode);
}

void RetainerGraphPage::expand(uint32_t index)
{
    const RetainerGraphScene* scene = m_graph->scene();
    if (!scene || !scene->graph.canExpand(index))
        return;
    const RetainerGraph::Node& n = scene->graph.nodes[index];
    const uint32_t anchor = n.node != kNoNode ? n.node : scene->graph.nodes[n.owner].node;
    run(
        [analysis = m_analysis, graph = scene->graph, index, o = options(), font = m_graph->font()]() mutable {
            expandRetainerGraph(graph, *analysis, index, o);
            return makeRetainerGraphScene(*analysis, std::move(graph), font);
        },
        anchor);
}

void RetainerGraphPage::run(std::function<ScenePtr()> work, uint32_t anchor)
{
    const uint64_t job = ++m_job;
    ++m_running;
    auto* watcher = new QFutureWatcher<ScenePtr>(this);
    connect(watcher, &QFutureWatcher<ScenePtr>::finished, this, [this, watcher, job, anchor] {
        watcher->deleteLater();
        --m_running;
        if (job != m_job)
            return; // a newer build or expansion replaced this one
        m_graph->setScene(watcher->future().result(), anchor);
        updateCaption();
        Q_EMIT sceneChanged();
    });
    watcher->setFuture(QtConcurrent::run(workerPool(), std::move(work)));
    m_caption->setText(m_caption->text() + tr(" &nbsp; <i>building...</i>"));
}

void RetainerGraphPage::updateCaption()
{
    const RetainerGraphScene* scene = m_graph->scene();
    if (!scene || scene->graph.nodes.empty()) {
        m_caption->setText(tr("Retainer graph: select an object in any view"));
        return;
    }
    const RetainerGraph& g = scene->graph;
    uint32_t objects = 0;
    for (const auto& n : g.nodes)
        objects += n.node != kNoNode;
    m_caption->setText(tr("Retainers of <b>%1</b>: %2 objects in %3 levels, each once; the shortest path to a GC root "
                          "in red. Click selects, <b>+</b> or double-click expands.")
                           .arg(nodeLabel(*m_analysis, g.target).toHtmlEscaped())
                           .arg(objects)
                           .arg(g.levelCount()));
}

QString RetainerGraphPage::captionText() const
{
    return m_caption->text();
}

bool RetainerGraphPage::savePng(const QString& path) const
{
    const QImage image = m_graph->renderImage(1.0);
    return !image.isNull() && image.save(path, "PNG");
}

void RetainerGraphPage::showMenu(uint32_t index, const QPoint& globalPos)
{
    QMenu menu(this);
    const RetainerGraphScene* scene = m_graph->scene();
    if (scene && index < scene->graph.nodes.size()) {
        const uint32_t node = scene->graph.nodes[index].node;
        if (scene->graph.canExpand(index))
            menu.addAction(tr("Expand Retainers"), this, [this, index] { expand(index); });
        if (node != kNoNode) {
            menu.addAction(tr("Select This Object"), this, [this, node] { Q_EMIT nodeSelected(node); });
            if (index != 0)
                menu.addAction(tr("Graph of This Object"), this, [this, node] {
                    setTarget(node);
                    Q_EMIT nodeSelected(node);
                });
            const QString path = m_graph->pathToObject(index);
            if (!path.isEmpty())
                menu.addAction(
                    tr("Copy Path to the Object"), this, [path] { QApplication::clipboard()->setText(path); });
        }
        menu.addSeparator();
    }
    menu.addAction(tr("Fit to View"), m_graph, &RetainerGraphWidget::fitToView);
    menu.addAction(tr("Save as PNG..."), m_save, &QToolButton::click);
    menu.exec(globalPos);
}

} // namespace v8scope::gui
