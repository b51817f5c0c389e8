// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "comparisonlauncher.h"

#include "comparisonpage.h"
#include "heapview.h"
#include "leakspage.h"

#include <documenttab.h>
#include <mainwindow.h>

#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QTabWidget>

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
        snapshots.push_back({ tab->path().toStdString(), tab->heapView()->document().analysis });
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
    comparison->setSnapshots(names, snapshots, head);
    window.addDocumentTab(comparison, QObject::tr("Comparison: %1").arg(names[head]),
        QObject::tr("%1 against a base among the open snapshots").arg(names[head]));
    if (snapshots.size() >= 3) {
        auto* leaks = new LeaksPage;
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

} // namespace v8scope::gui
