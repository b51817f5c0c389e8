// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The Leaks page and its models on the bundled series: the first suspect and its path equal the CLI's `leaks`
// output, the control series reports none, the line chart follows the selected classes.
#include "guitestmain.h"

#include <models/leakmodels.h>
#include <pages/leakspage.h>

#include <QAbstractItemModelTester>
#include <QChart>
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
        page.resize(1200, 900);
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
