// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cpu/profilereader.h>
#include <heap/filters.h>
#include <heap/heaploader.h>
#include <heap/summary.h>

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

namespace v8scope::gui {

/// A loaded heap snapshot: the immutable analysis (shared with every page and worker) and load timings.
struct HeapDocument
{
    QString path;
    std::shared_ptr<const HeapAnalysis> analysis;
    double parseMs = 0; ///< core reading + parsing, milliseconds
    double analyzeMs = 0; ///< core analysis pipeline, milliseconds
    HeapAnalysis::Statistics statistics; ///< DevTools' Statistics, computed on the worker (a pass over all nodes)
};

/// DevTools' Summary rows of a heap document (all objects: the analysis' own; a filter's: computed on a worker).
/// Rows are in the CLI `summary` order (retained desc, then name); each row's `nodes` are sorted by retained
/// size descending, then id ascending (sortSummaryRows), so a class expands without sorting on the GUI thread.
struct HeapSummary
{
    std::shared_ptr<const HeapAnalysis> analysis;
    std::shared_ptr<const std::vector<ClassAggregate>> rows;
};

/// The HeapSummary of an analysis: its own Summary rows (HeapAnalysis::summary, computed once by the analysis or
/// read from the analysis cache), shared with the analysis, not copied.
HeapSummary makeHeapSummary(std::shared_ptr<const HeapAnalysis> analysis);

/// What the Summary counts (DevTools' filter drop-down): one of its presets, and/or an id range ("Objects
/// allocated before S1", "... between S1 and S2": ids above the first snapshot's largest JS object id, up to the
/// second's). The bounds are snapshots the window holds (weak: a closed tab's snapshot is not kept alive).
struct SummaryFilterSpec
{
    SummaryFilter preset = SummaryFilter::AllObjects;
    bool ranged = false; ///< whether the id range below applies
    bool fromStart = false; ///< "allocated before upTo": no lower bound
    std::weak_ptr<const HeapAnalysis> after; ///< lower bound: ids above its largest JS object id
    std::weak_ptr<const HeapAnalysis> upTo; ///< upper bound: ids up to its largest JS object id
};

/// The Summary rows of `analysis` under `filter` (worker thread), sorted as makeHeapSummary sorts them, as
/// `v8scope summary --preset NAME` / `--allocated-between A B` / `--allocated-before A` computes them. Errors:
/// cancelled, or a bound snapshot that was closed meanwhile.
Result<HeapSummary> makeFilteredSummary(std::shared_ptr<const HeapAnalysis> analysis, const SummaryFilterSpec& filter,
    const std::string& file, const CancelToken* cancel = nullptr);

/// A loaded CPU profile (.cpuprofile, trace JSON or .heapprofile), as the core's ProfileReader returns it.
struct ProfileDocument
{
    QString path;
    std::shared_ptr<const ProfileReadResult> read;
};

/// What a file holds, decided from its first bytes (gzip is looked through), not from its name.
enum class DocumentKind
{
    Unknown,
    HeapSnapshot, ///< .heapsnapshot / .heaptimeline (core/common/filekind.h decides)
    Profile, ///< .cpuprofile, trace JSON, .heapprofile
};
DocumentKind detectDocumentKind(const QString& path);

/// Loads one document at a time on a worker thread (QtConcurrent) and delivers the immutable result to the
/// thread the loader lives in (the GUI thread). The GUI thread never parses or analyses.
///
/// - load(path) starts a job and returns its id; a new load() or cancel() makes any running job stale: its
///   result is dropped (hotspot's JobTracker), so a slow old job can never overwrite a newer document.
/// - Signals, in order for one job: progress()/progressMessage() while it runs (throttled to ~25 a second),
///   then heapAvailable() + summaryAvailable() (heap) or profileAvailable() (profile) or failed() with the
///   core's one-line error ("FILE: byte N: what was expected"), then finished(). cancel() emits cancelled() and
///   finished() at once; the worker stops at its next poll of the CancelToken.
/// - The destructor cancels and waits for running workers, so a tab can be closed mid-load.
class DocumentLoader : public QObject
{
    Q_OBJECT
public:
    explicit DocumentLoader(QObject* parent = nullptr);
    ~DocumentLoader() override;

    /// Limits for heap loads (the CLI's --max-input / --max-memory).
    void setHeapOptions(const HeapLoadOptions& options);
    /// Called on the worker between parsing and analysing a snapshot that was not in the analysis cache
    /// (loadHeap's ParsedHook): File > Compare Files finishes its base there and frees the base's digest before
    /// the head's analysis allocates, as `v8scope diff` does.
    void setParsedHook(ParsedHook hook);
    /// Starts loading `path` (a heap snapshot or a CPU profile, detected from its content); returns the job id.
    int load(const QString& path);
    /// Stops the running job (if any); its result will be dropped.
    void cancel();
    bool isRunning() const;
    int currentJob() const;
    /// Waits until every worker this loader started has returned (tests, benchmarks, shutdown).
    void waitForWorkers();

Q_SIGNALS:
    void progress(int percent); ///< 0..100 within the current phase
    void progressMessage(const QString& phase); ///< "Reading", "Analyzing", "Summary", ...
    void heapAvailable(const v8scope::gui::HeapDocument& document);
    void summaryAvailable(const v8scope::gui::HeapSummary& summary);
    void profileAvailable(const v8scope::gui::ProfileDocument& document);
    void failed(const QString& message);
    void cancelled();
    void finished();

private:
    struct Job;
    void deliverProgress(int job, const QString& phase, int percent);

    HeapLoadOptions m_heapOptions;
    ParsedHook m_parsedHook;
    int m_jobCounter = 0;
    int m_currentJob = 0; ///< 0 = none running
    std::shared_ptr<Job> m_running;
    QList<QFuture<void>> m_workers;
};

} // namespace v8scope::gui

Q_DECLARE_METATYPE(v8scope::gui::HeapDocument)
Q_DECLARE_METATYPE(v8scope::gui::HeapSummary)
Q_DECLARE_METATYPE(v8scope::gui::ProfileDocument)
