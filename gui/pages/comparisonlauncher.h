// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

class QString;

namespace v8scope::gui {

class ComparisonPage;
class MainWindow;

/// File > Compare...: opens a Comparison tab for the current heap snapshot against a base among the other open
/// snapshots (a combo box on the page), and with three or more open snapshots a Leaks tab over all of them in
/// tab order (oldest first). Snapshots already loaded are compared in memory, without reading them again.
void openComparison(MainWindow& window);

/// File > Compare Files... and `v8scope-gui --compare BASE HEAD`: compares two snapshot files the way
/// `v8scope diff BASE HEAD` does, holding one graph at a time: the base is read on a worker and only its digest is
/// kept, then the head opens in its own tab, then a Comparison tab compares them (new objects expand, the
/// Retainers pane follows). Returns the Comparison page (its status line shows progress and errors).
ComparisonPage* openFileComparison(MainWindow& window, const QString& basePath, const QString& headPath);

} // namespace v8scope::gui
