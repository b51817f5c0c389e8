// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "profilereader.h"
#include "rawprofile.h"
#include "tracethread.h"

#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace v8scope {

/// Collects CPU profiles from trace events while the reader streams them: `Profile` (head: start ts, thread,
/// source), `ProfileChunk` (new nodes, samples, time deltas) and `CpuProfile` (a whole profile in one event).
/// Chunks are keyed by (pid, id): V8 emits them from the profiler thread, so the tid comes from `Profile`.
/// Other events keep what DevTools' trace engine needs to merge them with the samples (TraceEvent: name, phase,
/// times, sampleTraceId; B/E pairs matched as they stream by) and the trace bounds.
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
    void setPhase(std::string_view ph)
    {
        m_ph = ph.size() == 1 ? ph[0] : '?';
    }
    void setCategory(std::string_view cat)
    {
        m_cat = cat;
    }
    void setDur(double dur)
    {
        m_dur = dur;
        m_hasDur = true;
    }
    /// args.sampleTraceId (`level` 0), args.data.sampleTraceId (1) or args.beginData.sampleTraceId (2).
    void setSampleTraceId(int level, int64_t id)
    {
        m_traceIdAt[level] = id;
    }
    /// args.data.frames[].processId (kept for TracingStartedInBrowser: the page's frames).
    void addFrameProcess(int64_t pid)
    {
        m_eventFramePids.push_back(pid);
    }
    void sawBeginData()
    {
        m_hasBeginData = true;
    }
    /// One entry of a ProfileChunk's cpuProfile.trace_ids.
    void addTraceId(int64_t traceId, int64_t nodeId)
    {
        m_event.traceIds.emplace_back(traceId, nodeId);
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

    /// The trace events of one thread (after take()), sorted as DevTools sorts a thread's entries.
    std::shared_ptr<TraceThread> thread(int64_t pid, int64_t tid) const;

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
    struct Record
    {
        double ts;
        double dur;
        int64_t pid;
        int64_t tid;
        int64_t sampleTraceId;
        uint32_t name;
        uint32_t cat;
        char ph;
    };
    void recordEvent();
    uint32_t intern(const std::string& s);

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
    // --- other events ---
    char m_ph = 0;
    std::string m_cat;
    double m_dur = 0;
    bool m_hasDur = false;
    bool m_hasPid = false;
    bool m_hasTid = false;
    int64_t m_traceIdAt[3] = { 0, 0, 0 };
    bool m_hasBeginData = false;
    std::vector<Record> m_records; ///< X, I and B events (B with the duration of its E), file order
    std::vector<uint32_t> m_beginStack; ///< open B events (DevTools matches them on one stack for the file)
    std::vector<std::string> m_strings;
    std::unordered_map<std::string, uint32_t> m_stringIndex;
    double m_boundsMin = INFINITY;
    double m_boundsMax = -INFINITY;
    double m_tracingStarted = -1;
    std::vector<int64_t> m_eventFramePids;
    std::vector<int64_t> m_framePids; ///< processes of TracingStartedInBrowser's frames (the traced page)
};

} // namespace v8scope
