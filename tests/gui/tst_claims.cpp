// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The claims panel: a claims file evaluated on the documents open in the window equals `v8scope check` on the same
// files (status, measured number, detail text), the model passes QAbstractItemModelTester, and a click on a result
// selects its evidence (the function in the Functions table and the flame graph search, the busy stretch in the
// Blocking list and every view's range, the class that grew most in a Comparison of the snapshots).
// With V8SCOPE_SCREENSHOT_DIR set it saves claims.png (scripts/screenshots.sh).
#include "guitestmain.h"

#include <documenttab.h>
#include <mainwindow.h>
#include <models/claimsmodel.h>
#include <models/comparisonmodel.h>
#include <models/cputablemodels.h>
#include <pages/claimspage.h>
#include <pages/comparisonpage.h>
#include <pages/cpuflamepage.h>
#include <pages/cpuview.h>
#include <pages/heapview.h>

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeView>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

QString sample(const char* rel)
{
    return QStringLiteral(V8SCOPE_SAMPLES "/") + QLatin1String(rel);
}

const QStringList kCpuClaims {
    QStringLiteral("function 'parseJson' self < 5%"),
    QStringLiteral("function 'parseJson' total < 45%"),
    QStringLiteral("gc < 5%"),
    QStringLiteral("category 'user' self > 90% of wall"),
    QStringLiteral("blocking max < 50ms"),
    QStringLiteral("blocking count(>100ms) == 0"),
};
const QStringList kHeapClaims { QStringLiteral("heap growth < 500KB") };

/// `v8scope check FILES --claims CLAIMS --format json`: its "claims" array.
QJsonArray check(const QStringList& files, const QString& claimsFile)
{
    QProcess cli;
    cli.start(QStringLiteral(V8SCOPE_CLI),
        QStringList { QStringLiteral("check") } + files
            + QStringList {
                QStringLiteral("--claims"), claimsFile, QStringLiteral("--format"), QStringLiteral("json") });
    if (!cli.waitForFinished(120000))
        return {};
    return QJsonDocument::fromJson(cli.readAllStandardOutput()).object().value(QLatin1String("claims")).toArray();
}

/// The first line `v8scope check` prints on stderr, without the "v8scope: " prefix.
QString checkError(const QString& file, const QString& claimsFile)
{
    QProcess cli;
    cli.start(QStringLiteral(V8SCOPE_CLI), { QStringLiteral("check"), file, QStringLiteral("--claims"), claimsFile });
    cli.waitForFinished(120000);
    QString line = QString::fromUtf8(cli.readAllStandardError()).section(QLatin1Char('\n'), 0, 0);
    return line.startsWith(QLatin1String("v8scope: ")) ? line.mid(9) : line;
}

bool writeJsonClaims(const QString& path, const QStringList& claims)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QJsonDocument(QJsonObject { { QStringLiteral("claims"), QJsonArray::fromStringList(claims) } }).toJson());
    return true;
}

bool waitLoaded(MainWindow& w)
{
    return QTest::qWaitFor(
        [&w] {
            for (int i = 0; i < w.documentCount(); ++i) {
                DocumentTab* t = w.documentTab(i);
                if (t && t->state() == DocumentTab::State::Loading)
                    return false;
                if (t && t->state() == DocumentTab::State::Heap && t->heapView()->summaryPage() == nullptr)
                    return false;
            }
            return true;
        },
        120000);
}

bool waitEvaluated(ClaimsPage* page)
{
    return QTest::qWaitFor([page] { return !page->isEvaluating() && page->model()->result(); }, 60000);
}

CpuView* cpuViewOf(MainWindow& w, const QString& path)
{
    for (int i = 0; i < w.documentCount(); ++i)
        if (DocumentTab* t = w.documentTab(i); t && t->path() == path)
            return qobject_cast<CpuView*>(t->view());
    return nullptr;
}

int rowOf(const ClaimsModel& m, const QString& claim, const QString& file)
{
    for (int r = 0; r < m.rowCount(); ++r) {
        const ClaimRow* row = m.rowAt(r);
        if (m.data(m.index(r, ClaimsModel::ClaimColumn)).toString() == claim
            && (file.isEmpty() || QString::fromStdString(row->file) == file))
            return r;
    }
    return -1;
}

void clickRow(ClaimsPage* page, int sourceRow)
{
    auto* proxy = static_cast<QSortFilterProxyModel*>(page->view()->model());
    const QModelIndex index = proxy->mapFromSource(page->model()->index(sourceRow, ClaimsModel::ClaimColumn));
    page->view()->scrollTo(index);
    QTest::mouseClick(page->view()->viewport(), Qt::LeftButton, {}, page->view()->visualRect(index).center());
}

} // namespace

class TestClaims : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void panelEqualsCheckAndSelectsEvidence()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // The panel reads one claims file in either form: here one claim per line, with a comment.
        const QString claimsTxt = dir.filePath(QStringLiteral("budget.txt"));
        {
            QFile f(claimsTxt);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("# the CPU and memory budget\n");
            for (const QString& c : kCpuClaims + kHeapClaims)
                f.write((c + QLatin1Char('\n')).toUtf8());
        }
        // `check` reads both forms too: the CPU claims as text, the heap claim as JSON.
        const QString cpuTxt = dir.filePath(QStringLiteral("cpu.txt"));
        {
            QFile f(cpuTxt);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write((kCpuClaims.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        }
        const QString heapJson = dir.filePath(QStringLiteral("heap.json"));
        QVERIFY(writeJsonClaims(heapJson, kHeapClaims));
        const QString mix = sample("cpu/cpu_mix.cpuprofile"), http = sample("cpu/http_blocking.cpuprofile");
        const QString s1 = sample("heap/leak_s1.heapsnapshot.gz"), s3 = sample("heap/leak_s3.heapsnapshot.gz");

        MainWindow w;
        w.resize(1400, 900);
        w.show();
        for (const QString& f : { mix, http, s1, s3 })
            w.openFile(f);
        QVERIFY(waitLoaded(w));
        ClaimsPage* page = openClaims(w, claimsTxt);
        QVERIFY(page);
        QCOMPARE(w.tabs()->currentWidget(), page);
        QVERIFY(waitEvaluated(page));
        QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);

        // `check` on the same files: CPU claims on each profile (in the order opened), then the heap claim.
        QJsonArray expected = check({ mix, http }, cpuTxt);
        for (const QJsonValue& v : check({ s1, s3 }, heapJson))
            expected.append(v);
        QCOMPARE(expected.size(), 2 * kCpuClaims.size() + kHeapClaims.size());
        const ClaimsModel& m = *page->model();
        QCOMPARE(m.rowCount(), expected.size());
        int failed = 0;
        for (int r = 0; r < m.rowCount(); ++r) {
            const QJsonObject e = expected[r].toObject();
            const ClaimRow* row = m.rowAt(r);
            QCOMPARE(m.data(m.index(r, ClaimsModel::ClaimColumn)).toString(), e[QLatin1String("claim")].toString());
            QCOMPARE(m.data(m.index(r, ClaimsModel::StatusColumn)).toString(), e[QLatin1String("status")].toString());
            QCOMPARE(m.data(m.index(r, ClaimsModel::MeasuredColumn)).toString(), e[QLatin1String("detail")].toString());
            QCOMPARE(row->outcome.measured, e[QLatin1String("measured")].toDouble());
            QCOMPARE(QString::fromStdString(row->file), e[QLatin1String("file")].toString());
            failed += e[QLatin1String("status")].toString() == QLatin1String("FAIL");
        }
        QVERIFY(failed > 0); // the file mixes passing and failing claims
        QVERIFY(page->statusText().contains(QStringLiteral("%1 failed").arg(failed)));
        if (const QByteArray shots = qgetenv("V8SCOPE_SCREENSHOT_DIR"); !shots.isEmpty()) {
            QCoreApplication::processEvents();
            w.grab().save(QString::fromLocal8Bit(shots) + QStringLiteral("/claims.png"));
        }

        // A function claim: cpu_mix's tab, the Functions table grouped by function with parseJson current, the
        // flame graph's search on "parseJson".
        QSignalSpy shown(page, &ClaimsPage::evidenceShown);
        int r = rowOf(m, kCpuClaims[0], mix);
        QVERIFY(r >= 0);
        clickRow(page, r);
        QCOMPARE(shown.count(), 1);
        CpuView* cpuMix = cpuViewOf(w, mix);
        QVERIFY(cpuMix);
        QCOMPARE(static_cast<DocumentTab*>(w.tabs()->currentWidget())->path(), mix);
        QVERIFY(QTest::qWaitFor([cpuMix] { return !cpuMix->isComputing(); }, 30000));
        QCOMPARE(cpuMix->tabs()->currentIndex(), int(CpuView::FunctionsTab));
        QCOMPARE(cpuMix->flamePage()->searchLine()->text(), QStringLiteral("parseJson"));
        QTreeView* functions = cpuMix->treeView(CpuView::FunctionsTab);
        auto* fproxy = static_cast<QSortFilterProxyModel*>(functions->model());
        const QModelIndex current = fproxy->mapToSource(functions->currentIndex());
        QVERIFY(current.isValid());
        const uint32_t f = cpuMix->functionsModel()->functionAt(current.row());
        QCOMPARE(QString::fromStdString(cpuMix->analysis()->profile->functions[f].displayName()),
            QStringLiteral("parseJson"));
        QCOMPARE(f, m.rowAt(r)->outcome.evidence.functions.front());
        QVERIFY(functions->selectionModel()->isRowSelected(functions->currentIndex().row(), {}));

        // A blocking claim on http_blocking: its Blocking tab with the 250.473 ms stretch (see tests/core
        // tst_claims) selected, and every view filtered to that stretch.
        w.tabs()->setCurrentWidget(page);
        r = rowOf(m, kCpuClaims[4], http);
        QVERIFY(r >= 0);
        const ClaimEvidence& ev = m.rowAt(r)->outcome.evidence;
        QCOMPARE(ev.endUs - ev.startUs, int64_t(250473));
        clickRow(page, r);
        QCOMPARE(shown.count(), 2);
        CpuView* httpView = cpuViewOf(w, http);
        QVERIFY(httpView);
        QVERIFY(QTest::qWaitFor(
            [httpView, ev] {
                return !httpView->isComputing() && httpView->analysis()->options.range
                    && *httpView->analysis()->options.range == std::make_pair(ev.startUs, ev.endUs);
            },
            30000));
        QCOMPARE(httpView->tabs()->currentIndex(), int(CpuView::BlockingTab));
        QTreeView* blocking = httpView->treeView(CpuView::BlockingTab);
        const QModelIndex b
            = static_cast<QSortFilterProxyModel*>(blocking->model())->mapToSource(blocking->currentIndex());
        QCOMPARE(httpView->blockingModel()->rangeAt(b.row()), std::make_pair(ev.startUs, ev.endUs));

        // The heap claim: a Comparison of the last snapshot against the first, the class that grew most selected.
        w.tabs()->setCurrentWidget(page);
        r = rowOf(m, kHeapClaims[0], {});
        QVERIFY(r >= 0);
        clickRow(page, r);
        QVERIFY(shown.wait(60000) || shown.count() == 3);
        ComparisonPage* cmp = page->comparisonPage();
        QVERIFY(cmp);
        QCOMPARE(w.tabs()->currentWidget(), cmp);
        const ComparisonData* data = cmp->model()->comparison();
        QVERIFY(data);
        QString top;
        int64_t best = INT64_MIN;
        for (uint32_t i : data->rows)
            if (data->diff.classes[i].retainedDelta > best) {
                best = data->diff.classes[i].retainedDelta;
                top = QString::fromStdString(data->diff.classes[i].name);
            }
        const QModelIndex sel = cmp->view()->currentIndex();
        QVERIFY(sel.isValid());
        QCOMPARE(
            sel.siblingAtColumn(ComparisonModel::ClassColumn).data(ComparisonModel::ClassNameRole).toString(), top);
    }

    void errorsAreTheCliLine()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QVERIFY(writeJsonClaims(bad, { QStringLiteral("gc < 5%"), QStringLiteral("function parseJson < 5%") }));
        const QString mix = sample("cpu/cpu_mix.cpuprofile");
        MainWindow w;
        w.openFile(mix);
        QVERIFY(waitLoaded(w));
        ClaimsPage* page = openClaims(w, bad);
        QSignalSpy failed(page, &ClaimsPage::failed);
        QVERIFY(failed.wait(30000) || failed.count() == 1);
        const QString expected = checkError(mix, bad);
        QVERIFY(expected.contains(QStringLiteral("claim 2: byte 9")));
        QCOMPARE(failed.first().first().toString(), expected);
        QCOMPARE(page->statusText(), expected);
        QCOMPARE(page->model()->rowCount(), 0);

        // Opened again: the same tab, evaluated again. Without a CPU profile open, CPU claims say so.
        QCOMPARE(openClaims(w, bad), page);
        const QString good = dir.filePath(QStringLiteral("good.txt"));
        {
            QFile f(good);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("gc < 5%\nheap growth < 1MB\n");
        }
        MainWindow empty;
        ClaimsPage* p2 = openClaims(empty, good);
        QVERIFY(waitEvaluated(p2));
        QCOMPARE(p2->model()->rowCount(), 2);
        QCOMPARE(p2->model()->data(p2->model()->index(0, ClaimsModel::MeasuredColumn)).toString(),
            QStringLiteral("needs a CPU profile: open one"));
        QCOMPARE(
            p2->model()->data(p2->model()->index(1, ClaimsModel::StatusColumn)).toString(), QStringLiteral("ERROR"));
        // Opening a profile afterwards evaluates again on it.
        empty.openFile(mix);
        QVERIFY(QTest::qWaitFor(
            [p2] { return !p2->isEvaluating() && p2->model()->result() && p2->model()->result()->inputs.size() == 1; },
            30000));
        QCOMPARE(
            p2->model()->data(p2->model()->index(0, ClaimsModel::StatusColumn)).toString(), QStringLiteral("PASS"));
    }
};

V8SCOPE_GUI_TEST_MAIN(TestClaims)
#include "tst_claims.moc"
