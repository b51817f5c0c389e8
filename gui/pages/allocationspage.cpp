// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "allocationspage.h"

#include "pageutil.h"

#include <heap/allocations.h>
#include <models/tablemodel.h>
#include <report/exploreviews.h>

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace v8scope::gui {

AllocationsPage::AllocationsPage(std::shared_ptr<const AllocationProfile> profile, QWidget* parent)
    : QWidget(parent)
    , m_profile(std::move(profile))
    , m_model(new TableModel(this))
    , m_view(new QTreeView(this))
{
    m_model->setTable(std::make_shared<const report::Table>(report::allocationsTable(*m_profile)));
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(TableModel::SortRole);
    m_view->setModel(proxy);
    pageutil::setupTreeView(m_view, QStringLiteral("888,888,888"));
    pageutil::setupContextMenu(m_view);
    m_view->setRootIsDecorated(false);
    m_view->setSortingEnabled(true);
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder); // the view's order: allocated size, descending
    proxy->sort(-1);
    auto* caption = new QLabel(
        tr("The functions that allocated the objects of this snapshot (recorded with allocation tracking), by "
           "allocated size: Live = still alive here. Select an object in any view to see its allocation stack in "
           "the details."),
        this);
    caption->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(caption);
    layout->addWidget(m_view, 1);
}

AllocationsPage::~AllocationsPage() = default;

const report::Table& AllocationsPage::table() const
{
    return *m_model->table();
}

} // namespace v8scope::gui
