// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Cancellation: a cancelled token stops the reader and the analysis with a "cancelled" error, whether it was set
// before the call or while a step runs (the long loops poll it; see heapsteps::stopRequested).
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

#include <string>

using namespace v8scope;

namespace {

/// Cancels the token when the analysis reports the given step (0..7 of "Analyzing").
class CancelAtStep final : public ProgressSink
{
public:
    CancelAtStep(CancelToken& token, uint64_t step)
        : m_token(token)
        , m_step(step)
    {
    }
    void progress(std::string_view phase, uint64_t done, uint64_t) override
    {
        if (phase == "Analyzing" && done >= m_step)
            m_token.cancel();
    }

private:
    CancelToken& m_token;
    uint64_t m_step;
};

std::shared_ptr<const HeapSnapshot> shapes()
{
    auto s = SnapshotReader::read(testutil::samplePath("heap/shapes.heapsnapshot.gz"));
    if (!s)
        FAIL(s.error().toString());
    return s.value();
}

} // namespace

TEST_CASE("a cancelled token stops the reader", "[heap][cancel]")
{
    CancelToken token;
    token.cancel();
    InputOptions options;
    options.control.cancel = &token;
    auto r = SnapshotReader::read(testutil::samplePath("heap/shapes.heapsnapshot.gz"), options);
    REQUIRE(!r);
    CHECK(r.error().message == "cancelled");
}

TEST_CASE("cancelling stops the analysis at every step", "[heap][cancel]")
{
    auto snap = shapes();
    // Step 0: before the first step; 2: after flags; 3: after shallow sizes (before the dominator thread starts);
    // 4: while the dominator tree is being built on the other thread.
    for (uint64_t step : { 0, 2, 3, 4 }) {
        INFO("cancel at step " << step);
        CancelToken token;
        CancelAtStep sink(token, step);
        TaskControl control;
        control.cancel = &token;
        control.progress = &sink;
        auto r = HeapAnalysis::analyze(snap, control);
        REQUIRE(!r);
        CHECK(r.error().message == "cancelled");
    }
    // Without cancellation the same snapshot analyzes fine.
    CancelToken token;
    TaskControl control;
    control.cancel = &token;
    CHECK(HeapAnalysis::analyze(snap, control));
}
