// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

namespace v8scope {

/// Receives progress from long core operations. Implementations must be cheap: the core calls it at most a few
/// hundred times per operation. The CLI draws a terminal bar; the GUI forwards it as a Qt signal.
class ProgressSink
{
public:
    virtual ~ProgressSink() = default;
    /// `phase` names the current step ("Parsing", "Dominators", ...); done/total are in the phase's own units.
    virtual void progress(std::string_view phase, uint64_t done, uint64_t total) = 0;
};

/// Set from any thread to ask a running core operation to stop; long loops poll it and return an error.
class CancelToken
{
public:
    void cancel()
    {
        m_cancelled.store(true, std::memory_order_relaxed);
    }
    bool cancelled() const
    {
        return m_cancelled.load(std::memory_order_relaxed);
    }

private:
    std::atomic<bool> m_cancelled { false };
};

/// Optional progress and cancellation for one operation; both may be null.
struct TaskControl
{
    ProgressSink* progress = nullptr;
    const CancelToken* cancel = nullptr;

    bool cancelled() const
    {
        return cancel && cancel->cancelled();
    }
    void report(std::string_view phase, uint64_t done, uint64_t total) const
    {
        if (progress)
            progress->progress(phase, done, total);
    }
};

} // namespace v8scope
