// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpucomparepage.h"

#include "pageutil.h"

#include <models/roles.h>
#include <widgets/flamegraph.h>

#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace v8scope::gui {

CpuComparePage::CpuComparePage(QWidget* parent)
    : QWidget(parent)
    , m_model(new CpuCompareModel(this))
    , m_title(new QLabel(this))
    , m_table(new QTreeView(this))
    , m_flame(new FlameGraphWidget(this))
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(SortRole);
    m_table->setModel(proxy);
    m_table->setRootIsDecorated(false);
    pageutil::setupTreeView(m_table, QStringLiteral("+8,888.8 ms"));
    m_flame->setToolTip(tr("This profile's flame graph; red: the call path took longer than in the baseline, "
                           "blue: shorter, grey: unchanged"));
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_flame);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    m_title->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);
}

void CpuComparePage::setComparison(CpuComparisonPtr comparison, const QString& baseName)
{
    m_title->setText(tr("Compared with the baseline <b>%1</b>: non-idle %2 here vs %3 there. "
                        "Δ = this profile − baseline; red grew, blue shrank.")
                         .arg(baseName.toHtmlEscaped(), formatMs(comparison->diff.headBusyMs),
                             formatMs(comparison->diff.baseBusyMs)));
    m_model->setComparison(comparison);
    m_table->sortByColumn(CpuCompareModel::SelfDeltaColumn, Qt::DescendingOrder);
    m_flame->setAnalysis(comparison->head);
    m_flame->setNodeColors(comparison->nodeColors());
}

} // namespace v8scope::gui
