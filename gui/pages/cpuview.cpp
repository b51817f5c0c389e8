// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpuview.h"

#include "cpucomparepage.h"
#include "cpuflamepage.h"
#include "cputimeline.h"
#include "pageutil.h"

#include <models/calltreemodel.h>
#include <models/cpucomparemodel.h>
#include <models/cputablemodels.h>

#include <cpu/profilereader.h>
#include <models/roles.h>
#include <widgets/flamegraph.h>

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <models/workerpool.h>
#include <report/blockingview.h>
#include <report/calltreeview.h>
#include <report/cpuviews.h>

#include <utility>

namespace v8scope::gui {

CpuView::CpuView(std::shared_ptr<const CpuProfile> profile, QWidget* parent)
    : QWidget(parent)
    , m_profile(std::move(profile))
    , m_topDown(new CallTreeModel(CallTreeModel::Kind::TopDown, this))
    , m_bottomUp(new CallTreeModel(CallTreeModel::Kind::BottomUp, this))
    , m_functions(new CpuFunctionsModel(this))
    , m_blocking(new CpuBlockingModel(this))
{
    qRegisterMetaType<CpuAnalysisPtr>();
    const bool heap = m_profile->isHeap();

    // The filter bar: what every view is computed for.
    m_rangeLabel = new QLabel(this);
    m_undoButton = new QPushButton(tr("Undo range"), this);
    m_undoButton->setToolTip(tr("Go back to the time range before the last selection"));
    m_clearButton = new QPushButton(tr("Whole profile"), this);
    m_clearButton->setToolTip(tr("Clear the time filter: every view shows the whole profile"));
    m_compareButton = new QPushButton(tr("Compare with…"), this);
    m_compareButton->setToolTip(tr("Open a baseline profile: per-function deltas and a differential flame graph "
                                   "(this profile minus the baseline; red grew, blue shrank)"));
    m_hideIdle = new QCheckBox(tr("Hide (idle)"), this);
    m_hideIdle->setToolTip(tr("Leave (idle) out of the trees and the flame graph"));
    m_hideProgram = new QCheckBox(tr("Hide (program)"), this);
    m_hideProgram->setToolTip(tr("Leave (program) (V8 and Node outside JavaScript) out of the trees and flame graph"));
    m_hideGc = new QCheckBox(tr("Hide GC"), this);
    m_hideGc->setToolTip(tr("Leave (garbage collector) out: its time goes to the frame the collection interrupted"));
    m_threshold = new QSpinBox(this);
    m_threshold->setRange(1, 60000);
    m_threshold->setSuffix(tr(" ms"));
    m_threshold->setPrefix(tr("Blocking ≥ "));
    m_threshold->setValue(int(m_options.blockingThresholdUs / 1000));
    m_threshold->setToolTip(tr("Busy stretches at least this long are listed under Blocking and drawn red in the "
                               "timeline (v8scope cpu blocking --threshold)"));
    m_hideIdle->setChecked(true);
    m_options.hideIdle = true;
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 0);
    bar->addWidget(m_rangeLabel, 1);
    for (QWidget* w : std::initializer_list<QWidget*> {
             m_undoButton, m_clearButton, m_compareButton, m_hideIdle, m_hideProgram, m_hideGc, m_threshold })
        bar->addWidget(w);
    for (QWidget* w : std::initializer_list<QWidget*> {
             m_undoButton, m_clearButton, m_compareButton, m_threshold, m_hideIdle, m_hideProgram, m_hideGc })
        w->setVisible(!heap);

    m_tabs = new QTabWidget(this);
    m_flamePage = new CpuFlamePage(this);
    m_tabs->addTab(m_flamePage, heap ? tr("Allocation Flame Graph") : tr("Flame Graph"));
    m_tabs->setTabToolTip(FlameTab, tr("Flame graph, inverted flame graph and flame chart"));
    addTreeTab(m_topDown, tr("Top-Down"), tr("Call tree from the outermost frames (DevTools' Call Tree)"),
        CallTreeModel::TotalColumn);
    addTreeTab(m_bottomUp, tr("Bottom-Up"), tr("Functions by self cost; expand a row to see its callers"),
        CallTreeModel::SelfColumn);

    auto* functionsPage = new QWidget(this);
    m_groupBy = new QComboBox(functionsPage);
    m_groupBy->addItem(tr("Group by function"), int(RollupKey::Function));
    m_groupBy->addItem(tr("Group by script URL"), int(RollupKey::Url));
    m_groupBy->addItem(tr("Group by npm package"), int(RollupKey::Package));
    m_groupBy->addItem(tr("Group by category"), int(RollupKey::Category));
    m_groupBy->setToolTip(tr("What the rows add up: functions, scripts, npm packages, or categories (user, npm, "
                             "node, v8, gc, program, idle)"));
    auto* fl = new QVBoxLayout(functionsPage);
    fl->setContentsMargins(4, 4, 4, 4);
    fl->addWidget(m_groupBy, 0, Qt::AlignLeft);
    QTreeView* functionsView = addTreeTab(m_functions, tr("Functions"),
        tr("Self and total per function, script, package or category"), CpuFunctionsModel::SelfColumn);
    m_tabs->removeTab(FunctionsTab);
    fl->addWidget(functionsView);
    functionsView->show(); // the tab widget hid it when it was taken out of its stack
    m_tabs->insertTab(FunctionsTab, functionsPage, tr("Functions"));
    connect(m_groupBy, &QComboBox::currentIndexChanged, this,
        [this] { m_functions->setAnalysis(m_analysis, RollupKey(m_groupBy->currentData().toInt())); });

    QTreeView* blockingView = addTreeTab(m_blocking, tr("Blocking"),
        tr("Event-loop busy stretches at or above the threshold; select one to show only its time range"),
        CpuBlockingModel::StartColumn);
    blockingView->sortByColumn(CpuBlockingModel::StartColumn, Qt::AscendingOrder);
    connect(blockingView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this, blockingView](const QModelIndex& current) {
            auto* proxy = static_cast<QSortFilterProxyModel*>(blockingView->model());
            const QModelIndex source = proxy->mapToSource(current);
            if (!source.isValid())
                return;
            const auto range = m_blocking->rangeAt(source.row());
            if (range.second > range.first && (!m_options.range || *m_options.range != range)) {
                CpuViewOptions o = m_options;
                o.range = range;
                setOptions(o, true);
            }
        });
    if (heap)
        m_tabs->setTabVisible(BlockingTab, false);

    m_timeline = new CpuTimeline(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_timeline);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    m_timeline->setVisible(!heap);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_timeline, &CpuTimeline::rangeSelected, this, [this](int64_t a, int64_t b) {
        CpuViewOptions o = m_options;
        o.range = std::make_pair(a, b);
        setOptions(o, true);
    });
    connect(m_timeline, &CpuTimeline::hoverText, this, &CpuView::statusMessage);
    connect(m_undoButton, &QPushButton::clicked, this, &CpuView::undoRange);
    connect(m_compareButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Baseline profile"), QString(),
            tr("Profiles (*.cpuprofile *.json *.json.gz *.heapprofile);;All files (*)"));
        if (!path.isEmpty())
            compareWith(path);
    });
    connect(m_clearButton, &QPushButton::clicked, this, [this] { setRange(std::nullopt); });
    auto hideChanged = [this] {
        CpuViewOptions o = m_options;
        o.hideIdle = m_hideIdle->isChecked();
        o.hideProgram = m_hideProgram->isChecked();
        o.hideGc = m_hideGc->isChecked();
        setOptions(o);
    };
    for (QCheckBox* c : { m_hideIdle, m_hideProgram, m_hideGc })
        connect(c, &QCheckBox::toggled, this, hideChanged);
    connect(m_threshold, &QSpinBox::editingFinished, this, [this] {
        CpuViewOptions o = m_options;
        o.blockingThresholdUs = int64_t(m_threshold->value()) * 1000;
        if (o.blockingThresholdUs != m_options.blockingThresholdUs)
            setOptions(o);
    });
    connect(m_flamePage->flameGraph(), &FlameGraphWidget::historyChanged, this, &CpuView::actionsChanged);
    connect(m_tabs, &QTabWidget::currentChanged, this, &CpuView::actionsChanged);
    updateFilterBar();
    recompute();
}

CpuView::~CpuView() = default;

QTreeView* CpuView::addTreeTab(QAbstractItemModel* model, const QString& title, const QString& tip, int sortColumn)
{
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(SortRole);
    auto* view = new QTreeView(this);
    view->setModel(proxy);
    pageutil::setupTreeView(view, QStringLiteral("88,888.8 ms"));
    view->sortByColumn(sortColumn, Qt::DescendingOrder);
    if (qobject_cast<QAbstractTableModel*>(model))
        view->setRootIsDecorated(false);
    const int index = m_tabs->addTab(view, title);
    m_tabs->setTabToolTip(index, tip);
    m_views.push_back(view);
    return view;
}

QTreeView* CpuView::treeView(Tab tab) const
{
    if (tab == FlameTab || size_t(tab) > m_views.size())
        return nullptr;
    return m_views[size_t(tab) - 1];
}

void CpuView::setOptions(const CpuViewOptions& options, bool recordUndo)
{
    if (recordUndo)
        m_undo.push_back(m_options.range);
    m_options = options;
    updateFilterBar();
    recompute();
}

void CpuView::setRange(std::optional<std::pair<int64_t, int64_t>> range)
{
    if (range == m_options.range)
        return;
    CpuViewOptions o = m_options;
    o.range = range;
    setOptions(o, true);
}

void CpuView::undoRange()
{
    if (m_undo.empty())
        return;
    CpuViewOptions o = m_options;
    o.range = m_undo.back();
    m_undo.pop_back();
    setOptions(o, false);
}

void CpuView::focusFilter()
{
    m_tabs->setCurrentIndex(FlameTab);
    m_flamePage->searchLine()->setFocus(Qt::ShortcutFocusReason);
    m_flamePage->searchLine()->selectAll();
}

bool CpuView::canGoBack() const
{
    return m_flamePage->flameGraph()->canGoBack();
}

bool CpuView::canGoForward() const
{
    return m_flamePage->flameGraph()->canGoForward();
}

void CpuView::goBack()
{
    m_flamePage->flameGraph()->goBack();
}

void CpuView::goForward()
{
    m_flamePage->flameGraph()->goForward();
}

bool CpuView::canExport() const
{
    if (!m_analysis)
        return false;
    const int tab = m_tabs->currentIndex();
    return tab == FlameTab || tableDocument(tab).has_value();
}

std::optional<report::Document> CpuView::tableDocument(int tab) const
{
    if (!m_analysis)
        return std::nullopt;
    const CpuAnalysis& a = *m_analysis;
    switch (tab) {
    case TopDownTab:
    case BottomUpTab: {
        report::CallTreeViewOptions vo;
        vo.bottomUp = tab == BottomUpTab;
        return report::callTreeDocument(*a.profile, a.timing, vo.bottomUp ? a.bottomUp : a.topDown, vo);
    }
    case FunctionsTab:
        return report::rollupDocument(*a.profile, a.timing, { RollupKey(m_groupBy->currentData().toInt()), 0, false });
    case BlockingTab: {
        if (a.isHeap())
            return std::nullopt;
        report::BlockingViewOptions vo;
        vo.thresholdUs = a.options.blockingThresholdUs;
        vo.ignoreList = a.timing.ignoreList;
        return report::blockingDocument(*a.profile, a.blocking, vo);
    }
    default:
        return std::nullopt;
    }
}

void CpuView::exportCurrentView()
{
    const int tab = m_tabs->currentIndex();
    if (tab == FlameTab) {
        m_flamePage->exportWithDialog();
        return;
    }
    static const char* const kNames[] = { "flame", "top-down", "bottom-up", "functions", "blocking" };
    if (auto document = tableDocument(tab))
        pageutil::exportDocumentWithDialog(this, *document,
            QFileInfo(QString::fromStdString(m_profile->sourceName)).completeBaseName() + QLatin1Char('-')
                + QLatin1String(kNames[tab]));
}

void CpuView::compareWith(const QString& path)
{
    if (!m_analysis)
        return;
    CpuViewOptions options = m_options;
    options.range.reset(); // the baseline is compared whole: its times are not those of this profile
    auto* watcher = new QFutureWatcher<Result<CpuComparisonPtr>>(this);
    connect(watcher, &QFutureWatcher<Result<CpuComparisonPtr>>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const Result<CpuComparisonPtr>& r = watcher->future().result();
        if (!r) {
            Q_EMIT failed(QString::fromStdString(r.error().toString()));
            return;
        }
        if (!m_comparePage) {
            m_comparePage = new CpuComparePage(this);
            m_tabs->addTab(m_comparePage, tr("Compare"));
        }
        m_comparePage->setComparison(r.value(), QFileInfo(path).fileName());
        m_tabs->setCurrentWidget(m_comparePage);
        Q_EMIT comparisonAvailable();
    });
    watcher->setFuture(
        QtConcurrent::run(workerPool(), [path, options, head = m_analysis]() -> Result<CpuComparisonPtr> {
            auto read = ProfileReader::read(path.toStdString());
            if (!read)
                return read.error();
            auto base = analyzeProfile(read.value().profile, options);
            if (!base)
                return base.error();
            return compareProfiles(base.value(), head);
        }));
}

void CpuView::updateFilterBar()
{
    const CpuProfile& p = *m_profile;
    const double totalS = double(std::max(p.endTime, p.lastSampleEnd) - p.startTime) / 1e6;
    QString text;
    if (p.isHeap())
        text = tr("Sampling heap profile: %1 samples").arg(p.heapSampleCount);
    else if (m_options.range)
        text = tr("<b>Time range %1 – %2 s</b> (of %3 s): every view shows only this range")
                   .arg(double(m_options.range->first) / 1e6, 0, 'f', 3)
                   .arg(double(m_options.range->second) / 1e6, 0, 'f', 3)
                   .arg(totalS, 0, 'f', 3);
    else
        text = tr("Whole profile: %1 s, %2 samples. Drag across the timeline to filter by time.")
                   .arg(totalS, 0, 'f', 3)
                   .arg(p.sampleCount());
    m_rangeLabel->setText(text);
    m_undoButton->setEnabled(!m_undo.empty());
    m_clearButton->setEnabled(m_options.range.has_value());
    m_timeline->setSelection(m_options.range);
}

void CpuView::recompute()
{
    const int generation = ++m_generation;
    ++m_pending;
    auto* watcher = new QFutureWatcher<Result<CpuAnalysisPtr>>(this);
    connect(watcher, &QFutureWatcher<Result<CpuAnalysisPtr>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_pending;
        if (generation != m_generation)
            return; // a newer filter was asked for meanwhile
        const Result<CpuAnalysisPtr>& r = watcher->future().result();
        if (!r) {
            Q_EMIT failed(QString::fromStdString(r.error().toString()));
            return;
        }
        apply(r.value());
    });
    watcher->setFuture(QtConcurrent::run(
        workerPool(), [profile = m_profile, options = m_options] { return analyzeProfile(profile, options); }));
}

void CpuView::apply(CpuAnalysisPtr analysis)
{
    m_analysis = analysis;
    m_flamePage->setAnalysis(analysis);
    m_topDown->setAnalysis(analysis);
    m_bottomUp->setAnalysis(analysis);
    m_functions->setAnalysis(analysis, RollupKey(m_groupBy->currentData().toInt()));
    // The blocking list is of the whole profile: keep its rows (and the selected one) unless the threshold changed.
    if (!m_blocking->analysis()
        || m_blocking->analysis()->options.blockingThresholdUs != analysis->options.blockingThresholdUs)
        m_blocking->setAnalysis(analysis);
    m_timeline->setAnalysis(analysis);
    m_timeline->setSelection(m_options.range);
    // Top-down: open the heaviest path of the first root, so the hot chain shows without clicking.
    QTreeView* td = treeView(TopDownTab);
    if (td->model()->rowCount() > 0)
        pageutil::expandHeaviestPath(td, td->model()->index(0, 0), CallTreeModel::TotalColumn, 12);
    m_tabs->setTabText(BlockingTab, tr("Blocking (%1)").arg(analysis->blocking.stretches.size()));
    if (m_afterAnalysis && m_pending == 0)
        std::exchange(m_afterAnalysis, {})();
    Q_EMIT analysisAvailable(analysis);
}

void CpuView::showFunctions(const std::vector<uint32_t>& functions, const QString& search)
{
    m_afterAnalysis = [this, functions, search] {
        m_groupBy->setCurrentIndex(m_groupBy->findData(int(RollupKey::Function)));
        m_tabs->setCurrentIndex(FunctionsTab);
        m_flamePage->searchLine()->setText(search);
        QTreeView* view = treeView(FunctionsTab);
        auto* proxy = static_cast<QSortFilterProxyModel*>(view->model());
        std::vector<char> wanted(m_profile->functions.size(), 0);
        for (uint32_t f : functions)
            if (f < wanted.size())
                wanted[f] = 1;
        QItemSelection selection;
        QModelIndex current;
        for (int row = 0; row < m_functions->rowCount(); ++row) {
            const uint32_t f = m_functions->functionAt(row);
            if (f >= wanted.size() || !wanted[f])
                continue;
            const QModelIndex index = proxy->mapFromSource(m_functions->index(row, 0));
            selection.select(index, index.siblingAtColumn(CpuFunctionsModel::NUM_COLUMNS - 1));
            if (!functions.empty() && f == functions.front())
                current = index;
        }
        view->selectionModel()->clearSelection();
        if (current.isValid())
            view->selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
        view->selectionModel()->select(selection, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        if (current.isValid())
            view->scrollTo(current, QAbstractItemView::PositionAtCenter);
    };
    if (m_options.range)
        setRange(std::nullopt);
    if (m_pending == 0 && m_analysis)
        std::exchange(m_afterAnalysis, {})();
}

void CpuView::showStretch(int64_t startUs, int64_t endUs)
{
    m_afterAnalysis = [this, startUs, endUs] {
        QTreeView* view = treeView(BlockingTab);
        auto* proxy = static_cast<QSortFilterProxyModel*>(view->model());
        for (int row = 0; row < m_blocking->rowCount(); ++row) {
            if (m_blocking->rangeAt(row).first != startUs)
                continue;
            m_tabs->setCurrentIndex(BlockingTab);
            const QModelIndex index = proxy->mapFromSource(m_blocking->index(row, 0));
            view->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            view->scrollTo(index);
            setRange(m_blocking->rangeAt(row)); // a no-op when selecting the row already did it
            return;
        }
        m_tabs->setCurrentIndex(FlameTab);
        setRange(std::make_pair(startUs, endUs));
    };
    if (m_pending == 0 && m_analysis)
        std::exchange(m_afterAnalysis, {})();
}

} // namespace v8scope::gui
