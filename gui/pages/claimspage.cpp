// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "claimspage.h"

#include "comparisonpage.h"
#include "cpuview.h"
#include "heapview.h"
#include "pageutil.h"

#include <documenttab.h>
#include <mainwindow.h>
#include <models/comparisonmodel.h>

#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <models/workerpool.h>

#include <algorithm>

namespace v8scope::gui {

namespace {

QString fileName(const std::string& path)
{
    return QFileInfo(QString::fromStdString(path)).fileName();
}

/// What the flame graph's search box gets for a time-share claim: the text that fades every frame but the
/// claim's (the search matches function names and script URLs).
QString flameSearch(const Claim& c)
{
    switch (c.subject) {
    case Claim::Subject::Function:
    case Claim::Subject::Url:
        return QString::fromStdString(c.name);
    case Claim::Subject::Package:
        return QStringLiteral("node_modules/") + QString::fromStdString(c.name) + QLatin1Char('/');
    case Claim::Subject::Gc:
        return QStringLiteral("(garbage collector)");
    case Claim::Subject::Idle:
        return QStringLiteral("(idle)");
    case Claim::Subject::Program:
        return QStringLiteral("(program)");
    default:
        return {};
    }
}

DocumentTab* tabOf(MainWindow* window, const std::string& path)
{
    const QString p = QString::fromStdString(path);
    for (int i = 0; i < window->documentCount(); ++i)
        if (DocumentTab* tab = window->documentTab(i); tab && tab->path() == p)
            return tab;
    return nullptr;
}

} // namespace

ClaimsPage::ClaimsPage(const QString& claimsPath, MainWindow* window, QWidget* parent)
    : QWidget(parent)
    , m_path(claimsPath)
    , m_window(window)
    , m_model(new ClaimsModel(this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_reevaluate(new QPushButton(tr("Re-evaluate"), this))
{
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reevaluate->setToolTip(tr("Read the claims file again and evaluate it on the documents open now"));
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(ClaimsModel::SortRole);
    m_view->setModel(proxy);
    pageutil::setupContextMenu(m_view);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAllColumnsShowFocus(true);
    m_view->setRootIsDecorated(false);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ClaimsModel::StatusColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ClaimsModel::ClaimColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(ClaimsModel::MeasuredColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ClaimsModel::FileColumn, QHeaderView::Interactive);
    // check's order (file by file) until a header is clicked: sorting on, no sort column.
    m_view->setSortingEnabled(true);
    header->setSortIndicator(-1, Qt::AscendingOrder);
    proxy->sort(-1);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // The claim and file columns as wide as their texts (within reason); the measured text takes the rest.
        for (int c : { int(ClaimsModel::ClaimColumn), int(ClaimsModel::FileColumn) }) {
            m_view->resizeColumnToContents(c);
            m_view->header()->resizeSection(c, std::clamp(m_view->header()->sectionSize(c) + 16, 120, 460));
        }
    });

    auto* top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_reevaluate, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    connect(m_reevaluate, &QPushButton::clicked, this, &ClaimsPage::evaluate);
    connect(m_view, &QTreeView::clicked, this,
        [this, proxy](const QModelIndex& index) { showEvidence(proxy->mapToSource(index).row()); });
    connect(m_view, &QTreeView::activated, this,
        [this, proxy](const QModelIndex& index) { showEvidence(proxy->mapToSource(index).row()); });
    connect(m_window, &MainWindow::documentsChanged, this, &ClaimsPage::onDocumentsChanged);
    evaluate();
}

ClaimsPage::~ClaimsPage() = default;

ComparisonPage* ClaimsPage::comparisonPage() const
{
    return m_comparison.data();
}

QString ClaimsPage::statusText() const
{
    return m_status->text();
}

std::vector<ClaimInput> ClaimsPage::collectInputs(int* loading) const
{
    std::vector<ClaimInput> inputs;
    *loading = 0;
    for (int i = 0; i < m_window->documentCount(); ++i) {
        DocumentTab* tab = m_window->documentTab(i);
        if (!tab)
            continue;
        if (tab->state() == DocumentTab::State::Loading)
            ++*loading;
        else if (tab->state() == DocumentTab::State::Heap && tab->heapView())
            inputs.push_back({ tab->path().toStdString(), nullptr, tab->heapView()->document().analysis });
        else if (auto profile = tab->profile())
            inputs.push_back({ tab->path().toStdString(), std::move(profile), nullptr });
    }
    return inputs;
}

void ClaimsPage::onDocumentsChanged()
{
    int loading = 0;
    const std::vector<ClaimInput> inputs = collectInputs(&loading);
    QString key;
    for (const ClaimInput& in : inputs)
        key += QString::fromStdString(in.path) + QLatin1Char('\n');
    if (key != m_inputsKey || loading != m_loading)
        evaluate();
}

void ClaimsPage::evaluate()
{
    int loading = 0;
    std::vector<ClaimInput> inputs = collectInputs(&loading);
    m_loading = loading;
    m_inputsKey.clear();
    for (const ClaimInput& in : inputs)
        m_inputsKey += QString::fromStdString(in.path) + QLatin1Char('\n');
    const int generation = ++m_generation;
    ++m_pending;
    m_status->setText(tr("Evaluating %1\u2026").arg(QFileInfo(m_path).fileName()));
    auto* watcher = new QFutureWatcher<Result<ClaimsResultPtr>>(this);
    connect(watcher, &QFutureWatcher<Result<ClaimsResultPtr>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        --m_pending;
        if (generation != m_generation)
            return; // documents changed meanwhile: a newer evaluation is running
        const Result<ClaimsResultPtr>& r = watcher->future().result();
        if (!r) {
            const QString message = QString::fromStdString(r.error().toString());
            m_model->setResult(nullptr);
            m_status->setText(message);
            Q_EMIT failed(message);
            return;
        }
        const ClaimsResult& res = *r.value();
        m_model->setResult(r.value());
        int profiles = 0, snapshots = 0;
        for (const ClaimInput& in : res.inputs)
            (in.profile ? profiles : snapshots) += 1;
        QString text = tr("<b>%1</b>: %2 passed, %3 failed, %4 errors (%5 claims on %6 CPU profiles and %7 heap "
                          "snapshots open).")
                           .arg(QFileInfo(m_path).fileName().toHtmlEscaped())
                           .arg(res.passed)
                           .arg(res.failed)
                           .arg(res.errors)
                           .arg(res.claims.size())
                           .arg(profiles)
                           .arg(snapshots);
        if (m_loading > 0)
            text += tr(" %1 documents still loading: the results follow when they are open.").arg(m_loading);
        text += tr(" Click a result to show what it measured.");
        m_status->setText(text);
        Q_EMIT evaluated();
    });
    watcher->setFuture(
        QtConcurrent::run(workerPool(), [path = m_path.toStdString(), inputs = std::move(inputs)]() mutable {
            return evaluateClaimsFile(path, std::move(inputs));
        }));
}

void ClaimsPage::showEvidence(int row)
{
    const ClaimRow* r = m_model->rowAt(row);
    if (!r)
        return;
    const ClaimsResult& res = *m_model->result();
    const ClaimEvidence& e = r->outcome.evidence;
    if (e.kind == ClaimEvidence::Kind::HeapGrowth) {
        showHeapEvidence(row);
        return;
    }
    if (r->input == UINT32_MAX || (e.kind != ClaimEvidence::Kind::Functions && e.kind != ClaimEvidence::Kind::Stretch))
        return; // an error: nothing was measured
    DocumentTab* tab = tabOf(m_window, res.inputs[r->input].path);
    auto* cpu = tab ? qobject_cast<CpuView*>(tab->view()) : nullptr;
    if (!cpu)
        return; // the profile was closed since
    m_window->tabs()->setCurrentWidget(tab);
    if (e.kind == ClaimEvidence::Kind::Functions)
        cpu->showFunctions(e.functions, flameSearch(res.claims[r->claim]));
    else if (e.stretch != UINT32_MAX)
        cpu->showStretch(e.startUs, e.endUs);
    Q_EMIT evidenceShown(row);
}

void ClaimsPage::showHeapEvidence(int row)
{
    const ClaimsResult& res = *m_model->result();
    if (res.heapFiles.size() < 2)
        return;
    DocumentTab* first = tabOf(m_window, res.heapFiles.front());
    DocumentTab* last = tabOf(m_window, res.heapFiles.back());
    if (!first || !last || !first->heapView() || !last->heapView())
        return;
    const bool grew = m_model->rowAt(row)->outcome.measured >= 0; // select the class that grew (or shrank) most
    auto selectTop = [this, row, grew] {
        if (!m_comparison)
            return;
        const ComparisonData* data = m_comparison->model()->comparison();
        if (!data)
            return;
        const ClassDiff* top = nullptr;
        for (uint32_t i : data->rows) {
            const ClassDiff& c = data->diff.classes[i];
            if (!top || (grew ? c.retainedDelta > top->retainedDelta : c.retainedDelta < top->retainedDelta))
                top = &c;
        }
        if (top)
            m_comparison->selectClass(QString::fromStdString(top->name));
        Q_EMIT evidenceShown(row);
    };
    if (m_comparison) {
        m_window->tabs()->setCurrentWidget(m_comparison);
        if (m_comparison->model()->comparison())
            selectTop();
        return;
    }
    m_comparison = new ComparisonPage;
    connect(m_comparison, &ComparisonPage::comparisonReady, this, selectTop, Qt::SingleShotConnection);
    const QStringList names { fileName(res.heapFiles.front()), fileName(res.heapFiles.back()) };
    m_comparison->setSnapshots(names,
        { { res.heapFiles.front(), first->heapView()->document().analysis, nullptr, nullptr },
            { res.heapFiles.back(), last->heapView()->document().analysis, nullptr, nullptr } },
        1);
    m_window->addDocumentTab(m_comparison, tr("Comparison: %1").arg(names[1]),
        tr("%1 against %2 (the heap claims' evidence)").arg(names[1], names[0]));
}

ClaimsPage* openClaims(MainWindow& window, const QString& claimsPath)
{
    const QString absolute = QFileInfo(claimsPath).absoluteFilePath();
    for (int i = 0; i < window.tabs()->count(); ++i) {
        if (auto* page = qobject_cast<ClaimsPage*>(window.tabs()->widget(i)); page && page->claimsPath() == absolute) {
            window.tabs()->setCurrentIndex(i);
            page->evaluate();
            return page;
        }
    }
    auto* page = new ClaimsPage(absolute, &window);
    window.addDocumentTab(page, QObject::tr("Claims: %1").arg(QFileInfo(absolute).fileName()), absolute);
    return page;
}

} // namespace v8scope::gui
