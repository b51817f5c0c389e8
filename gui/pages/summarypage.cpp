// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "summarypage.h"

#include "pageutil.h"

#include <models/format.h>
#include <models/roles.h>
#include <models/summarymodel.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

namespace v8scope::gui {

SummaryPage::SummaryPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new SummaryModel(this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
{
    m_preset = new QComboBox(this);
    m_preset->addItem(tr("All objects"));
    m_preset->setToolTip(tr("Which objects the Summary counts (DevTools' presets)"));
    m_filter = pageutil::createFilterLine(this, tr("Filter by class..."),
        tr("Show only the classes whose name contains this text (case-insensitive); Ctrl+F"),
        [this](const QString& text) {
            m_model->setFilter(text);
            updateStatus();
        });
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_preset);
    controls->addWidget(m_filter, 1);
    controls->addWidget(m_status);

    m_view->setModel(m_model);
    pageutil::setupTreeView(m_view);
    m_view->sortByColumn(SummaryModel::RetainedColumn, Qt::DescendingOrder);
    pageutil::setupContextMenu(m_view, [this](QMenu& menu, const QModelIndex& index) {
        if (m_model->isPager(index)) {
            menu.addAction(tr("Show Next %1").arg(SummaryModel::kPageSize), this,
                [this, index] { m_model->showMore(index, false); });
            menu.addAction(tr("Show All"), this, [this, index] { m_model->showMore(index, true); });
        }
    });
    auto activate = [this](const QModelIndex& index) {
        if (m_model->isPager(index))
            m_model->showMore(index, false);
    };
    connect(m_view, &QTreeView::activated, this, activate);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        const uint32_t node = m_model->nodeAt(current);
        if (node != kNoNode)
            Q_EMIT nodeSelected(node);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_view);
}

void SummaryPage::setSummary(const HeapSummary& summary)
{
    m_model->setSummary(summary);
    updateStatus();
}

void SummaryPage::updateStatus()
{
    const auto& rows = m_model->summary().rows;
    const int total = rows ? int(rows->size()) : 0;
    m_status->setText(m_model->visibleClassCount() == total
            ? tr("%1 classes").arg(formatCount(uint64_t(total)))
            : tr("%1 of %2 classes")
                  .arg(formatCount(uint64_t(m_model->visibleClassCount())), formatCount(uint64_t(total))));
}

bool SummaryPage::selectNode(uint32_t node)
{
    const QModelIndex index = m_model->indexOfNode(node);
    if (!index.isValid())
        return false;
    m_view->expand(index.parent());
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

} // namespace v8scope::gui
