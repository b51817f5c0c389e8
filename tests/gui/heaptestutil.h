// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// Loading the bundled sample heap snapshots for the viewer's model and widget tests.
#include <heap/heapanalysis.h>
#include <heap/heaploader.h>

#include <QtGlobal>

#include <memory>
#include <string>

namespace v8scope::gui::testing {

/// sample_profiles/heap/NAME.heapsnapshot.gz through the real loader (parse + analysis); a failure ends the test
/// run with the loader's one-line error.
inline std::shared_ptr<const HeapAnalysis> loadSample(const char* name)
{
    auto r = loadHeap(std::string(V8SCOPE_SAMPLES "/heap/") + name + ".heapsnapshot.gz", {}, {});
    if (!r.ok())
        qFatal("%s", r.error().toString().c_str());
    return r.value().analysis;
}

} // namespace v8scope::gui::testing
