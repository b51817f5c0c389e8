// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The CPU models: QAbstractItemModelTester on every sample profile, the tree walked through the model equals
// the core's pre-order, and the top-down root rows equal `v8scope cpu tree --depth 1` (the CLI) on every sample.
#include "cputestutil.h"
#include "guitestmain.h"

#include <models/calltreemodel.h>
#include <models/cputablemodels.h>
#include <models/roles.h>

#include <QAbstractItemModelTester>
#include <QProcess>

using namespace v8scope;
using namespace v8scope::gui;

class TestCpuModels : public QObject
{
    Q_OBJECT

    /// Pre-order walk through the model's index()/rowCount(), the function of each row.
    static void walk(const CallTreeModel& m, const QModelIndex& parent, std::vector<uint32_t>& out)
    {
        for (int row = 0; row < m.rowCount(parent); ++row) {
            const QModelIndex i = m.index(row, 0, parent);
            out.push_back(m.nodeOf(i));
            QCOMPARE(m.parent(i), parent);
            walk(m, i, out);
        }
    }

private Q_SLOTS:
    void modelTester_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& p : testing::sampleProfiles())
            QTest::newRow(qPrintable(QFileInfo(p).fileName())) << p;
    }

    void modelTester()
    {
        QFETCH(QString, path);
        CpuViewOptions o;
        o.hideIdle = true;
        const CpuAnalysisPtr a = testing::analyzed(path, o);
        QVERIFY(a);
        for (auto kind : { CallTreeModel::Kind::TopDown, CallTreeModel::Kind::BottomUp }) {
            CallTreeModel m(kind);
            QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
            m.setAnalysis(a);
            // The model's rows are the core's tree in pre-order (children in the core's order).
            std::vector<uint32_t> seen;
            walk(m, {}, seen);
            const CallTree& t = *m.tree();
            QCOMPARE(seen.size(), t.size() - 1);
            for (size_t i = 0; i < seen.size(); ++i)
                QCOMPARE(seen[i], uint32_t(i + 1));
            // Percent cells carry the share for the cost bars.
            if (m.rowCount() > 0) {
                const QModelIndex pct = m.index(0, CallTreeModel::TotalPercentColumn);
                QVERIFY(pct.data(ShareRole).toDouble() > 0);
                QVERIFY(m.indexOfNode(seen[0]) == m.index(0, 0));
            }
        }
        CpuFunctionsModel f;
        QAbstractItemModelTester ft(&f, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (RollupKey by : { RollupKey::Function, RollupKey::Url, RollupKey::Package, RollupKey::Category })
            f.setAnalysis(a, by);
        // Hidden idle: the category list without its "idle" row; no percentage is over 100 %.
        QCOMPARE(size_t(f.rowCount()), a->byCategory.size() - (a->profile->idleNode.valid() ? 1 : 0));
        for (int row = 0; row < f.rowCount(); ++row)
            QVERIFY(f.index(row, CpuFunctionsModel::TotalPercentColumn).data(ShareRole).toDouble() <= 1.0);
        CpuBlockingModel b;
        QAbstractItemModelTester bt(&b, QAbstractItemModelTester::FailureReportingMode::QtTest);
        b.setAnalysis(a);
        QCOMPARE(size_t(b.rowCount()), a->blocking.stretches.size());
    }

    void rootRowsEqualTheCli_data()
    {
        modelTester_data();
    }

    void rootRowsEqualTheCli()
    {
#ifndef V8SCOPE_CLI
        QSKIP("the CLI is not built");
#else
        QFETCH(QString, path);
        QProcess cli;
        cli.start(QStringLiteral(V8SCOPE_CLI),
            { QStringLiteral("cpu"), QStringLiteral("tree"), path, QStringLiteral("--format"), QStringLiteral("tsv"),
                QStringLiteral("--depth"), QStringLiteral("1") });
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        QStringList lines = QString::fromUtf8(cli.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 1);
        lines.removeFirst(); // header: depth total self function url line column
        const CpuAnalysisPtr a = testing::analyzed(path); // the CLI's defaults: nothing hidden, whole profile
        QVERIFY(a);
        CallTreeModel m(CallTreeModel::Kind::TopDown);
        m.setAnalysis(a);
        QCOMPARE(m.rowCount(), int(lines.size()));
        for (int row = 0; row < m.rowCount(); ++row) {
            const QStringList cells = lines[row].split(QLatin1Char('\t'));
            QCOMPARE(m.index(row, CallTreeModel::FunctionColumn).data().toString(), cells[3]);
            // Location: the URL's file name and 1-based line (the CLI's 0-based line + 1).
            const QString url = cells[4];
            const QString loc = m.index(row, CallTreeModel::LocationColumn).data().toString();
            if (url.isEmpty())
                QVERIFY(loc.isEmpty());
            else
                QCOMPARE(loc,
                    url.mid(url.lastIndexOf(QLatin1Char('/')) + 1) + QLatin1Char(':')
                        + QString::number(cells[5].toInt() + 1));
            // Totals and selfs: ms with 3 decimals (CPU) or integer bytes (heap), as the CLI prints them.
            const double total = m.index(row, CallTreeModel::TotalColumn).data(SortRole).toDouble();
            const double self = m.index(row, CallTreeModel::SelfColumn).data(SortRole).toDouble();
            const int decimals = a->isHeap() ? 0 : 3;
            QCOMPARE(QString::number(total, 'f', decimals), cells[1]);
            QCOMPARE(QString::number(self, 'f', decimals), cells[2]);
        }
#endif
    }
};

V8SCOPE_GUI_TEST_MAIN(TestCpuModels)
#include "tst_cpumodels.moc"
