// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "traceprofiles.h"

#include <algorithm>
#include <cmath>

namespace v8scope {

void TraceProfiles::startEvent(uint64_t offset)
{
    m_event = RawProfile {};
    m_name.clear();
    m_id.clear();
    m_source.clear();
    m_pid = m_tid = 0;
    m_ts = 0;
    m_hasTs = false;
    m_dataStart.reset();
    m_dataEnd.reset();
    m_offset = offset;
    m_ph = 0;
    m_cat.clear();
    m_dur = 0;
    m_hasDur = false;
    m_traceIdAt[0] = m_traceIdAt[1] = m_traceIdAt[2] = 0;
    m_hasBeginData = false;
    m_eventFramePids.clear();
}

uint32_t TraceProfiles::intern(const std::string& s)
{
    auto [it, inserted] = m_stringIndex.try_emplace(s, uint32_t(m_strings.size()));
    if (inserted)
        m_strings.push_back(s);
    return it->second;
}

void TraceProfiles::recordEvent()
{
    const bool boundsPhase = m_ph == 'B' || m_ph == 'E' || m_ph == 'X' || m_ph == 'I';
    if (!boundsPhase || !m_hasTs)
        return;
    // DevTools' MetaHandler: trace bounds from B/E/X/I events with a non-zero ts, except "...::UMA" events.
    const bool uma = m_name.size() >= 5 && m_name.compare(m_name.size() - 5, 5, "::UMA") == 0;
    if (m_ts != 0 && !uma) {
        m_boundsMin = std::min(m_boundsMin, m_ts);
        m_boundsMax = std::max(m_boundsMax, m_ts + (m_hasDur ? m_dur : 0));
    }
    if (m_name == "TracingStartedInBrowser") {
        m_tracingStarted = m_ts;
        m_framePids = m_eventFramePids;
    }
    const uint32_t name = intern(m_name);
    const uint32_t cat = intern(m_cat);
    if (m_ph == 'E') {
        // RendererHandler.makeCompleteEvent: an E closes the last open B when name and category match; an
        // unmatched E is ignored, and a mismatched pair leaves the B with duration 0.
        if (m_beginStack.empty())
            return;
        Record& b = m_records[m_beginStack.back()];
        m_beginStack.pop_back();
        if (b.name == name && b.cat == cat)
            b.dur = m_ts - b.ts;
        return;
    }
    // extractSampleTraceId: args.beginData (when present) decides alone; then args, then args.data.
    const int64_t traceId = m_hasBeginData ? m_traceIdAt[2] : m_traceIdAt[0] ? m_traceIdAt[0] : m_traceIdAt[1];
    m_records.push_back({ m_ts, m_ph == 'X' && m_hasDur ? m_dur : 0, m_pid, m_tid, traceId, name, cat, m_ph });
    if (m_ph == 'B')
        m_beginStack.push_back(uint32_t(m_records.size() - 1));
}

std::shared_ptr<TraceThread> TraceProfiles::thread(int64_t pid, int64_t tid) const
{
    auto t = std::make_shared<TraceThread>();
    t->pid = pid;
    t->tid = tid;
    t->boundsMin = m_tracingStarted >= 0 ? m_tracingStarted : m_boundsMin;
    t->boundsMax = m_boundsMax;
    if (!std::isfinite(t->boundsMin) || !std::isfinite(t->boundsMax))
        t->boundsMin = t->boundsMax = 0;
    std::unordered_map<uint32_t, uint32_t> nameOf;
    const uint32_t runTask = m_stringIndex.count("RunTask") ? m_stringIndex.at("RunTask") : UINT32_MAX;
    for (const Record& r : m_records) {
        if (r.pid != pid || r.tid != tid)
            continue;
        auto [it, inserted] = nameOf.try_emplace(r.name, uint32_t(t->names.size()));
        if (inserted)
            t->names.push_back(m_strings[r.name]);
        TraceEvent e;
        e.ts = r.ts;
        e.dur = r.dur;
        e.name = it->second;
        e.sampleTraceId = r.sampleTraceId;
        e.instant = r.ph == 'I';
        e.topLevel
            = r.name == runTask && m_strings[r.cat].find("disabled-by-default-devtools.timeline") != std::string::npos;
        t->events.push_back(e);
    }
    // Helpers.Trace.sortTraceEventsInPlace: start time, then the later end first; stable.
    std::stable_sort(t->events.begin(), t->events.end(), [](const TraceEvent& a, const TraceEvent& b) {
        if (a.ts != b.ts)
            return a.ts < b.ts;
        return a.ts + a.dur > b.ts + b.dur;
    });
    return t;
}

bool TraceProfiles::endEvent(const std::string& file, uint64_t offset, std::optional<ParseError>& error)
{
    const bool head = m_name == "Profile";
    const bool chunk = m_name == "ProfileChunk";
    const bool whole = m_name == "CpuProfile";
    if (!head && !chunk && !whole) {
        recordEvent();
        return true;
    }
    auto fail = [&](std::string message) {
        error = ParseError::at(file, m_offset, std::move(message));
        return false;
    };
    if (whole && m_id.empty())
        m_id = "cpuprofile" + std::to_string(m_count);
    if (m_id.empty())
        return fail("expected an \"id\" in this " + m_name + " event");
    auto [it, inserted] = m_profiles.try_emplace({ m_pid, m_id });
    Entry& e = it->second;
    if (inserted) {
        e.pid = m_pid;
        e.id = m_id;
        e.order = m_count++;
    }
    if (!m_source.empty())
        e.source = m_source;
    if (head || whole) {
        e.tid = m_tid;
        e.hasHead = true;
        e.startTs = m_ts;
        if (m_dataStart)
            e.clockStart = m_dataStart;
    }
    if (whole) {
        // A complete profile: its own startTime/endTime are authoritative (DevTools' fake trace shape).
        RawProfile& p = m_event;
        if (!p.hasStart)
            return fail("expected \"startTime\" in this CpuProfile event's cpuProfile");
        e.hasHead = true;
        e.startTs = p.startTime;
        e.profile = std::move(p);
        e.profile.format = "trace";
        return true;
    }
    if (chunk) {
        RawProfile& p = e.profile;
        const RawProfile& c = m_event;
        if (c.samples.size() != c.timeDeltas.size())
            return fail("this ProfileChunk has " + std::to_string(c.samples.size()) + " samples but "
                + std::to_string(c.timeDeltas.size()) + " timeDeltas");
        for (RawNode n : c.nodes) {
            // Trace nodes omit empty urls and zero line/column; DevTools defaults them to "" and -1.
            if (!n.hasLine)
                n.fn.line = -1;
            if (!n.hasColumn)
                n.fn.column = -1;
            n.hasChildren = false;
            p.nodes.push_back(std::move(n));
        }
        p.samples.insert(p.samples.end(), c.samples.begin(), c.samples.end());
        p.traceIds.insert(p.traceIds.end(), c.traceIds.begin(), c.traceIds.end());
        p.timeDeltas.insert(p.timeDeltas.end(), c.timeDeltas.begin(), c.timeDeltas.end());
        if (c.hasEnd)
            e.clockEnd = c.endTime;
        if (m_dataEnd)
            e.clockEnd = m_dataEnd;
        if (!c.samples.empty() && p.samplesOffset == 0)
            p.samplesOffset = c.samplesOffset;
    }
    (void)offset;
    return true;
}

Result<RawProfile> TraceProfiles::take(const std::string& file, uint64_t endOffset, const std::string& wanted,
    std::vector<ProfileListing>& listing, std::string& chosenKey, bool& ambiguous)
{
    std::vector<Entry*> entries;
    for (auto& [key, e] : m_profiles)
        if (e.hasHead && !e.profile.nodes.empty())
            entries.push_back(&e);
    std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) { return a->order < b->order; });
    if (entries.empty())
        return ParseError::at(file, endOffset,
            "expected a CPU profile (Profile and ProfileChunk trace events, or a CpuProfile event) in this trace");
    Entry* chosen = nullptr;
    for (Entry* e : entries) {
        ProfileListing l;
        l.pid = e->pid;
        l.tid = e->tid;
        l.id = e->id;
        l.key = std::to_string(e->pid) + ":" + e->id;
        l.source = e->source;
        l.nodes = e->profile.nodes.size();
        l.samples = e->profile.samples.size();
        listing.push_back(l);
    }
    if (!wanted.empty()) {
        size_t matches = 0;
        for (size_t i = 0; i < entries.size(); ++i) {
            if (listing[i].key == wanted) {
                chosen = entries[i];
                matches = 1;
                break;
            }
            if (listing[i].id == wanted) {
                chosen = entries[i];
                ++matches;
            }
        }
        if (matches == 0)
            return ParseError::general(file, "no profile \"" + wanted + "\" in this trace (see `v8scope cpu info`)");
        if (matches > 1)
            return ParseError::general(file, "profile id \"" + wanted + "\" is in several processes; use pid:id");
    } else {
        // The traced page's processes (TracingStartedInBrowser's frames) first, as DevTools shows the page's
        // main thread; among them (or all, when none), the profile with the most samples.
        auto onPage = [&](const Entry* e) {
            return std::find(m_framePids.begin(), m_framePids.end(), e->pid) != m_framePids.end();
        };
        const bool anyOnPage = std::any_of(entries.begin(), entries.end(), onPage);
        for (Entry* e : entries) {
            if (anyOnPage && !onPage(e))
                continue;
            if (!chosen || e->profile.samples.size() > chosen->profile.samples.size())
                chosen = e;
        }
        ambiguous = entries.size() > 1;
    }
    chosenKey = std::to_string(chosen->pid) + ":" + chosen->id;
    RawProfile p = std::move(chosen->profile);
    p.trace = thread(chosen->pid, chosen->tid);
    if (p.format.empty()) {
        // Trace clock: start at the Profile event's ts; the length is the profile's own (data.endTime -
        // data.startTime) when both are known, else the sum of the deltas (as DevTools' SamplesHandler does).
        p.format = "trace";
        p.hasStart = p.hasEnd = true;
        p.startTime = std::round(chosen->startTs);
        double sum = 0;
        for (int64_t d : p.timeDeltas)
            sum += double(d);
        if (chosen->clockStart && chosen->clockEnd && *chosen->clockEnd >= *chosen->clockStart)
            p.endTime = p.startTime + std::round(*chosen->clockEnd - *chosen->clockStart);
        else
            p.endTime = p.startTime + sum;
    }
    p.endOffset = endOffset;
    return p;
}

} // namespace v8scope
