// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// DocumentLoader: results arrive on the GUI thread after progress, errors are the core's one line, cancel stops
// a job and drops its result, a newer load makes the older one stale.
#include "guitestmain.h"

#include <models/documentloader.h>

#include <QSignalSpy>

using namespace v8scope;
using namespace v8scope::gui;

namespace {
QString sample(const char* name)
{
    return QStringLiteral(V8SCOPE_SAMPLES "/") + QLatin1String(name);
}
} // namespace

class TestDocumentLoader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detectsKindFromContent()
    {
        QCOMPARE(detectDocumentKind(sample("heap/leak_s1.heapsnapshot.gz")), DocumentKind::HeapSnapshot);
        QCOMPARE(detectDocumentKind(sample("cpu/cpu_mix.cpuprofile")), DocumentKind::Profile);
        QCOMPARE(detectDocumentKind(sample("cpu/heap_prof.heapprofile")), DocumentKind::Profile);
        QCOMPARE(detectDocumentKind(QStringLiteral("/nonexistent/file.heapsnapshot")), DocumentKind::Unknown);
    }

    void loadsHeapWithProgressThenSummary()
    {
        DocumentLoader loader;
        QSignalSpy progress(&loader, &DocumentLoader::progress);
        QSignalSpy phases(&loader, &DocumentLoader::progressMessage);
        QSignalSpy heap(&loader, &DocumentLoader::heapAvailable);
        QSignalSpy summary(&loader, &DocumentLoader::summaryAvailable);
        QSignalSpy failed(&loader, &DocumentLoader::failed);
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        const int job = loader.load(sample("heap/leak_s3.heapsnapshot.gz"));
        QVERIFY(job > 0);
        QVERIFY(loader.isRunning());
        QVERIFY(finished.wait(60000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(heap.count(), 1);
        QCOMPARE(summary.count(), 1);
        QVERIFY(progress.count() > 0);
        QStringList seen;
        for (const auto& args : phases)
            seen << args.at(0).toString();
        QVERIFY2(seen.contains(QStringLiteral("Reading")), qPrintable(seen.join(QLatin1Char(','))));
        QVERIFY(seen.contains(QStringLiteral("Analyzing")));
        const auto doc = heap.at(0).at(0).value<HeapDocument>();
        QVERIFY(doc.analysis);
        // leak_s3's totals as the CLI's README example prints them: global retains 2,449,035 bytes = 62.3 %.
        const auto sum = summary.at(0).at(0).value<HeapSummary>();
        QVERIFY(sum.rows && !sum.rows->empty());
        QCOMPARE(QString::fromStdString(sum.rows->front().name), QStringLiteral("global"));
        QCOMPARE(sum.rows->front().retained, uint64_t(2449035));
        // Members of a class come biggest retained first.
        for (const auto& row : *sum.rows)
            for (size_t i = 1; i < row.nodes.size(); ++i)
                QVERIFY(doc.analysis->retainedSize[row.nodes[i - 1]] >= doc.analysis->retainedSize[row.nodes[i]]);
        QVERIFY(!loader.isRunning());
    }

    void loadsProfile()
    {
        DocumentLoader loader;
        QSignalSpy profile(&loader, &DocumentLoader::profileAvailable);
        QSignalSpy heap(&loader, &DocumentLoader::heapAvailable);
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        loader.load(sample("cpu/cpu_mix.cpuprofile"));
        QVERIFY(finished.wait(60000));
        QCOMPARE(profile.count(), 1);
        QCOMPARE(heap.count(), 0);
        QVERIFY(profile.at(0).at(0).value<ProfileDocument>().read->profile);
    }

    void badInputGivesTheCoreErrorLine()
    {
        DocumentLoader loader;
        QSignalSpy failed(&loader, &DocumentLoader::failed);
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        const QString path = QStringLiteral(V8SCOPE_TESTDATA "/bad_inputs/partial_edge.heapsnapshot");
        loader.load(path);
        QVERIFY(finished.wait(60000));
        QCOMPARE(failed.count(), 1);
        const QString message = failed.at(0).at(0).toString();
        // "FILE: byte N: what was expected", one line, as the CLI prints it.
        QVERIFY2(message.startsWith(path + QStringLiteral(": ")), qPrintable(message));
        QVERIFY(!message.contains(QLatin1Char('\n')));
        QVERIFY(message.size() > path.size() + 10);
    }

    void cancelStopsAndDropsTheResult()
    {
        DocumentLoader loader;
        QSignalSpy heap(&loader, &DocumentLoader::heapAvailable);
        QSignalSpy summary(&loader, &DocumentLoader::summaryAvailable);
        QSignalSpy failed(&loader, &DocumentLoader::failed);
        QSignalSpy cancelled(&loader, &DocumentLoader::cancelled);
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        loader.load(sample("heap/chromium_detached_dom_2.heapsnapshot.gz"));
        loader.cancel();
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!loader.isRunning());
        loader.waitForWorkers();
        QCoreApplication::processEvents();
        QTest::qWait(50);
        QCOMPARE(heap.count(), 0);
        QCOMPARE(summary.count(), 0);
        QCOMPARE(failed.count(), 0); // the worker's "cancelled" error belongs to a stale job
        QCOMPARE(finished.count(), 1);
    }

    void newerLoadMakesTheOlderStale()
    {
        DocumentLoader loader;
        QSignalSpy heap(&loader, &DocumentLoader::heapAvailable);
        QSignalSpy failed(&loader, &DocumentLoader::failed);
        QSignalSpy finished(&loader, &DocumentLoader::finished);
        const int first = loader.load(sample("heap/chromium_detached_dom_1.heapsnapshot.gz"));
        const int second = loader.load(sample("heap/shapes.heapsnapshot.gz"));
        QVERIFY(second > first);
        QCOMPARE(loader.currentJob(), second);
        QVERIFY(finished.wait(60000));
        loader.waitForWorkers();
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(heap.count(), 1);
        QVERIFY(heap.at(0).at(0).value<HeapDocument>().path.endsWith(QStringLiteral("shapes.heapsnapshot.gz")));
    }

    void destroyingMidLoadWaits()
    {
        auto* loader = new DocumentLoader;
        loader->load(sample("heap/chromium_detached_dom_2.heapsnapshot.gz"));
        delete loader; // cancels and joins the worker; nothing may be delivered to the dead object
        QTest::qWait(20);
    }
};

V8SCOPE_GUI_TEST_MAIN(TestDocumentLoader)
#include "tst_documentloader.moc"
