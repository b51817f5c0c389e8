// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "leakspage.h"

#include "gatedialog.h"

#include <models/comparisonmodel.h>
#include <models/leakmodels.h>

#include "pageutil.h"
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>
#include <models/workerpool.h>
#include <report/diffviews.h>

namespace v8scope::gui {

namespace {
QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

QTableView* makeTable(QAbstractItemModel* model, int sortRole, QWidget* parent)
{
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto* view = new QTableView(parent);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    return view;
}
} // namespace

LeaksPage::LeaksPage(QWidget* parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_chain(new QLabel(this))
    , m_holds(new QLabel(this))
    , m_filtered(new QLabel(this))
    , m_chartView(new QChartView(this))
    , m_gateButton(new QPushButton(tr("Make a CI gate from this\u2026"), this))
    , m_suspects(new LeakSuspectModel(this))
    , m_growth(new GrowthModel(this))
{
    m_suspectView = makeTable(m_suspects, LeakSuspectModel::SortRole, this);
    m_growthView = makeTable(m_growth, GrowthModel::SortRole, this);
    m_growthView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_status->setWordWrap(true);
    m_filtered->setWordWrap(true);
    for (QLabel* l : { m_chain, m_holds }) {
        l->setWordWrap(true);
        l->setTextFormat(Qt::RichText);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(260);
    m_chartView->setMinimumWidth(420);
    m_chartView->chart()->setTitle(tr("Total size and selected classes' retained size"));
    m_chartView->chart()->legend()->setAlignment(Qt::AlignBottom);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    header->addWidget(m_status, 1);
    header->addWidget(m_gateButton);
    topLayout->addLayout(header);
    topLayout->addWidget(new QLabel(tr("<b>Leak suspects</b> (allocated between snapshots 1 and 2, still alive in "
                                       "the last; clustered by retaining path, largest first)"),
        top));
    topLayout->addWidget(m_suspectView, 1);
    topLayout->addWidget(m_chain);
    topLayout->addWidget(m_holds);
    topLayout->addWidget(m_filtered);
    auto* bottom = new QSplitter(Qt::Horizontal, this);
    auto* growBox = new QWidget(bottom);
    auto* growLayout = new QVBoxLayout(growBox);
    growLayout->setContentsMargins(0, 0, 0, 0);
    growLayout->addWidget(new QLabel(tr("<b>Classes growing in every step</b> (select to chart)"), growBox));
    growLayout->addWidget(m_growthView);
    bottom->addWidget(growBox);
    bottom->addWidget(m_chartView);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setSizes({ 380, 620 });
    bottom->setSizes({ 760, 520 });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(&m_watcher, &QFutureWatcherBase::finished, this, &LeaksPage::onFinished);
    connect(m_suspectView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            showSuspect(current.isValid() ? current.data(LeakSuspectModel::ClusterRole).toInt() : -1);
        });
    connect(m_growthView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LeaksPage::updateChart);
    connect(m_gateButton, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_growthView->selectionModel()->selectedRows();
        openGateDialog(rows.size() == 1 ? rows.first().data().toString() : QString());
    });
}

LeaksPage::~LeaksPage()
{
    if (m_cancel)
        m_cancel->cancel();
    m_watcher.waitForFinished();
}

void LeaksPage::setSnapshots(const std::vector<std::string>& paths)
{
    if (m_cancel)
        m_cancel->cancel();
    m_watcher.waitForFinished();
    m_cancel = std::make_shared<CancelToken>();
    m_status->setText(tr("Looking for leaks in %n snapshot(s)\u2026", nullptr, int(paths.size())));
    auto cancel = m_cancel;
    const HeapLoadOptions load = m_load;
    m_watcher.setFuture(QtConcurrent::run(workerPool(), [paths, cancel, load] {
        TaskControl control;
        control.cancel = cancel.get();
        return computeLeaks(paths, control, load);
    }));
}

bool LeaksPage::canExport() const
{
    return leaks() != nullptr;
}

std::string LeaksPage::exportText(report::Format format) const
{
    if (!leaks())
        return {};
    report::WriteOptions write;
    write.human = false; // as the CLI writes to a file or pipe
    return report::leaksReport(leaks()->result, report::DiffViewOptions {}, {}, format, write);
}

void LeaksPage::exportCurrentView()
{
    if (canExport())
        pageutil::exportWithDialog(
            this, QStringLiteral("leaks"), [this](report::Format format) { return exportText(format); });
}

const LeakData* LeaksPage::leaks() const
{
    return m_suspects->leaks();
}

QChart* LeaksPage::chart() const
{
    return m_chartView->chart();
}

QString LeaksPage::statusText() const
{
    return m_status->text();
}

GateDialog* LeaksPage::openGateDialog(const QString& className)
{
    const LeakData* data = leaks();
    if (!data)
        return nullptr;
    GateSource source;
    source.leaks = &data->result;
    source.files = data->paths;
    source.className = className.toStdString();
    auto* dialog = new GateDialog(std::move(source), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void LeaksPage::onFinished()
{
    auto result = m_watcher.result();
    if (!result) {
        m_status->setText(QString::fromStdString(result.error().toString()));
        Q_EMIT failed(m_status->text());
        return;
    }
    std::shared_ptr<const LeakData> data = result.value();
    m_suspects->setLeaks(data);
    m_growth->setLeaks(data);
    const LeakResult& r = data->result;
    QString status = r.sameProcess
        ? tr("%1 objects allocated between snapshots 1 and 2; %2 still alive in snapshot %3. %4 suspect(s), "
             "%5 class(es) growing in every step.")
              .arg(countText(r.allocatedInTarget), countText(r.leakedObjects))
              .arg(r.files.size())
              .arg(r.clusters.size())
              .arg(r.growingCount())
        : tr("Not one process: %1. Leak suspects need stable object ids; only class growth is shown.")
              .arg(QString::fromStdString(r.processNote));
    m_status->setText(status + tr(" (%1 ms)").arg(qRound(data->ms)));
    QStringList filtered;
    for (const LeakCluster& c : r.filtered)
        filtered << tr("%1 x%2 (%3): %4")
                        .arg(QString::fromStdString(c.className))
                        .arg(c.roots)
                        .arg(sizeText(qint64(c.retained)), QString::fromStdString(c.filterReason));
    m_filtered->setText(filtered.isEmpty()
            ? QString()
            : tr("Filtered (not counted as leaks): %1\n%2").arg(r.filtered.size()).arg(filtered.join('\n')));
    m_suspectView->sortByColumn(LeakSuspectModel::RetainedColumn, Qt::DescendingOrder);
    m_growthView->sortByColumn(GrowthModel::RetainedDeltaColumn, Qt::DescendingOrder);
    m_suspectView->resizeColumnsToContents();
    m_growthView->resizeColumnsToContents();
    if (m_suspects->rowCount() > 0)
        m_suspectView->selectRow(0);
    else
        showSuspect(-1);
    if (m_growth->rowCount() > 0)
        m_growthView->selectRow(0);
    updateChart();
    Q_EMIT leaksReady();
}

void LeaksPage::showSuspect(int cluster)
{
    const LeakData* data = leaks();
    if (!data || cluster < 0 || size_t(cluster) >= data->result.clusters.size()) {
        m_chain->setText(data && data->result.clusters.empty() ? tr("No leak suspects.") : QString());
        m_holds->clear();
        m_pathPlain.clear();
        return;
    }
    const LeakCluster& c = data->result.clusters[size_t(cluster)];
    // The representative's retaining path as a chain: root -> ... -> leaked object, edge names on the arrows.
    QString html = tr("<b>Retaining path</b> of the largest (%1 x%2): ").arg(esc(c.className)).arg(c.roots);
    QStringList plain;
    for (size_t k = 0; k < c.path.size(); ++k) {
        const PathStep& s = c.path[k];
        if (k > 0)
            html += QStringLiteral(" <span style='color:#777'>\u2014%1\u2192</span> ").arg(esc(s.edgeName));
        // Synthetic roots read better by name: "(GC roots)", "(Stack roots)".
        const std::string& label = s.className == "(synthetic)" && !s.name.empty() ? s.name : s.className;
        html += QStringLiteral("<span style='background:%1; padding:2px'>%2 <span style='color:#555'>@%3</span></span>")
                    .arg(k + 1 == c.path.size() ? QStringLiteral("#fbd3c4") : QStringLiteral("#e4ecf7"), esc(label))
                    .arg(s.id);
        plain << (k ? QString::fromStdString(s.edgeName) + QStringLiteral(" -> ") : QString())
                + QString::fromStdString(s.className) + QStringLiteral(" @") + QString::number(s.id);
    }
    if (c.path.empty())
        html += tr("(no path: only the top suspects get one)");
    m_chain->setText(html);
    m_pathPlain = plain.join('\n');
    QString holds
        = tr("<b>Holds</b> (classes inside, by retained size): %1").arg(LeakSuspectModel::holdsText(c).toHtmlEscaped());
    if (c.holdsChain.size() > 1) {
        holds += tr("<br><b>Largest object</b>: ");
        for (size_t k = 0; k < c.holdsChain.size(); ++k) {
            const HoldStep& s = c.holdsChain[k];
            if (k > 0)
                holds += QStringLiteral(" <span style='color:#777'>\u2014%1\u2192</span> ").arg(esc(s.edgeName));
            holds += QStringLiteral("%1 <span style='color:#555'>(%2)</span>")
                         .arg(esc(s.className), sizeText(qint64(s.retained)));
        }
    }
    m_holds->setText(holds);
}

void LeaksPage::updateChart()
{
    QChart* chart = m_chartView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis);
    const LeakData* data = leaks();
    if (!data)
        return;
    const LeakResult& r = data->result;
    auto* x = new QValueAxis;
    x->setRange(1, double(r.totals.size()));
    x->setTickCount(int(r.totals.size()));
    x->setLabelFormat(QStringLiteral("%d"));
    x->setTitleText(tr("Snapshot"));
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("%.1f"));
    y->setTitleText(tr("MB"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double maxMb = 0;
    auto addSeries = [&](const QString& name, const std::vector<uint64_t>& values) {
        auto* s = new QLineSeries;
        s->setName(name);
        s->setPointsVisible(true);
        for (size_t k = 0; k < values.size(); ++k) {
            s->append(double(k + 1), double(values[k]) / 1e6);
            maxMb = std::max(maxMb, double(values[k]) / 1e6);
        }
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        connect(s, &QLineSeries::hovered, this, [this, name](const QPointF& p, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(),
                    tr("%1, snapshot %2: %3").arg(name).arg(qRound(p.x())).arg(sizeText(qint64(p.y() * 1e6))),
                    m_chartView);
        });
        connect(s, &QLineSeries::clicked, this,
            [this](const QPointF& p) { Q_EMIT openSnapshotRequested(qRound(p.x()) - 1); });
    };
    addSeries(tr("Total size"), r.totals);
    for (const QModelIndex& row : m_growthView->selectionModel()->selectedRows()) {
        const QModelIndex source = static_cast<const QSortFilterProxyModel*>(row.model())->mapToSource(row);
        if (const GrowthSeries* g = m_growth->series(source.row()))
            addSeries(QString::fromStdString(g->name), g->retained);
    }
    y->setRange(0, maxMb * 1.1 + 0.1);
    pageutil::styleChart(chart, palette());
}

} // namespace v8scope::gui
