// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

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
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to open"), QStringLiteral("[FILE...]"));
    parser.process(app);

    v8scope::gui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    for (const QString& file : files)
        window.openFile(file);
    return app.exec();
}
