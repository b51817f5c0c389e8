// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainerspane.h"

#include "pageutil.h"

#include <heap/heapanalysis.h>
#include <models/format.h>
#include <models/graphtreemodel.h>
#include <models/roles.h>

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

namespace v8scope::gui {

RetainersPane::RetainersPane(QWidget* parent)
    : QWidget(parent)
    , m_model(new GraphTreeModel(GraphTreeModel::Direction::Retainers, this))
    , m_view(new QTreeView(this))
    , m_caption(new QLabel(tr("Retainers: select an object"), this))
{
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
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        const uint32_t node = m_model->nodeAt(index);
        if (node != kNoNode)
            Q_EMIT nodeActivated(node);
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_caption);
    layout->addWidget(m_view);
}

void RetainersPane::setAnalysis(std::shared_ptr<const HeapAnalysis> analysis)
{
    m_model->setAnalysis(std::move(analysis));
    m_caption->setText(tr("Retainers: select an object"));
    m_pathText.clear();
}

void RetainersPane::setTarget(uint32_t node)
{
    m_model->setTarget(node);
    m_pathText.clear();
    const HeapAnalysis* a = m_model->analysis();
    if (!a || node == kNoNode) {
        m_caption->setText(tr("Retainers: select an object"));
        return;
    }
    const QList<QModelIndex> path = m_model->shortestPath();
    for (const QModelIndex& index : path)
        m_view->expand(index);
    if (!path.isEmpty()) {
        m_view->scrollTo(path.last());
        m_pathText = m_model->pathText(path.last());
    }
    const uint32_t count = a->retainers.firstRetainer[node + 1] - a->retainers.firstRetainer[node];
    m_caption->setText(tr("Retainers of <b>%1</b>: %2, nearest to a GC root first; the shortest path is in bold")
                           .arg(nodeLabel(*a, node).toHtmlEscaped(), tr("%1 references").arg(formatCount(count))));
}

QString RetainersPane::shortestPathText() const
{
    return m_pathText;
}

} // namespace v8scope::gui
