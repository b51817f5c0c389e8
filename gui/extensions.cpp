// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The one place where pages owned outside the shell plug into the window (see MainWindow's header comment):
// add one line per extension here, and keep the page itself in its own files under gui/pages/.
#include "mainwindow.h"

namespace v8scope::gui {

void installExtensions(MainWindow& window)
{
    // CPU profiles (issue 11): window.setProfilePageFactory([](const ProfileDocument& d, QWidget* parent) { ... });
    // Comparisons and leaks (issue 10): window.setCompareHandler([](MainWindow* w) { ... });
    Q_UNUSED(window);
}

} // namespace v8scope::gui
