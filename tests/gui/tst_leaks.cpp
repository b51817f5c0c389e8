// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The Leaks page and its models on the bundled series: the first suspect and its path equal the CLI's `leaks`
// output, the control series reports none, the line chart follows the selected classes.
#include "guitestmain.h"

#include <models/leakmodels.h>
#include <pages/gatedialog.h>
#include <pages/leakspage.h>

#include <QAbstractItemModelTester>
#include <QChart>
#include <QChartView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineSeries>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>

using namespace v8scope;
using namespace v8scope::gui;

namespace {
std::vector<std::string> series(std::initializer_list<const char*> names)
{
    std::vector<std::string> paths;
    for (const char* n : names)
        paths.push_back(std::string(V8SCOPE_SAMPLES) + "/heap/" + n + ".heapsnapshot.gz");
    return paths;
}

QJsonObject cliLeaks(const std::vector<std::string>& paths)
{
    QStringList args { QStringLiteral("leaks"), QStringLiteral("--format"), QStringLiteral("json") };
    for (const auto& p : paths)
        args << QString::fromStdString(p);
    QProcess p;
    p.start(QStringLiteral(V8SCOPE_CLI), args);
    p.waitForFinished(120000);
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}
} // namespace

class TestLeaks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstSuspectEqualsCli()
    {
        const auto paths = series({ "leak_s1", "leak_s2", "leak_s3" });
        LeaksPage page;
        page.resize(1400, 1000);
        QAbstractItemModelTester suspects(page.suspectModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester growth(page.growthModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy ready(&page, &LeaksPage::leaksReady);
        page.setSnapshots(paths);
        QVERIFY(ready.wait(120000));

        const QJsonObject cli = cliLeaks(paths);
        const QJsonArray clusters = cli[QStringLiteral("clusters")].toArray();
        QCOMPARE(page.suspectModel()->rowCount(), clusters.size());
        QVERIFY(!clusters.isEmpty());
        const QJsonObject first = clusters[0].toObject();
        // The first row of the (retained-sorted) view is the CLI's first cluster.
        const QModelIndex top = page.suspectView()->model()->index(0, 0);
        const int cluster = top.data(LeakSuspectModel::ClusterRole).toInt();
        const LeakCluster& c = page.leaks()->result.clusters[size_t(cluster)];
        QCOMPARE(QString::fromStdString(c.className), first[QStringLiteral("class")].toString());
        QCOMPARE(qint64(c.roots), first[QStringLiteral("roots")].toInteger());
        QCOMPARE(qint64(c.retained), first[QStringLiteral("retained")].toInteger());
        QCOMPARE(page.suspectView()->model()->index(0, LeakSuspectModel::LeakedColumn).data().toString(),
            QStringLiteral("Session x400"));
        // Its path, step by step: the chain the page draws.
        QStringList expected;
        const QJsonArray path = first[QStringLiteral("path")].toArray();
        for (int k = 0; k < path.size(); ++k) {
            const QJsonObject s = path[k].toObject();
            expected << (k ? s[QStringLiteral("edge")].toString() + QStringLiteral(" -> ") : QString())
                    + s[QStringLiteral("class")].toString() + QStringLiteral(" @")
                    + QString::number(s[QStringLiteral("id")].toInteger());
        }
        QCOMPARE(page.pathText(), expected.join('\n'));
        QVERIFY(page.pathText().contains(QStringLiteral("sessionCache -> Map @75559")));

        // Classes growing in every step (9 on this series, as the CLI reports) and the chart: total + selection.
        QCOMPARE(page.growthModel()->rowCount(), 9);
        QCOMPARE(page.chart()->series().size(), 2); // total size and the first growing class
        page.growthView()->selectAll();
        QCOMPARE(page.chart()->series().size(), 1 + 9);
        auto* total = qobject_cast<QLineSeries*>(page.chart()->series().first());
        QVERIFY(total && total->count() == 3);
        // leak_s3's total (DevTools' total size: the CLI header and tests/core/tst_diff.cpp) in MB.
        QCOMPARE(qRound64(total->at(2).y() * 1e6), qint64(3933207));
        QSignalSpy open(&page, &LeaksPage::openSnapshotRequested);
        Q_EMIT total->clicked(total->at(1));
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().first().toInt(), 1);

        // V8SCOPE_SCREENSHOTS=DIR: save the page and its growth chart (docs/screenshots/).
        const QString shots = qEnvironmentVariable("V8SCOPE_SCREENSHOTS");
        if (!shots.isEmpty()) {
            page.growthView()->clearSelection();
            for (int row : { 0, 2, 3 })
                page.growthView()->selectionModel()->select(
                    page.growthView()->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
            page.show();
            QVERIFY(QTest::qWaitForWindowExposed(&page));
            QTest::qWait(300);
            QVERIFY(page.grab().save(shots + QStringLiteral("/leaks.png")));
            QVERIFY(page.chartView()->grab().save(shots + QStringLiteral("/leaks-growth-chart.png")));
        }
    }

    void emitterSuspectSaysWhatItHolds()
    {
        LeaksPage page;
        QSignalSpy ready(&page, &LeaksPage::leaksReady);
        page.setSnapshots(series({ "emitter_s1", "emitter_s2", "emitter_s3" }));
        QVERIFY(ready.wait(120000));
        QCOMPARE(page.suspectModel()->rowCount(), 1);
        const QString holds = page.suspectModel()->index(0, LeakSuspectModel::HoldsColumn).data().toString();
        QVERIFY2(holds.contains(QStringLiteral("Session x1,500")), qPrintable(holds));
    }

    void controlSeriesHasNoSuspects()
    {
        LeaksPage page;
        QSignalSpy ready(&page, &LeaksPage::leaksReady);
        page.setSnapshots(series({ "control_a", "control_b", "control_b" }));
        QVERIFY(ready.wait(120000));
        QCOMPARE(page.suspectModel()->rowCount(), 0);
        QCOMPARE(page.growthModel()->rowCount(), 0);
    }

    void gateDialogCommandExitsAsItSays()
    {
        LeaksPage page;
        QSignalSpy ready(&page, &LeaksPage::leaksReady);
        page.setSnapshots(series({ "leak_s1", "leak_s2", "leak_s3" }));
        QVERIFY(ready.wait(120000));
        auto run = [](const QString& line) {
            // The dialog's line, with `v8scope` replaced by the built CLI, through a shell (checks the quoting).
            QString command = line;
            command.replace(0, int(strlen("v8scope")), QStringLiteral(V8SCOPE_CLI));
            QProcess p;
            p.start(QStringLiteral("/bin/sh"), { QStringLiteral("-c"), command + QStringLiteral(" > /dev/null") });
            p.waitForFinished(120000);
            return p.exitCode();
        };
        // Whole series: leaks>0 trips (one Session cluster).
        GateDialog* all = page.openGateDialog();
        QVERIFY(all);
        QCOMPARE(all->gate(), QStringLiteral("leaks>0"));
        QCOMPARE(all->expectedExitCode(), 1);
        QCOMPARE(run(all->commandLine()), 1);
        all->setThreshold(1);
        QCOMPARE(all->expectedExitCode(), 0);
        QCOMPARE(run(all->commandLine()), 0);
        // Whole-heap retained growth: also the claim for `v8scope check` (first to last snapshot).
        all->setMetric(QStringLiteral("retained"));
        all->setThreshold(731160); // leak_s3 total 3933207 - leak_s1 total 3202047 = 731160: not more, holds
        QCOMPARE(all->measured(), 731160.0);
        QCOMPARE(all->expectedExitCode(), 0);
        QCOMPARE(run(all->commandLine()), 0);
        QCOMPARE(run(all->claimLine()), 0);
        all->setThreshold(731159);
        QCOMPARE(all->expectedExitCode(), 1);
        QCOMPARE(run(all->commandLine()), 1);
        QCOMPARE(run(all->claimLine()), 1);
        // A class with a space in its name is quoted: "system / Context" count grows 1029 -> 2029.
        GateDialog* ctx = page.openGateDialog(QStringLiteral("system / Context"));
        QCOMPARE(ctx->gate(), QStringLiteral("class:\"system / Context\".count>+0"));
        QCOMPARE(ctx->measured(), 1000.0);
        QCOMPARE(ctx->expectedExitCode(), 1);
        QCOMPARE(run(ctx->commandLine()), 1);
        ctx->setThreshold(1000);
        QCOMPARE(run(ctx->commandLine()), 0);
        QVERIFY(ctx->claimLine().isEmpty()); // no per-class claim in the check language
    }

    void badInputIsOneLine()
    {
        LeaksPage page;
        QSignalSpy failed(&page, &LeaksPage::failed);
        page.setSnapshots({ "/nonexistent/a.heapsnapshot", "/nonexistent/b.heapsnapshot", "/nonexistent/c" });
        QVERIFY(failed.wait(30000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("/nonexistent/a.heapsnapshot")));
    }
};

V8SCOPE_GUI_TEST_MAIN(TestLeaks)
#include "tst_leaks.moc"
