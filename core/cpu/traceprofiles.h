// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "profilereader.h"
#include "rawprofile.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

/// Collects CPU profiles from trace events while the reader streams them: `Profile` (head: start ts, thread,
/// source), `ProfileChunk` (new nodes, samples, time deltas) and `CpuProfile` (a whole profile in one event).
/// Chunks are keyed by (pid, id): V8 emits them from the profiler thread, so the tid comes from `Profile`.
/// Other events are dropped as soon as they end.
class TraceProfiles
{
public:
    void startEvent(uint64_t offset);
    RawProfile& eventProfile()
    {
        return m_event;
    }
    void setName(std::string_view name)
    {
        m_name = name;
    }
    void setPid(int64_t pid)
    {
        m_pid = pid;
    }
    void setTid(int64_t tid)
    {
        m_tid = tid;
    }
    void setTs(double ts)
    {
        m_ts = ts;
        m_hasTs = true;
    }
    void setId(std::string id)
    {
        m_id = std::move(id);
    }
    void setSource(std::string_view s)
    {
        m_source = s;
    }
    void setDataStart(double t)
    {
        m_dataStart = t;
    }
    void setDataEnd(double t)
    {
        m_dataEnd = t;
    }
    /// Files the finished event; false (with `error` set) when a profile event is malformed.
    bool endEvent(const std::string& file, uint64_t offset, std::optional<ParseError>& error);

    /// Picks the profile to analyse (see ProfileReadOptions::profile) and lists them all.
    Result<RawProfile> take(const std::string& file, uint64_t endOffset, const std::string& wanted,
        std::vector<ProfileListing>& listing, std::string& chosenKey, bool& ambiguous);

private:
    struct Entry
    {
        int64_t pid = 0;
        int64_t tid = 0;
        std::string id;
        std::string source;
        bool hasHead = false; ///< a Profile event was seen (start ts known)
        double startTs = 0;
        std::optional<double> clockStart; ///< args.data.startTime (profile clock)
        std::optional<double> clockEnd; ///< endTime from the last chunk (profile clock)
        RawProfile profile;
        uint64_t order = 0;
    };

    RawProfile m_event;
    std::string m_name;
    std::string m_id;
    std::string m_source;
    int64_t m_pid = 0;
    int64_t m_tid = 0;
    double m_ts = 0;
    bool m_hasTs = false;
    std::optional<double> m_dataStart;
    std::optional<double> m_dataEnd;
    uint64_t m_offset = 0;
    std::map<std::pair<int64_t, std::string>, Entry> m_profiles;
    uint64_t m_count = 0;
};

} // namespace v8scope
