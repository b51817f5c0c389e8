// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainerspane.h"

#include "pageutil.h"

#include <heap/heapanalysis.h>
#include <heap/retainersview.h>
#include <models/format.h>
#include <models/graphtreemodel.h>
#include <models/roles.h>
#include <models/workerpool.h>

#include <QApplication>
#include <QClipboard>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace v8scope::gui {

RetainersPane::RetainersPane(QWidget* parent)
    : QWidget(parent)
    , m_model(new GraphTreeModel(GraphTreeModel::Direction::Retainers, this))
    , m_view(new QTreeView(this))
    , m_caption(new QLabel(tr("Retainers: select an object"), this))
    , m_restore(new QToolButton(this))
{
    m_caption->setWordWrap(true);
    m_restore->setText(tr("Stop ignoring all"));
    m_restore->setToolTip(tr("Restore the ignored retainers: the distances become the snapshot's again"));
    m_restore->setVisible(false);
    connect(m_restore, &QToolButton::clicked, this, &RetainersPane::unignoreAll);
    m_view->setModel(m_model);
    pageutil::setupTreeView(m_view);
    m_view->setSortingEnabled(false);
    pageutil::setupContextMenu(m_view, [this](QMenu& menu, const QModelIndex& index) {
        if (!index.isValid())
            return;
        menu.addAction(tr("Copy Retaining Path"), this,
            [this, index] { QApplication::clipboard()->setText(m_model->pathText(index)); });
        const uint32_t node = m_model->nodeAt(index);
        menu.addAction(tr("Select This Object"), this, [this, node] { Q_EMIT nodeActivated(node); });
        menu.addAction(tr("Show Retainer Graph"), this, [this, node] { Q_EMIT graphRequested(node); });
        menu.addSeparator();
        if (std::find(m_ignored.begin(), m_ignored.end(), node) != m_ignored.end())
            menu.addAction(tr("Stop Ignoring This Retainer"), this, [this, node] { unignoreNode(node); });
        else
            menu.addAction(tr("Ignore This Retainer"), this, [this, node] { ignoreNode(node); });
        if (!m_ignored.empty())
            menu.addAction(tr("Stop Ignoring All (%1)").arg(m_ignored.size()), this, &RetainersPane::unignoreAll);
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const uint32_t node = m_model->nodeAt(index);
        if (node != kNoNode)
            Q_EMIT nodeActivated(node);
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_caption, 1);
    top->addWidget(m_restore, 0, Qt::AlignTop);
    layout->addLayout(top);
    layout->addWidget(m_view);
}

void RetainersPane::setAnalysis(std::shared_ptr<const HeapAnalysis> analysis)
{
    // A new snapshot: nothing ignored, and a recomputation for the old one is dropped when it ends.
    ++m_generation;
    if (m_cancel)
        m_cancel->cancel();
    m_cancel.reset();
    m_ignored.clear();
    m_model->setAnalysis(std::move(analysis));
    m_pathText.clear();
    updateCaption();
}

void RetainersPane::setTarget(uint32_t node)
{
    m_model->setTarget(node);
    expandShortestPath();
}

void RetainersPane::expandShortestPath()
{
    m_pathText.clear();
    if (m_model->analysis() && m_model->target() != kNoNode) {
        const QList<QModelIndex> path = m_model->shortestPath();
        for (const QModelIndex& index : path)
            m_view->expand(index);
        if (!path.isEmpty()) {
            m_view->scrollTo(path.last());
            m_pathText = m_model->pathText(path.last());
        }
    }
    updateCaption();
}

void RetainersPane::updateCaption()
{
    const HeapAnalysis* a = m_model->analysis();
    const uint32_t node = m_model->target();
    m_restore->setVisible(a && !m_ignored.empty());
    m_restore->setText(tr("Stop ignoring all (%1)").arg(m_ignored.size()));
    if (!a || node == kNoNode) {
        m_caption->setText(tr("Retainers: select an object"));
        return;
    }
    const uint32_t count = a->retainers.firstRetainer[node + 1] - a->retainers.firstRetainer[node];
    QString text = tr("Retainers of <b>%1</b>: %2, nearest to a GC root first; the shortest path is in bold")
                       .arg(nodeLabel(*a, node).toHtmlEscaped(), tr("%1 references").arg(formatCount(count)));
    if (isRecomputing())
        text += tr("<br>Recomputing the distances without the ignored retainers\u2026");
    else if (!m_ignored.empty())
        text += tr("<br>Ignoring %1: distances recomputed without them (\"-\": no longer reachable)")
                    .arg(m_ignored.size() == 1 ? nodeLabel(*a, m_ignored.front()).toHtmlEscaped()
                                               : tr("%1 retainers").arg(m_ignored.size()));
    m_caption->setText(text);
}

void RetainersPane::ignoreNode(uint32_t node)
{
    const HeapAnalysis* a = m_model->analysis();
    if (!a || node >= a->nodeCount() || std::find(m_ignored.begin(), m_ignored.end(), node) != m_ignored.end())
        return;
    m_ignored.push_back(node);
    recompute();
}

void RetainersPane::unignoreNode(uint32_t node)
{
    const auto it = std::find(m_ignored.begin(), m_ignored.end(), node);
    if (it == m_ignored.end())
        return;
    m_ignored.erase(it);
    recompute();
}

void RetainersPane::unignoreAll()
{
    if (m_ignored.empty())
        return;
    m_ignored.clear();
    recompute();
}

void RetainersPane::recompute()
{
    const uint64_t generation = ++m_generation;
    if (m_cancel)
        m_cancel->cancel(); // the older recomputation is useless now
    m_cancel.reset();
    std::shared_ptr<const HeapAnalysis> analysis = m_model->analysisPtr();
    if (!analysis)
        return;
    if (m_ignored.empty()) {
        // Nothing ignored: the snapshot's own distances (unignoreAllNodesInRetainersView), no BFS to run.
        applyView(nullptr);
        return;
    }
    auto cancel = std::make_shared<CancelToken>();
    m_cancel = cancel;
    ++m_pending;
    updateCaption();
    auto* watcher = new QFutureWatcher<std::shared_ptr<const RetainersView>>(this);
    connect(
        watcher, &QFutureWatcher<std::shared_ptr<const RetainersView>>::finished, this, [this, watcher, generation] {
            watcher->deleteLater();
            --m_pending;
            std::shared_ptr<const RetainersView> view = watcher->future().result();
            if (generation != m_generation || !view) {
                updateCaption(); // stale (the set or the snapshot changed meanwhile) or cancelled
                return;
            }
            m_cancel.reset();
            applyView(std::move(view));
        });
    watcher->setFuture(QtConcurrent::run(workerPool(), [analysis, nodes = m_ignored, cancel] {
        TaskControl control;
        control.cancel = cancel.get();
        return RetainersView::compute(analysis, nodes, control);
    }));
}

void RetainersPane::applyView(std::shared_ptr<const RetainersView> view)
{
    m_model->setRetainersView(std::move(view));
    expandShortestPath();
    Q_EMIT retainersViewChanged();
}

QString RetainersPane::shortestPathText() const
{
    return m_pathText;
}

} // namespace v8scope::gui
