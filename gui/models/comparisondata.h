// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/error.h>
#include <common/progress.h>
#include <diff/leakfinder.h>
#include <diff/snapshotdiff.h>
#include <heap/heaploader.h>

#include <memory>
#include <string>
#include <vector>

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

/// One snapshot the viewer can compare: its path, and its analysis when the window already holds it, or only what
/// a base needs once its graph is released as `v8scope diff` releases it: its digest, or (File > Compare Files)
/// the base side already finished against the head when the head was parsed (the digest is then freed too).
struct SnapshotRef
{
    std::string path;
    std::shared_ptr<const HeapAnalysis> analysis; ///< may be null: then `prepared` or the digest, else the path
    std::shared_ptr<const SnapshotDigest> digest; ///< a base's digest when its analysis is not kept
    std::shared_ptr<const ComparisonBase> prepared; ///< a base finished against this comparison's head only
};

/// Loads `path` with `options` (the analysis cache included), keeps its digest and releases the graph before
/// returning: the base side of Compare Files, so that the window holds one graph at a time, as the CLI's `diff`.
Result<std::shared_ptr<const SnapshotDigest>> loadDigest(
    const std::string& path, const HeapLoadOptions& options, const TaskControl& control = {});

/// What the Comparison page shows: the core's DiffResult, the rows it lists, and (when the head's analysis is
/// at hand) the new objects of each row for expansion. Built on a worker thread, then immutable.
struct ComparisonData
{
    DiffResult diff;
    std::vector<uint32_t> rows; ///< indices into diff.classes: DevTools' rows, then retained-only changes
    std::shared_ptr<const HeapAnalysis> head; ///< null when compared from paths only
    std::vector<std::vector<uint32_t>> newObjects; ///< per row: head ordinals of new objects, retained descending
    double ms = 0; ///< wall time of the computation
};

/// Compares `base` with `head` (worker thread). With the head's analysis and the base's analysis, digest or
/// prepared side at hand: prepareBase (unless prepared) and diffAgainst, no file read again; otherwise
/// diffSnapshots from the paths (one graph in memory at a time, no new-object lists; the files load with `load`:
/// the window's cache and limits). Polls `control`.
Result<std::shared_ptr<const ComparisonData>> computeComparison(const SnapshotRef& base, const SnapshotRef& head,
    const TaskControl& control = {}, const HeapLoadOptions& load = {});

/// The Leaks page's data: memlab's suspects and the classes' series over the snapshots (findLeaks from paths).
struct LeakData
{
    LeakResult result;
    std::vector<std::string> paths;
    double ms = 0;
};

/// `load`: how each snapshot loads (the window's cache and limits).
Result<std::shared_ptr<const LeakData>> computeLeaks(
    const std::vector<std::string>& paths, const TaskControl& control = {}, const HeapLoadOptions& load = {});

} // namespace v8scope::gui
