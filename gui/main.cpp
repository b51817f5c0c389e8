// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("v8scope"));
    QApplication::setOrganizationName(QStringLiteral("v8scope"));
    QApplication::setApplicationVersion(QStringLiteral(V8SCOPE_VERSION));
    QApplication::setDesktopFileName(
        QStringLiteral("io.github.v8scope.v8scope")); // packaging/desktop: the installed .desktop file

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Desktop viewer for V8 heap snapshots (.heapsnapshot, .heaptimeline) and CPU profiles (.cpuprofile, "
        ".heapprofile, trace .json), plain or gzip. Each FILE opens in its own tab."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption noCache(QStringLiteral("no-cache"),
        QStringLiteral("Neither read nor write the heap analysis cache (as the CLI's --no-cache)."));
    const QCommandLineOption cacheDir(QStringLiteral("cache-dir"),
        QStringLiteral("Directory of the heap analysis cache (default $XDG_CACHE_HOME/v8scope/heap)."),
        QStringLiteral("DIR"));
    const QCommandLineOption compare(QStringLiteral("compare"),
        QStringLiteral("Compare two heap snapshot files as `v8scope diff BASE HEAD` does (one graph in memory at a "
                       "time): give BASE with this option and HEAD as the FILE."),
        QStringLiteral("BASE"));
    parser.addOption(compare);
    parser.addOption(noCache);
    parser.addOption(cacheDir);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to open"), QStringLiteral("[FILE...]"));
    parser.process(app);

    v8scope::gui::MainWindow window;
    v8scope::HeapLoadOptions heapOptions;
    heapOptions.cache.enabled = !parser.isSet(noCache);
    if (parser.isSet(cacheDir))
        heapOptions.cache.dir = parser.value(cacheDir).toStdString();
    window.setHeapLoadOptions(heapOptions);
    window.show();
    QStringList files = parser.positionalArguments();
    if (parser.isSet(compare)) {
        if (files.isEmpty()) {
            std::fprintf(stderr, "v8scope-gui: --compare BASE needs the HEAD snapshot as FILE\n");
            return 2;
        }
        window.compareFiles(parser.value(compare), files.takeFirst());
    }
    for (const QString& file : files)
        window.openFile(file);
    return app.exec();
}
