// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The one place where pages owned outside the shell plug into the window (see MainWindow's header comment):
// add one line per extension here, and keep the page itself in its own files under gui/pages/.
#include "mainwindow.h"
#include "pages/comparisonlauncher.h"

#include <pages/cpuview.h>

namespace v8scope::gui {

void installExtensions(MainWindow& window)
{
    // CPU profiles (issue 11): pages/cpuview.h.
    window.setProfilePageFactory(
        [](const ProfileDocument& d, QWidget* parent) -> QWidget* { return new CpuView(d.read->profile, parent); });
    // Comparisons and leaks (issue 10): pages/comparisonlauncher.h.
    window.setCompareHandler([](MainWindow* w) { openComparison(*w); });
    window.setCompareFilesHandler(
        [](MainWindow* w, const QString& base, const QString& head) { openFileComparison(*w, base, head); });
}

} // namespace v8scope::gui
