// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "treepage.h"

#include "pageutil.h"

#include <heap/heapsnapshot.h>
#include <models/roles.h>

#include <QLabel>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

namespace v8scope::gui {

TreePage::TreePage(QAbstractItemModel* model, const QString& caption, ShowMore showMore, QWidget* parent)
    : QWidget(parent)
    , m_view(new QTreeView(this))
{
    auto* label = new QLabel(caption, this);
    label->setWordWrap(true);
    m_view->setModel(model);
    pageutil::setupTreeView(m_view);
    m_view->setSortingEnabled(false); // the core's order (biggest first, or the snapshot's) is the point
    pageutil::setupContextMenu(m_view, [showMore, this](QMenu& menu, const QModelIndex& index) {
        if (showMore && index.data(MoreRowRole).toBool()) {
            menu.addAction(tr("Show Next 100"), this, [showMore, index] { showMore(index, false); });
            menu.addAction(tr("Show All"), this, [showMore, index] { showMore(index, true); });
        }
        const QVariant node = index.siblingAtColumn(0).data(NodeRole);
        if (node.isValid() && node.toUInt() != kNoNode)
            menu.addAction(tr("Show Retainer Graph"), this, [this, node] { Q_EMIT graphRequested(node.toUInt()); });
    });
    connect(m_view, &QTreeView::activated, this, [showMore](const QModelIndex& index) {
        if (showMore && index.data(MoreRowRole).toBool())
            showMore(index, false);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        const QVariant node = current.siblingAtColumn(0).data(NodeRole);
        if (node.isValid() && node.toUInt() != kNoNode)
            Q_EMIT nodeSelected(node.toUInt());
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(label);
    layout->addWidget(m_view);
}

void TreePage::selectIndex(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_view->expand(p);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

} // namespace v8scope::gui
