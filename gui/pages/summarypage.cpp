// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "summarypage.h"

#include "pageutil.h"

#include <models/format.h>
#include <models/roles.h>
#include <models/summarymodel.h>
#include <report/heapviews.h>

#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSignalBlocker>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <models/workerpool.h>

namespace v8scope::gui {

SummaryPage::SummaryPage(QWidget* parent)
    : QWidget(parent)
    , m_model(new SummaryModel(this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
{
    m_preset = new QComboBox(this);
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_preset->setToolTip(tr("Which objects the Summary counts, as DevTools' filter: its presets, and with other "
                            "snapshots of the same process open (tab order = time order) the objects allocated "
                            "before or between them (v8scope summary --preset / --allocated-between)"));
    for (const SummaryFilterInfo& f : summaryFilters()) {
        FilterEntry e;
        e.title = QString::fromUtf8(f.title.data(), int(f.title.size()));
        e.spec.preset = f.filter;
        m_entries.push_back(e);
        m_preset->addItem(e.title);
    }
    connect(m_preset, &QComboBox::currentIndexChanged, this, &SummaryPage::applyFilter);
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
        const uint32_t node = m_model->nodeAt(index);
        if (node != kNoNode)
            menu.addAction(tr("Show Retainer Graph"), this, [this, node] { Q_EMIT graphRequested(node); });
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

SummaryPage::~SummaryPage() = default;

void SummaryPage::setSummary(const HeapSummary& summary)
{
    m_all = summary;
    applyFilter();
}

void SummaryPage::setSnapshotList(
    const QStringList& names, const std::vector<std::weak_ptr<const HeapAnalysis>>& snapshots)
{
    const QString current = m_preset->currentText();
    const size_t presets = summaryFilters().size();
    m_entries.resize(presets);
    for (size_t i = 0; i < snapshots.size() && snapshots.size() > 1; ++i) {
        FilterEntry e;
        e.spec.ranged = true;
        e.spec.upTo = snapshots[i];
        if (i == 0) {
            e.spec.fromStart = true;
            e.title = tr("Objects allocated before %1").arg(names.value(0));
        } else {
            e.spec.after = snapshots[i - 1];
            e.title = tr("Objects allocated between %1 and %2").arg(names.value(int(i) - 1), names.value(int(i)));
        }
        m_entries.push_back(e);
    }
    const QSignalBlocker block(m_preset);
    while (m_preset->count() > int(presets))
        m_preset->removeItem(m_preset->count() - 1);
    for (size_t i = presets; i < m_entries.size(); ++i)
        m_preset->addItem(m_entries[i].title);
    const int keep = m_preset->findText(current);
    m_preset->setCurrentIndex(keep < 0 ? 0 : keep);
    if (keep < 0 && current != m_preset->currentText())
        applyFilter(); // the range's snapshot was closed: back to All objects
}

void SummaryPage::applyFilter()
{
    if (!m_all.analysis)
        return;
    const int index = std::max(0, m_preset->currentIndex());
    const int generation = ++m_generation;
    if (index == 0) {
        m_model->setSummary(m_all);
        updateStatus();
        Q_EMIT filterApplied();
        return;
    }
    ++m_pending;
    m_status->setText(tr("Filtering\u2026"));
    auto* watcher = new QFutureWatcher<Result<HeapSummary>>(this);
    connect(watcher, &QFutureWatcher<Result<HeapSummary>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_pending;
        if (generation != m_generation)
            return; // another entry was chosen meanwhile
        const Result<HeapSummary>& r = watcher->future().result();
        if (!r) {
            const QString message = QString::fromStdString(r.error().toString());
            m_status->setText(message);
            Q_EMIT failed(message);
            return;
        }
        m_model->setSummary(r.value());
        updateStatus();
        Q_EMIT filterApplied();
    });
    watcher->setFuture(QtConcurrent::run(workerPool(),
        [analysis = m_all.analysis, spec = m_entries[size_t(index)].spec,
            title = m_preset->currentText().toStdString()] { return makeFilteredSummary(analysis, spec, title); }));
}

report::Table SummaryPage::table() const
{
    const HeapSummary& summary = m_model->summary();
    std::vector<ClassAggregate> rows;
    if (summary.rows) {
        rows.reserve(size_t(m_model->visibleClassCount()));
        for (int r = 0; r < m_model->visibleClassCount(); ++r)
            rows.push_back((*summary.rows)[m_model->classIndexAt(r)].totalsOnly());
    }
    report::SummaryViewOptions view;
    switch (m_view->header()->sortIndicatorSection()) {
    case SummaryModel::NameColumn:
        view.sort = report::SummarySort::Name;
        break;
    case SummaryModel::DistanceColumn:
        view.sort = report::SummarySort::Distance;
        break;
    case SummaryModel::CountColumn:
        view.sort = report::SummarySort::Count;
        break;
    case SummaryModel::ShallowColumn:
    case SummaryModel::ShallowPercentColumn:
        view.sort = report::SummarySort::Shallow;
        break;
    default:
        view.sort = report::SummarySort::Retained;
    }
    return report::summaryTable(*summary.analysis, rows, view);
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
