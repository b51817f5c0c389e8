// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

class QThreadPool;

namespace v8scope::gui {

/// The thread pool every long job of the viewer runs on (loading, comparing, leak search, CPU analyses):
/// `QtConcurrent::run(workerPool(), ...)`, never QThreadPool::globalInstance(). Qt's raster paint engine splits
/// large fills into tasks on the global pool and waits for them on the GUI thread: with two multi-second loads
/// occupying the global pool of a 2-core machine, every repaint waited for a load to end (a 7 s stall measured
/// with bench/gui when two 300 MB snapshots loaded at once). Sized like the global pool, at least two threads.
QThreadPool* workerPool();

} // namespace v8scope::gui
