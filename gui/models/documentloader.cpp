// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "documentloader.h"
#include "workerpool.h"

#include <common/filekind.h>
#include <common/progress.h>

#include <QElapsedTimer>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace v8scope::gui {

namespace {

/// Forwards core progress to the loader's thread, at most every 40 ms or when the phase changes.
class ForwardingSink final : public ProgressSink
{
public:
    explicit ForwardingSink(std::function<void(const QString&, int)> emitFn)
        : m_emit(std::move(emitFn))
    {
        m_clock.start();
    }
    void progress(std::string_view phase, uint64_t done, uint64_t total) override
    {
        const int percent = total ? int(std::min<uint64_t>(100, done * 100 / total)) : 0;
        const bool newPhase = phase != m_phase;
        if (!newPhase && (percent == m_percent || m_clock.elapsed() < 40))
            return;
        m_phase.assign(phase);
        m_percent = percent;
        m_clock.restart();
        m_emit(QString::fromUtf8(phase.data(), qsizetype(phase.size())), percent);
    }

private:
    std::function<void(const QString&, int)> m_emit;
    std::string m_phase;
    int m_percent = -1;
    QElapsedTimer m_clock;
};

} // namespace

HeapSummary makeHeapSummary(std::shared_ptr<const HeapAnalysis> analysis)
{
    // The analysis' own Summary (computed once by the analysis, or read from its cache), shared, not copied. The
    // viewer's loads ask for its members sorted (HeapLoadOptions::sortSummaryMembers); an analysis loaded without
    // gets a sorted copy (on the caller's thread: a worker's).
    HeapSummary summary;
    if (analysis->summaryMembersSorted) {
        summary.rows = std::shared_ptr<const std::vector<ClassAggregate>>(analysis, &analysis->summary);
    } else {
        auto rows = std::make_shared<std::vector<ClassAggregate>>(analysis->summary);
        sortMembers(*analysis, *rows);
        summary.rows = std::move(rows);
    }
    summary.analysis = std::move(analysis);
    return summary;
}

Result<HeapSummary> makeFilteredSummary(std::shared_ptr<const HeapAnalysis> analysis, const SummaryFilterSpec& filter,
    const std::string& file, const CancelToken* cancel)
{
    std::optional<NodeIdRange> range;
    if (filter.ranged) {
        const auto after = filter.after.lock();
        const auto upTo = filter.upTo.lock();
        if (!upTo || (!filter.fromStart && !after))
            return ParseError::general(file, "the snapshot that bounds the range was closed");
        range = NodeIdRange { after ? maxJsObjectId(*after->snapshot) : 0, maxJsObjectId(*upTo->snapshot) };
    }
    std::optional<NodeMask> mask;
    if (filter.preset != SummaryFilter::AllObjects) {
        TaskControl control;
        control.cancel = cancel;
        auto computed = computeSummaryFilter(*analysis, filter.preset, control);
        if (!computed)
            return computed.error();
        mask = std::move(computed.value());
    }
    if (!mask && !range)
        return makeHeapSummary(std::move(analysis));
    if (cancel && cancel->cancelled())
        return ParseError::general(file, "cancelled");
    HeapSummary summary;
    summary.rows = std::make_shared<const std::vector<ClassAggregate>>(
        buildFilteredSummary(*analysis, mask ? &*mask : nullptr, range, true, cancel));
    summary.analysis = std::move(analysis);
    return summary;
}

DocumentKind detectDocumentKind(const QString& path)
{
    // The core's sniff (core/common/filekind), the one the CLI uses: first 64 KiB, gzip looked through.
    switch (sniffFileKind(path.toStdString())) {
    case FileKind::HeapSnapshot:
        return DocumentKind::HeapSnapshot;
    case FileKind::CpuProfile:
        return DocumentKind::Profile;
    case FileKind::Unknown:
        break;
    }
    return DocumentKind::Unknown;
}

struct DocumentLoader::Job
{
    int id = 0;
    CancelToken cancel;
};

DocumentLoader::DocumentLoader(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<HeapDocument>();
    qRegisterMetaType<HeapSummary>();
    qRegisterMetaType<ProfileDocument>();
}

DocumentLoader::~DocumentLoader()
{
    if (m_running)
        m_running->cancel.cancel();
    waitForWorkers();
}

void DocumentLoader::setHeapOptions(const HeapLoadOptions& options)
{
    m_heapOptions = options;
}

void DocumentLoader::setParsedHook(ParsedHook hook)
{
    m_parsedHook = std::move(hook);
}

bool DocumentLoader::isRunning() const
{
    return m_currentJob != 0;
}

int DocumentLoader::currentJob() const
{
    return m_currentJob;
}

void DocumentLoader::waitForWorkers()
{
    for (auto& f : m_workers)
        f.waitForFinished();
    m_workers.clear();
}

void DocumentLoader::cancel()
{
    if (!m_running)
        return;
    m_running->cancel.cancel();
    m_running.reset();
    m_currentJob = 0;
    Q_EMIT cancelled();
    Q_EMIT finished();
}

void DocumentLoader::deliverProgress(int job, const QString& phase, int percent)
{
    if (job != m_currentJob)
        return;
    Q_EMIT progressMessage(phase);
    Q_EMIT progress(percent);
}

int DocumentLoader::load(const QString& path)
{
    if (m_running)
        m_running->cancel.cancel(); // the old job becomes stale; its result will be dropped
    auto job = std::make_shared<Job>();
    job->id = ++m_jobCounter;
    m_running = job;
    m_currentJob = job->id;
    // Drop finished futures so the list does not grow over a long session.
    m_workers.erase(
        std::remove_if(m_workers.begin(), m_workers.end(), [](const QFuture<void>& f) { return f.isFinished(); }),
        m_workers.end());

    QPointer<DocumentLoader> self(this);
    const HeapLoadOptions heapOptions = m_heapOptions;
    const ParsedHook parsedHook = m_parsedHook;
    // Runs on the GUI thread through a queued call; drops whatever belongs to a job that is no longer current.
    auto post = [self, id = job->id](auto fn) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, id, fn = std::move(fn)]() {
                if (self && self->m_currentJob == id)
                    fn(self.data());
            },
            Qt::QueuedConnection);
    };
    auto finish = [job](DocumentLoader* l) {
        l->m_running.reset();
        l->m_currentJob = 0;
        Q_EMIT l->finished();
    };

    m_workers.append(QtConcurrent::run(workerPool(), [job, path, heapOptions, parsedHook, post, finish] {
        ForwardingSink sink([&](const QString& phase, int percent) {
            post([phase, percent, id = job->id](DocumentLoader* l) { l->deliverProgress(id, phase, percent); });
        });
        TaskControl control;
        control.progress = &sink;
        control.cancel = &job->cancel;
        const std::string file = path.toStdString();

        const DocumentKind kind = detectDocumentKind(path);
        if (kind == DocumentKind::Profile) {
            ProfileReadOptions options;
            options.input.control = control;
            options.input.maxDecompressedBytes = heapOptions.maxInputBytes;
            auto read = ProfileReader::read(file, options);
            if (!read.ok()) {
                const QString message = QString::fromStdString(read.error().toString());
                post([message, finish](DocumentLoader* l) {
                    Q_EMIT l->failed(message);
                    finish(l);
                });
                return;
            }
            ProfileDocument doc { path, std::make_shared<const ProfileReadResult>(std::move(read.value())) };
            post([doc, finish](DocumentLoader* l) {
                Q_EMIT l->profileAvailable(doc);
                finish(l);
            });
            return;
        }

        // Unknown content goes to the heap reader too: its error names the byte where the input went wrong.
        auto loaded = loadHeap(file, heapOptions, control, parsedHook);
        if (!loaded.ok()) {
            const QString message = QString::fromStdString(loaded.error().toString());
            post([message, finish](DocumentLoader* l) {
                Q_EMIT l->failed(message);
                finish(l);
            });
            return;
        }
        HeapDocument doc { path, loaded.value().analysis, loaded.value().parseMs, loaded.value().analyzeMs,
            loaded.value().analysis->statistics() };
        post([doc](DocumentLoader* l) { Q_EMIT l->heapAvailable(doc); });

        control.report("Summary", 0, 1);
        HeapSummary summary = makeHeapSummary(doc.analysis);
        control.report("Summary", 1, 1);
        post([summary, finish](DocumentLoader* l) {
            Q_EMIT l->summaryAvailable(summary);
            finish(l);
        });
    }));
    return job->id;
}

} // namespace v8scope::gui
