// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "comparisonpage.h"

#include "gatedialog.h"

#include <models/comparisonmodel.h>

#include <heap/heapanalysis.h>

#include "pageutil.h"
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>
#include <models/workerpool.h>
#include <report/diffviews.h>

namespace v8scope::gui {

namespace {
constexpr int kChartClasses = 10;

/// Filters class rows by name; object and edge rows below a shown class always stay.
class ClassFilterProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        return parent.isValid() || QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }
};
} // namespace

ComparisonPage::ComparisonPage(QWidget* parent)
    : QWidget(parent)
    , m_base(new QComboBox(this))
    , m_filter(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_gateButton(new QPushButton(tr("Make a CI gate from this\u2026"), this))
    , m_view(new QTreeView(this))
    , m_retainers(new QListWidget(this))
    , m_chartView(new QChartView(this))
    , m_model(new ComparisonModel(this))
    , m_proxy(new ClassFilterProxy(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ComparisonModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(ComparisonModel::ClassColumn);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_filter->setPlaceholderText(tr("filter by class\u2026"));
    m_filter->setClearButtonEnabled(true);
    m_status->setWordWrap(true);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(340);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Base:"), this));
    top->addWidget(m_base, 1);
    top->addWidget(m_filter, 1);
    top->addWidget(m_gateButton);
    auto* retainersBox = new QWidget(this);
    auto* rl = new QVBoxLayout(retainersBox);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(new QLabel(tr("<b>Retainers</b> (shortest path from a GC root)"), retainersBox));
    rl->addWidget(m_retainers);
    auto* hsplit = new QSplitter(Qt::Horizontal, this);
    hsplit->addWidget(m_view);
    hsplit->addWidget(retainersBox);
    hsplit->setStretchFactor(0, 4);
    hsplit->setStretchFactor(1, 1);
    auto* vsplit = new QSplitter(Qt::Vertical, this);
    vsplit->addWidget(hsplit);
    vsplit->addWidget(m_chartView);
    vsplit->setStretchFactor(0, 3);
    vsplit->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(vsplit, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_base, &QComboBox::activated, this, [this](int i) { setBase(m_base->itemData(i).toInt()); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ComparisonPage::onFinished);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ComparisonPage::onCurrentChanged);
    connect(&m_pathWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_retainers->clear();
        const PathText path = m_pathWatcher.result();
        for (size_t k = 0; k < path.size(); ++k) {
            const PathStep& s = path[k];
            m_retainers->addItem(
                QStringLiteral("%1%2 @%3")
                    .arg(k ? QStringLiteral("  \u2014%1\u2192 ").arg(QString::fromStdString(s.edgeName)) : QString(),
                        QString::fromStdString(s.name.empty() ? s.className : s.name))
                    .arg(s.id));
        }
        if (path.empty())
            m_retainers->addItem(tr("(no path from a GC root)"));
    });
    connect(m_gateButton, &QPushButton::clicked, this, &ComparisonPage::openGateDialog);
}

ComparisonPage::~ComparisonPage()
{
    if (m_cancel)
        m_cancel->cancel();
    m_watcher.waitForFinished();
    m_pathWatcher.waitForFinished();
}

void ComparisonPage::setSnapshots(const QStringList& names, const std::vector<SnapshotRef>& snapshots, int head)
{
    m_snapshots = snapshots;
    m_head = head;
    m_base->clear();
    for (int i = 0; i < int(snapshots.size()); ++i)
        if (i != head)
            m_base->addItem(names.value(i), i);
    // DevTools' default: the snapshot taken just before the current one, else the first other one.
    int pick = -1;
    for (int k = 0; k < m_base->count(); ++k)
        if (m_base->itemData(k).toInt() < head)
            pick = k;
    if (pick < 0 && m_base->count() > 0)
        pick = 0;
    if (pick >= 0) {
        m_base->setCurrentIndex(pick);
        setBase(m_base->itemData(pick).toInt());
    } else {
        m_status->setText(tr("Open a second snapshot to compare with."));
    }
}

bool ComparisonPage::canExport() const
{
    return m_model->comparison() != nullptr;
}

std::string ComparisonPage::exportText(report::Format format) const
{
    if (!m_model->comparison())
        return {};
    report::WriteOptions write;
    write.human = false; // as the CLI writes to a file or pipe
    return report::diffReport(m_model->comparison()->diff, report::DiffViewOptions {}, {}, format, write);
}

void ComparisonPage::exportCurrentView()
{
    if (!canExport())
        return;
    const auto& d = m_model->comparison()->diff;
    pageutil::exportWithDialog(this,
        QStringLiteral("diff-%1").arg(QFileInfo(QString::fromStdString(d.headFile)).completeBaseName()),
        [this](report::Format format) { return exportText(format); });
}

void ComparisonPage::showStatus(const QString& text)
{
    m_status->setText(text);
}

int ComparisonPage::baseIndex() const
{
    return m_base->currentIndex() < 0 ? -1 : m_base->currentData().toInt();
}

void ComparisonPage::setBase(int base)
{
    if (base < 0 || base >= int(m_snapshots.size()) || m_head < 0)
        return;
    if (m_cancel)
        m_cancel->cancel();
    m_watcher.waitForFinished();
    m_cancel = std::make_shared<CancelToken>();
    m_status->setText(tr("Comparing\u2026"));
    const SnapshotRef b = m_snapshots[size_t(base)];
    const SnapshotRef h = m_snapshots[size_t(m_head)];
    const HeapLoadOptions load = m_load;
    auto cancel = m_cancel;
    m_watcher.setFuture(QtConcurrent::run(workerPool(), [b, h, cancel, load] {
        TaskControl control;
        control.cancel = cancel.get();
        return computeComparison(b, h, control, load);
    }));
}

QChart* ComparisonPage::chart() const
{
    return m_chartView->chart();
}

QString ComparisonPage::statusText() const
{
    return m_status->text();
}

void ComparisonPage::onFinished()
{
    auto result = m_watcher.result();
    if (!result) {
        m_status->setText(QString::fromStdString(result.error().toString()));
        Q_EMIT failed(m_status->text());
        return;
    }
    m_model->setComparison(result.value());
    const DiffResult& d = result.value()->diff;
    QString status
        = tr("Total %1 \u2192 %2 (%3); %4 classes changed. ")
              .arg(sizeText(qint64(d.baseTotal)), sizeText(qint64(d.headTotal)), sizeText(d.retainedDelta(), true))
              .arg(m_model->rowCount());
    if (!d.byId)
        status += tr("Different processes (only %1% of shared ids name the same object): compared per class name, "
                     "no new objects.")
                      .arg(d.process.agreement * 100, 0, 'f', 1);
    else if (!result.value()->head)
        status += tr("Compared from the files: open both snapshots to expand classes to their new objects.");
    m_status->setText(status + tr(" (%1 ms)").arg(qRound(result.value()->ms)));
    m_view->sortByColumn(ComparisonModel::SizeDeltaColumn, Qt::DescendingOrder);
    // Number columns as wide as their contents, the class column takes what is left: at 1400 px every column,
    // Retained Delta included, is on screen without scrolling (long class names elide in the middle).
    for (int c = 1; c < ComparisonModel::NUM_COLUMNS; ++c)
        m_view->resizeColumnToContents(c);
    m_view->header()->setSectionResizeMode(ComparisonModel::ClassColumn, QHeaderView::Stretch);
    updateChart();
    Q_EMIT comparisonReady();
}

void ComparisonPage::onCurrentChanged(const QModelIndex& current)
{
    const ComparisonData* data = m_model->comparison();
    const qint64 node = current.isValid() ? current.data(ComparisonModel::NodeOrdinalRole).toLongLong() : -1;
    if (!data || !data->head || node < 0) {
        m_retainers->clear();
        return;
    }
    std::shared_ptr<const HeapAnalysis> head = data->head;
    m_pathWatcher.waitForFinished();
    m_pathWatcher.setFuture(
        QtConcurrent::run(workerPool(), [head, node] { return shortestPathText(*head, uint32_t(node)); }));
}

void ComparisonPage::selectClass(const QString& name)
{
    const QModelIndex source = m_model->indexOfClass(name);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

GateDialog* ComparisonPage::openGateDialog()
{
    const ComparisonData* data = m_model->comparison();
    if (!data)
        return nullptr;
    GateSource source;
    source.diff = &data->diff;
    source.files = { data->diff.baseFile, data->diff.headFile };
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        source.className = current.data(ComparisonModel::ClassNameRole).toString().toStdString();
    auto* dialog = new GateDialog(std::move(source), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void ComparisonPage::updateChart()
{
    QChart* chart = m_chartView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis);
    const ComparisonData* data = m_model->comparison();
    if (!data)
        return;
    // Top classes by retained growth, positive and negative, largest change at the top.
    std::vector<const ClassDiff*> rows;
    for (uint32_t i : data->rows)
        if (data->diff.classes[i].retainedDelta != 0)
            rows.push_back(&data->diff.classes[i]);
    std::stable_sort(rows.begin(), rows.end(), [](const ClassDiff* x, const ClassDiff* y) {
        return std::llabs(x->retainedDelta) > std::llabs(y->retainedDelta);
    });
    if (rows.size() > size_t(kChartClasses))
        rows.resize(kChartClasses);
    std::reverse(rows.begin(), rows.end()); // horizontal bars draw bottom-up
    auto* set = new QBarSet(tr("Retained delta (kB)"));
    QStringList categories, names;
    double lo = 0, hi = 0;
    for (const ClassDiff* c : rows) {
        const double kb = double(c->retainedDelta) / 1000;
        *set << kb;
        lo = std::min(lo, kb);
        hi = std::max(hi, kb);
        names << QString::fromStdString(c->name);
        QString label = names.back().size() > 40 ? names.back().left(18) + QStringLiteral("…") + names.back().right(18)
                                                 : names.back();
        while (categories.contains(label)) // category labels must be unique (two "Widget" keys)
            label += QLatin1Char(' ');
        categories << label;
    }
    auto* series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    chart->setTitle(tr("Top classes by retained growth (click a bar to select the class)"));
    chart->legend()->hide();
    auto* y = new QBarCategoryAxis;
    y->append(categories);
    auto* x = new QValueAxis;
    x->setRange(lo * 1.1, hi * 1.1 + 0.001);
    x->setTitleText(tr("kB"));
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    pageutil::styleChart(chart, palette());
    connect(set, &QBarSet::clicked, this, [this, names](int index) { selectClass(names.value(index)); });
}

} // namespace v8scope::gui
