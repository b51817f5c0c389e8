// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "comparisonlauncher.h"

#include "comparisonpage.h"
#include "heapview.h"
#include "leakspage.h"

#include <documenttab.h>
#include <mainwindow.h>

#include <models/workerpool.h>

#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QTabWidget>
#include <QtConcurrent>

#include <memory>
#include <mutex>

namespace v8scope::gui {

void openComparison(MainWindow& window)
{
    QStringList names;
    std::vector<SnapshotRef> snapshots;
    std::vector<QPointer<QWidget>> tabOf; // the document tab of each snapshot
    int head = -1;
    const QWidget* current = window.tabs()->currentWidget();
    for (int i = 0; i < window.documentCount(); ++i) {
        DocumentTab* tab = window.documentTab(i);
        if (!tab || tab->state() != DocumentTab::State::Heap || !tab->heapView())
            continue;
        if (tab == current)
            head = int(snapshots.size());
        names << QFileInfo(tab->path()).fileName();
        snapshots.push_back({ tab->path().toStdString(), tab->heapView()->document().analysis, nullptr, nullptr });
        tabOf.emplace_back(tab);
    }
    if (snapshots.size() < 2) {
        QMessageBox::information(&window, QObject::tr("Compare"),
            QObject::tr("Open two heap snapshots of one process to compare them (three or more to look for leaks)."));
        return;
    }
    if (head < 0)
        head = int(snapshots.size()) - 1;
    auto* comparison = new ComparisonPage;
    comparison->setLoadOptions(window.heapLoadOptions());
    comparison->setSnapshots(names, snapshots, head);
    window.addDocumentTab(comparison, QObject::tr("Comparison: %1").arg(names[head]),
        QObject::tr("%1 against a base among the open snapshots").arg(names[head]));
    if (snapshots.size() >= 3) {
        auto* leaks = new LeaksPage;
        leaks->setLoadOptions(window.heapLoadOptions());
        std::vector<std::string> paths;
        for (const SnapshotRef& s : snapshots)
            paths.push_back(s.path);
        leaks->setSnapshots(paths);
        QTabWidget* tabs = window.tabs();
        QObject::connect(leaks, &LeaksPage::openSnapshotRequested, tabs, [tabs, tabOf](int index) {
            if (index >= 0 && size_t(index) < tabOf.size() && tabOf[size_t(index)])
                tabs->setCurrentWidget(tabOf[size_t(index)]);
        });
        window.addDocumentTab(
            leaks, QObject::tr("Leaks (%1 snapshots)").arg(snapshots.size()), names.join(QStringLiteral(" \u2192 ")));
        window.tabs()->setCurrentWidget(comparison);
    }
}

namespace {
/// Forwards the base load's progress to the page's status line (queued to the GUI thread, at most every 1 %).
class StatusProgress : public ProgressSink
{
public:
    StatusProgress(QPointer<ComparisonPage> page, QString name)
        : m_page(std::move(page))
        , m_name(std::move(name))
    {
    }
    void progress(std::string_view phase, uint64_t done, uint64_t total) override
    {
        const int percent = total ? int(std::min<uint64_t>(100, done * 100 / total)) : 0;
        if (percent == m_percent && phase == m_phase)
            return;
        m_percent = percent;
        m_phase.assign(phase);
        const QString text = QObject::tr("Reading the base %1: %2 %3% (only its digest is kept, as in v8scope diff)")
                                 .arg(m_name, QString::fromUtf8(phase.data(), qsizetype(phase.size())))
                                 .arg(percent);
        QMetaObject::invokeMethod(
            m_page.data(),
            [page = m_page, text] {
                if (page)
                    page->showStatus(text);
            },
            Qt::QueuedConnection);
    }

private:
    QPointer<ComparisonPage> m_page;
    QString m_name;
    std::string m_phase;
    int m_percent = -1;
};

/// The base of File > Compare Files between its load and the comparison: its digest until the head is parsed, then
/// the base side finished against the head (the digest freed: one graph's worth in memory, as `v8scope diff`).
struct PendingBase
{
    std::mutex mutex;
    std::shared_ptr<const SnapshotDigest> digest;
    std::shared_ptr<const ComparisonBase> prepared;
};

DocumentTab* tabOfPath(MainWindow& window, const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < window.documentCount(); ++i)
        if (DocumentTab* tab = window.documentTab(i); tab && tab->path() == absolute)
            return tab;
    return nullptr;
}
} // namespace

ComparisonPage* openFileComparison(MainWindow& window, const QString& basePath, const QString& headPath)
{
    const QString baseName = QFileInfo(basePath).fileName();
    const QString headName = QFileInfo(headPath).fileName();
    auto* page = new ComparisonPage;
    page->setLoadOptions(window.heapLoadOptions());
    page->showStatus(QObject::tr("Reading the base %1\u2026").arg(baseName));
    window.addDocumentTab(page, QObject::tr("Comparison: %1").arg(headName),
        QObject::tr("%1 against %2 (Compare Files)").arg(headName, baseName));

    auto cancel = std::make_shared<CancelToken>();
    QObject::connect(page, &QObject::destroyed, [cancel] { cancel->cancel(); });
    auto* watcher = new QFutureWatcher<Result<std::shared_ptr<const SnapshotDigest>>>(page);
    QPointer<ComparisonPage> guard(page);
    QPointer<MainWindow> win(&window);
    QObject::connect(watcher, &QFutureWatcherBase::finished, page, [=] {
        // Taken out of the future (which would keep the digest alive otherwise).
        auto digest = watcher->future().takeResult();
        watcher->deleteLater();
        if (!digest) {
            page->showStatus(QString::fromStdString(digest.error().toString()));
            Q_EMIT page->failed(page->statusText());
            return;
        }
        if (!win)
            return;
        // Only now the head: the base's graph is gone, so at most one graph is in memory, as with the CLI. When the
        // head is parsed (on its loader's worker), the base is finished against it and its digest freed before the
        // head's analysis allocates (a head read from the analysis cache has no parse step: then it is done later,
        // from the digest).
        auto pending = std::make_shared<PendingBase>();
        pending->digest = std::move(digest.value());
        win->openFile(headPath, [pending](const std::shared_ptr<const HeapSnapshot>& snapshot) {
            std::lock_guard lock(pending->mutex);
            if (!pending->digest)
                return;
            pending->prepared = std::make_shared<const ComparisonBase>(
                prepareBase(*pending->digest, *snapshot, idOrder(snapshot->nodeId), inferDefinitions(snapshot)));
            pending->digest.reset();
            releaseFreedMemory();
        });
        DocumentTab* head = tabOfPath(*win, headPath);
        if (!head)
            return;
        win->tabs()->setCurrentWidget(page);
        page->showStatus(QObject::tr("Reading the head %1 in its tab\u2026").arg(headName));
        auto start = [page, head, pending, basePath, baseName, headName] {
            std::vector<SnapshotRef> refs(2);
            refs[0].path = basePath.toStdString();
            {
                std::lock_guard lock(pending->mutex);
                refs[0].prepared = std::move(pending->prepared);
                refs[0].digest = std::move(pending->digest);
            }
            refs[1].path = head->path().toStdString();
            refs[1].analysis = head->heapView()->document().analysis;
            page->setSnapshots({ baseName, headName }, refs, 1);
        };
        auto check = [page, head, start]() -> bool {
            if (head->state() == DocumentTab::State::Heap && head->heapView()) {
                start();
                return true;
            }
            if (head->state() == DocumentTab::State::Failed) {
                page->showStatus(head->errorText());
                Q_EMIT page->failed(page->statusText());
                return true;
            }
            return false;
        };
        if (check())
            return;
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = QObject::connect(head, &DocumentTab::stateChanged, page, [check, connection] {
            if (check())
                QObject::disconnect(*connection);
        });
    });
    const HeapLoadOptions options = window.heapLoadOptions();
    const std::string base = basePath.toStdString();
    watcher->setFuture(QtConcurrent::run(workerPool(), [base, options, cancel, guard, baseName] {
        StatusProgress sink(guard, baseName);
        TaskControl control;
        control.cancel = cancel.get();
        control.progress = &sink;
        return loadDigest(base, options, control);
    }));
    return page;
}

} // namespace v8scope::gui
