// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapview.h"

#include "allocationspage.h"
#include "objectdetails.h"
#include "pageutil.h"
#include "retainergraphpage.h"
#include "retainerspane.h"
#include "statisticspage.h"
#include "summarypage.h"
#include "treemappage.h"
#include "treepage.h"

#include <heap/allocations.h>
#include <heap/containment.h>
#include <heap/heapanalysis.h>
#include <models/dominatortreemodel.h>
#include <models/format.h>
#include <models/graphtreemodel.h>
#include <report/exploreviews.h>
#include <widgets/treemapwidget.h>

#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <models/workerpool.h>

namespace v8scope::gui {

HeapView::HeapView(const HeapDocument& document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_info(new QLabel(this))
    , m_pages(new QTabWidget(this))
    , m_summary(new SummaryPage(this))
    , m_dominatorModel(new DominatorTreeModel(this))
    , m_containmentModel(new GraphTreeModel(GraphTreeModel::Direction::Containment, this))
    , m_retainers(new RetainersPane(this))
    , m_details(new ObjectDetails(this))
{
    const HeapAnalysis& a = *document.analysis;
    m_info->setText(tr("<b>%1</b> &nbsp; %2 total, %3 objects, %4 references &nbsp; loaded in %5 ms (parse %6, "
                       "analysis %7)")
                        .arg(QFileInfo(document.path).fileName().toHtmlEscaped(), formatBytes(a.totalSize()),
                            formatCount(a.nodeCount()), formatCount(a.snapshot->edgeCount))
                        .arg(qRound(document.parseMs + document.analyzeMs))
                        .arg(qRound(document.parseMs))
                        .arg(qRound(document.analyzeMs)));
    m_info->setToolTip(document.path);

    m_dominatorModel->setAnalysis(document.analysis);
    m_containmentModel->setAnalysis(document.analysis);
    m_retainers->setAnalysis(document.analysis);
    m_details->setAnalysis(document.analysis);

    m_dominators = new TreePage(
        m_dominatorModel,
        tr("The dominator tree: each object's children are the objects only reachable through it, biggest retained "
           "size first."),
        [this](const QModelIndex& pager, bool all) { m_dominatorModel->showMore(pager, all); }, this);
    m_containment = new TreePage(m_containmentModel,
        tr("The heap as the snapshot links it, from the root: GC roots, globals and what they reference."), {}, this);
    m_dominators->view()->expand(m_dominatorModel->index(0, 0));
    m_statistics = new StatisticsPage(document, this);
    m_treemap = new TreemapPage(document.analysis, this);
    m_graph = new RetainerGraphPage(document.analysis, this);

    m_pages->addTab(m_summary, tr("Summary"));
    m_pages->setTabToolTip(0, tr("Objects grouped by class (DevTools' Summary)"));
    m_pages->addTab(m_containment, tr("Containment"));
    m_pages->setTabToolTip(1, tr("The object graph from the root (DevTools' Containment)"));
    m_pages->addTab(m_dominators, tr("Dominators"));
    m_pages->setTabToolTip(2, tr("The dominator tree by retained size"));
    m_pages->addTab(m_treemap, tr("Retained-size Map"));
    m_pages->setTabToolTip(3, tr("The dominator tree as a treemap: area = retained size, colour = class"));
    m_pages->addTab(m_statistics, tr("Statistics"));
    m_pages->setTabToolTip(4, tr("The heap by kind of object, and the classes that retain the most"));
    m_pages->addTab(m_graph, tr("Retainer Graph"));
    m_pages->setTabToolTip(5, tr("The selected object's retainers, levels up, as a graph: each object once"));
    connect(m_pages, &QTabWidget::currentChanged, this, [this] { Q_EMIT selectionChanged(selectedNode()); });

    for (auto* page : { m_dominators, m_containment })
        connect(page, &TreePage::nodeSelected, this, [this](uint32_t node) { selectNode(node); });
    connect(m_treemap, &TreemapPage::nodeSelected, this, [this](uint32_t node) { selectNode(node); });
    connect(m_summary, &SummaryPage::nodeSelected, this, [this](uint32_t node) { selectNode(node); });
    connect(m_retainers, &RetainersPane::nodeActivated, this, [this](uint32_t node) { selectNode(node, true); });
    connect(m_graph, &RetainerGraphPage::nodeSelected, this, [this](uint32_t node) { selectNode(node); });
    // "Show Retainer Graph" in the object context menus: that object's graph, in the Retainer Graph tab.
    const auto showGraph = [this](uint32_t node) {
        m_pages->setCurrentWidget(m_graph);
        m_graph->setTarget(node);
        selectNode(node);
    };
    connect(m_retainers, &RetainersPane::graphRequested, this, showGraph);
    connect(m_summary, &SummaryPage::graphRequested, this, showGraph);
    for (auto* page : { m_dominators, m_containment })
        connect(page, &TreePage::graphRequested, this, showGraph);
    connect(m_details, &ObjectDetails::nodeActivated, this, [this](uint32_t node) { selectNode(node, true); });

    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_retainers);
    bottom->addWidget(m_details);
    // The details need room for "Retained size  688.0 kB (688,000 B, 17.5 %)" and allocation stack frames on one
    // line each: 3:2 gives them about 550 px of a 1400 px window.
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    m_details->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("Retained size  888.8 kB (888,888 B, 88.8 %)")));
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_pages);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_info);
    layout->addWidget(split, 1);

    // Allocation tracking (.heaptimeline): DevTools' Allocation view and per-object allocation stacks.
    if (AllocationProfile::available(*a.snapshot)) {
        using ProfileResult = Result<std::shared_ptr<const AllocationProfile>>;
        auto* watcher = new QFutureWatcher<ProfileResult>(this);
        connect(watcher, &QFutureWatcher<ProfileResult>::finished, this, [this, watcher] {
            watcher->deleteLater();
            const ProfileResult& r = watcher->future().result();
            if (!r) {
                m_info->setText(m_info->text()
                    + tr(" &nbsp; allocation tracking: %1")
                          .arg(QString::fromStdString(r.error().toString()).toHtmlEscaped()));
                return;
            }
            m_allocations = new AllocationsPage(r.value(), this);
            const int index = m_pages->insertTab(m_pages->indexOf(m_treemap), m_allocations, tr("Allocations"));
            m_pages->setTabToolTip(index, tr("The functions that allocated the objects (DevTools' Allocation view)"));
            m_details->setAllocationProfile(r.value());
            Q_EMIT allocationsAvailable();
        });
        watcher->setFuture(QtConcurrent::run(
            workerPool(), [analysis = document.analysis] { return AllocationProfile::build(analysis); }));
    }
}

HeapView::~HeapView() = default;

void HeapView::setSummary(const HeapSummary& summary)
{
    m_summary->setSummary(summary);
    m_statistics->setSummary(summary);
}

void HeapView::selectNode(uint32_t node, bool reveal)
{
    if (m_revealing || node == kNoNode || node >= m_document.analysis->nodeCount())
        return;
    if (!m_history.empty() && m_history[m_position] == node) {
        if (reveal)
            revealInCurrentPage(node);
        return;
    }
    if (!m_history.empty())
        m_history.resize(m_position + 1); // a new selection drops the forward history
    m_history.push_back(node);
    m_position = m_history.size() - 1;
    showNode(node, reveal);
}

void HeapView::showNode(uint32_t node, bool reveal)
{
    m_retainers->setTarget(node);
    m_graph->showObject(node);
    m_details->setNode(node, [this] { return m_retainers->shortestPathText(); });
    if (reveal)
        revealInCurrentPage(node);
    Q_EMIT selectionChanged(node);
}

void HeapView::revealInCurrentPage(uint32_t node)
{
    m_revealing = true;
    QWidget* page = m_pages->currentWidget();
    if (page == m_summary) {
        if (!m_summary->selectNode(node)) {
            m_pages->setCurrentWidget(m_dominators); // filtered out of the Summary: show it where it always is
            m_dominators->selectIndex(m_dominatorModel->indexOfNode(node));
        }
    } else if (page == m_treemap) {
        // Go to / Back / Forward / a retainer: zoom the map to the object's dominator so its frame is in view.
        const uint32_t parent = m_document.analysis->dominatorParent(node);
        m_treemap->map()->setFocusNode(parent != kNoNode ? parent : node);
    } else if (page == m_dominators || page == m_containment) {
        // Containment paths are not unique; the dominator tree has exactly one place for every object.
        m_pages->setCurrentWidget(m_dominators);
        m_dominators->selectIndex(m_dominatorModel->indexOfNode(node));
    }
    m_revealing = false;
}

void HeapView::focusFilter()
{
    m_pages->setCurrentWidget(m_summary);
    m_summary->filterLine()->setFocus(Qt::ShortcutFocusReason);
    m_summary->filterLine()->selectAll();
}

void HeapView::goToObject(const QString& text)
{
    QString digits = text.trimmed();
    if (digits.startsWith(QLatin1Char('@')))
        digits.remove(0, 1);
    bool ok = false;
    const uint id = digits.toUInt(&ok);
    const uint32_t node = ok ? m_document.analysis->nodeForId(id) : kNoNode;
    if (node == kNoNode) {
        QMessageBox::information(this, tr("Go to Object"), tr("No object with id @%1 in this snapshot.").arg(digits));
        return;
    }
    selectNode(node, true);
}

bool HeapView::canGoBack() const
{
    return m_position > 0;
}

bool HeapView::canGoForward() const
{
    return m_position + 1 < m_history.size();
}

void HeapView::goBack()
{
    if (!canGoBack())
        return;
    --m_position;
    showNode(m_history[m_position], true);
}

void HeapView::goForward()
{
    if (!canGoForward())
        return;
    ++m_position;
    showNode(m_history[m_position], true);
}

} // namespace v8scope::gui

namespace v8scope::gui {

bool HeapView::canExport() const
{
    QWidget* page = m_pages->currentWidget();
    return page == m_statistics || page == m_treemap || page == m_graph || page == m_summary || page == m_containment
        || (m_allocations && page == m_allocations);
}

std::optional<report::Table> HeapView::currentTable() const
{
    QWidget* page = m_pages->currentWidget();
    const HeapAnalysis& a = *m_document.analysis;
    if (page == m_summary)
        return m_summary->table();
    if (page == m_containment) {
        // `v8scope containment FILE`: from the root, two levels, 20 rows per object (the CLI's defaults).
        auto rows = containmentRows(a, a.root(), 2, 20);
        if (!rows)
            return std::nullopt;
        return report::containmentTable(a, rows.value());
    }
    if (m_allocations && page == m_allocations)
        return m_allocations->table();
    return std::nullopt;
}

void HeapView::exportCurrentView()
{
    QWidget* page = m_pages->currentWidget();
    if (const auto table = currentTable()) {
        const QString name = page == m_summary ? QStringLiteral("summary")
            : page == m_containment            ? QStringLiteral("containment")
                                               : QStringLiteral("allocations");
        pageutil::exportTableWithDialog(
            this, *table, QFileInfo(m_document.path).completeBaseName() + QLatin1Char('-') + name);
        return;
    }
    const QString base = QFileInfo(m_document.path).completeBaseName();
    if (page == m_statistics)
        pageutil::savePngWithDialog(this, base + QStringLiteral("-statistics.png"),
            [this](const QString& path) { return m_statistics->savePng(path); });
    else if (page == m_treemap)
        pageutil::savePngWithDialog(
            this, base + QStringLiteral("-map.png"), [this](const QString& path) { return m_treemap->savePng(path); });
    else if (page == m_graph)
        pageutil::savePngWithDialog(this, base + QStringLiteral("-retainers.png"),
            [this](const QString& path) { return m_graph->savePng(path); });
}

} // namespace v8scope::gui
