// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

namespace v8scope::gui {

class MainWindow;

/// File > Compare...: opens a Comparison tab for the current heap snapshot against a base among the other open
/// snapshots (a combo box on the page), and with three or more open snapshots a Leaks tab over all of them in
/// tab order (oldest first). Snapshots already loaded are compared in memory, without reading them again.
void openComparison(MainWindow& window);

} // namespace v8scope::gui
