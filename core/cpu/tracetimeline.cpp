// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
//
// The Performance panel's timeline of a traced thread, rebuilt from DevTools' trace engine as read in
// chrome-devtools-frontend (models/trace: handlers/RendererHandler.ts, helpers/SamplesIntegrator.ts,
// helpers/TreeHelpers.ts treify, helpers/Trace.ts forEachEvent, extras/TraceTree.ts BottomUpRootNode). Times
// are doubles computed with DevTools' operations (sample times go through ms and back), because its nesting
// decisions compare them exactly.
#include "tracetimeline.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace v8scope {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

/// An event of a merged list: a trace event (index into TraceThread::events) or a JS frame (`pc`).
struct Item
{
    double ts;
    double dur;
    uint32_t index;
    bool pc;
};

/// Helpers.Trace.eventTimeComparator: start, then the later end first, then JS frames before trace events.
int compareItems(const Item& a, const Item& b)
{
    if (a.ts != b.ts)
        return a.ts < b.ts ? -1 : 1;
    const double ae = a.ts + a.dur;
    const double be = b.ts + b.dur;
    if (ae != be)
        return ae > be ? -1 : 1;
    if (a.pc != b.pc)
        return a.pc ? -1 : 1;
    return 0;
}

/// Helpers.Trace.mergeEventsInOrder (a single merge pass; the inputs are taken as they are).
std::vector<Item> mergeInOrder(const std::vector<Item>& a, const std::vector<Item>& b)
{
    std::vector<Item> out;
    out.reserve(a.size() + b.size());
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() && j < b.size()) {
        if (compareItems(a[i], b[j]) <= 0)
            out.push_back(a[i++]);
        else
            out.push_back(b[j++]);
    }
    out.insert(out.end(), a.begin() + long(i), a.end());
    out.insert(out.end(), b.begin() + long(j), b.end());
    return out;
}

struct NameFlags
{
    bool jsInvocation = false; ///< Types.Events.isJSInvocationEvent
    bool resetsStack = false; ///< RunTask, RunMicrotasks
    bool runTask = false;
};

NameFlags flagsOf(const std::string& n)
{
    NameFlags f;
    f.runTask = n == "RunTask";
    f.resetsStack = f.runTask || n == "RunMicrotasks";
    f.jsInvocation = n == "RunMicrotasks" || n == "FunctionCall" || n == "EvaluateScript" || n == "v8.evaluateModule"
        || n == "EventDispatch" || n == "V8.Execute" || n == "V8Console::runTask" || n.rfind("v8", 0) == 0
        || n.rfind("V8", 0) == 0;
    return f;
}

/// SamplesIntegrator.buildProfileCalls: JS frames (node, ts, dur) from the samples and the trace events.
class SamplesIntegrator
{
public:
    struct Call
    {
        double ts;
        double dur;
        uint32_t node;
    };

    SamplesIntegrator(const CpuProfile& p, const TraceThread& t)
        : m_p(p)
        , m_t(t)
    {
        for (const std::string& n : t.names)
            m_flags.push_back(flagsOf(n));
        for (uint32_t x = 0; x < p.nodeCount(); ++x)
            m_nodeById.emplace(p.nodeId[x], x);
    }

    std::vector<Call> run()
    {
        // callsFromProfileSamples: one zero-length call per sample; a GC sample remembers the last non-GC node.
        const size_t ns = m_p.sampleCount();
        std::vector<Item> samples(ns);
        m_gcParent.assign(ns, kNone);
        uint32_t prev = kNone;
        for (size_t i = 0; i < ns; ++i) {
            samples[i] = { sampleTs(i), 0, uint32_t(i), true };
            const uint32_t node = m_p.samples[i];
            if (isGc(node) && prev != kNone) {
                m_gcParent[i] = prev;
                continue;
            }
            prev = node;
        }
        std::vector<Item> events(m_t.events.size());
        for (size_t i = 0; i < events.size(); ++i)
            events[i] = { m_t.events[i].ts, m_t.events[i].dur, uint32_t(i), false };
        const std::vector<Item> merged = mergeInOrder(events, samples);

        std::vector<Item> stack;
        for (size_t i = 0; i < merged.size(); ++i) {
            const Item& e = merged[i];
            if (!e.pc && m_t.events[e.index].instant && !m_t.events[e.index].sampleTraceId)
                continue;
            if (stack.empty()) {
                if (e.pc) {
                    onSample(e, nullptr);
                    continue;
                }
                stack.push_back(e);
                onEventStart(e, nullptr);
                continue;
            }
            const Item parent = stack.back();
            if (e.ts >= parent.ts + parent.dur) {
                onEventEnd(parent);
                stack.pop_back();
                --i;
                continue;
            }
            if (e.pc) {
                onSample(e, &parent);
                continue;
            }
            onEventStart(e, &parent);
            stack.push_back(e);
        }
        while (!stack.empty()) {
            onEventEnd(stack.back());
            stack.pop_back();
        }
        return std::move(m_calls);
    }

    /// The sample's time as DevTools has it: µs -> ms (CPUProfileDataModel) -> µs (milliToMicro).
    double sampleTs(size_t i) const
    {
        return double(m_p.timestamps[i]) / 1000.0 * 1000.0;
    }

private:
    bool isGc(uint32_t node) const
    {
        return m_p.gcNode.valid() && node == m_p.gcNode.index;
    }
    bool isMeta(uint32_t node) const
    {
        return node == 0 || isGc(node) || (m_p.programNode.valid() && node == m_p.programNode.index)
            || (m_p.idleNode.valid() && node == m_p.idleNode.index);
    }
    bool jsInvocation(const Item* parent) const
    {
        return parent && !parent->pc && m_flags[m_t.events[parent->index].name].jsInvocation;
    }
    uint32_t lockedTop() const
    {
        return m_locked.empty() ? 0 : m_locked.back();
    }
    uint32_t popLocked()
    {
        if (m_locked.empty())
            return 0;
        const uint32_t d = m_locked.back();
        m_locked.pop_back();
        return d;
    }

    void onEventStart(const Item& e, const Item* parent)
    {
        const TraceEvent& ev = m_t.events[e.index];
        if (m_flags[ev.name].resetsStack) {
            m_locked.clear();
            truncate(0, e.ts);
            m_fake = false;
        }
        if (m_fake) {
            truncate(popLocked(), e.ts);
            m_fake = false;
        }
        extractStack(e);
        if (ev.sampleTraceId && !jsInvocation(parent))
            m_fake = true;
        m_locked.push_back(uint32_t(m_current.size()));
    }

    void onSample(const Item& e, const Item* parent)
    {
        if (jsInvocation(parent) || m_fake) {
            extractStack(e);
        } else if (m_current.empty()) {
            m_fake = true;
            extractStack(e);
            m_locked.push_back(0);
        }
    }

    void onEventEnd(const Item& e)
    {
        truncate(popLocked(), e.ts + e.dur);
    }

    /// The frames (outermost first) of `node`'s stack, without the root; for a GC sample, the stack of the
    /// sample before it plus the GC node.
    bool stackOf(uint32_t node, uint32_t gcParent, std::vector<uint32_t>& out) const
    {
        out.clear();
        const bool gc = isGc(node);
        uint32_t x = gc ? gcParent : node;
        if (x == kNone)
            return true; // a GC sample with no sample before it: an empty stack
        for (; x != 0 && x != kNone; x = m_p.parent[x])
            out.push_back(x);
        std::reverse(out.begin(), out.end());
        if (gc)
            out.push_back(node);
        return true;
    }

    bool framesEqual(uint32_t a, uint32_t b) const
    {
        const FunctionInfo& fa = m_p.functionOf(a);
        const FunctionInfo& fb = m_p.functionOf(b);
        return fa.scriptId == fb.scriptId && fa.name == fb.name && fa.line == fb.line;
    }

    void extractStack(const Item& e)
    {
        bool own = false; // false: the stack stays the current one
        if (e.pc) {
            own = stackOf(m_p.samples[e.index], m_gcParent[e.index], m_frames);
        } else if (const int64_t traceId = m_t.events[e.index].sampleTraceId) {
            const auto id = m_t.traceIds.find(traceId);
            if (id != m_t.traceIds.end() && id->second != 0) {
                const auto node = m_nodeById.find(id->second);
                if (node != m_nodeById.end())
                    own = stackOf(node->second, kNone, m_frames);
            }
        }
        if (!own) {
            // The current stack compared with itself: every frame stays; truncating sets their durations.
            truncate(uint32_t(m_current.size()), e.ts);
            return;
        }
        // filterStackFrames: runtime-call-stats frames are not shown.
        m_frames.erase(std::remove_if(m_frames.begin(), m_frames.end(),
                           [&](uint32_t x) { return m_p.functionOf(x).url == "native V8Runtime"; }),
            m_frames.end());
        const size_t minFrames = std::min(m_frames.size(), m_current.size());
        size_t i = lockedTop();
        for (; i < minFrames; ++i)
            if (!framesEqual(m_frames[i], m_calls[m_current[i]].node))
                break;
        truncate(uint32_t(i), e.ts);
        for (; i < m_frames.size(); ++i) {
            if (isMeta(m_frames[i]))
                continue;
            m_current.push_back(uint32_t(m_calls.size()));
            m_calls.push_back({ e.ts, 0, m_frames[i] });
        }
    }

    void truncate(uint32_t depth, double time)
    {
        if (!m_locked.empty()) {
            const uint32_t locked = m_locked.back();
            if (locked && depth < locked)
                depth = locked;
        }
        if (m_current.size() < depth)
            depth = uint32_t(m_current.size());
        for (uint32_t c : m_current)
            m_calls[c].dur = std::max(time - m_calls[c].ts, 0.0);
        m_current.resize(depth);
    }

    const CpuProfile& m_p;
    const TraceThread& m_t;
    std::vector<NameFlags> m_flags;
    std::unordered_map<int64_t, uint32_t> m_nodeById;
    std::vector<uint32_t> m_gcParent;
    std::vector<Call> m_calls;
    std::vector<uint32_t> m_current; ///< open frames (indices into m_calls)
    std::vector<uint32_t> m_locked; ///< stack depths locked by open trace events
    std::vector<uint32_t> m_frames;
    bool m_fake = false;
};

} // namespace

std::vector<TimelineEntry> buildTraceTimeline(const CpuProfile& p)
{
    std::vector<TimelineEntry> out;
    if (!p.trace)
        return out;
    const TraceThread& t = *p.trace;
    const std::vector<SamplesIntegrator::Call> calls = SamplesIntegrator(p, t).run();

    std::vector<Item> events(t.events.size());
    for (size_t i = 0; i < events.size(); ++i)
        events[i] = { t.events[i].ts, t.events[i].dur, uint32_t(i), false };
    std::vector<Item> pcs(calls.size());
    for (size_t i = 0; i < calls.size(); ++i)
        pcs[i] = { calls[i].ts, calls[i].dur, uint32_t(i), true };
    const std::vector<Item> entries = mergeInOrder(events, pcs);

    // TreeHelpers.treify: nest by time; an entry that ends after its parent is left out of the tree.
    std::vector<Item> kept;
    kept.reserve(entries.size());
    std::vector<Item> stack;
    for (size_t i = 0; i < entries.size(); ++i) {
        const Item& e = entries[i];
        if (!stack.empty()) {
            const Item& parent = stack.back();
            const double parentEnd = parent.ts + parent.dur;
            if (e.ts >= parentEnd) {
                stack.pop_back();
                --i;
                continue;
            }
            if (e.ts + e.dur > parentEnd)
                continue;
        }
        kept.push_back(e);
        stack.push_back(e);
    }
    // The tree views get the tree's entries sorted by start time (a stable sort on ts alone).
    std::stable_sort(kept.begin(), kept.end(), [](const Item& a, const Item& b) { return a.ts < b.ts; });
    out.reserve(kept.size());
    for (const Item& e : kept) {
        TimelineEntry x;
        x.ts = e.ts;
        x.dur = e.dur;
        if (e.pc) {
            x.node = calls[e.index].node;
            x.function = p.function[x.node];
        } else {
            const TraceEvent& ev = t.events[e.index];
            x.function = p.eventFunction[ev.name];
            x.topLevel = ev.topLevel;
            x.runTask = t.names[ev.name] == "RunTask";
        }
        out.push_back(x);
    }
    return out;
}

std::string_view traceEventCategory(std::string_view n)
{
    auto starts = [&](std::string_view prefix) { return n.substr(0, prefix.size()) == prefix; };
    auto has = [&](std::string_view part) { return n.find(part) != std::string_view::npos; };
    if (has("GC") || starts("BlinkGC") || starts("CppGC") || starts("cppgc") || has("GarbageCollection"))
        return "gc";
    if (n == "Layout" || n == "UpdateLayoutTree" || n == "RecalculateStyles" || n == "ScheduleStyleRecalculation"
        || n == "InvalidateLayout" || n == "UpdateLayer" || n == "UpdateLayerTree" || n == "HitTest" || n == "PrePaint"
        || n == "Layerize" || starts("IntersectionObserver") || n == "ComputeIntersections" || n == "LayoutShift")
        return "layout";
    if (n == "Paint" || n == "PaintImage" || n == "PaintSetup" || n == "RasterTask" || n == "Rasterize"
        || n == "CompositeLayers" || n == "Commit" || starts("Decode") || n == "Draw LazyPixelRef"
        || n == "ImageDecodeTask" || n == "GPUTask")
        return "paint";
    if (n == "EvaluateScript" || n == "FunctionCall" || n == "EventDispatch" || n == "TimerFire"
        || n == "FireAnimationFrame" || n == "FireIdleCallback" || n == "RunMicrotasks" || n == "XHRReadyStateChange"
        || n == "XHRLoad" || n == "CompileScript" || n == "CompileCode" || n == "OptimizeCode" || n == "CacheScript"
        || n == "CacheModule" || n == "StreamingCompileScript" || n == "BackgroundDeserialize" || n == "TimerInstall"
        || n == "TimerRemove" || n == "RequestAnimationFrame" || n == "CancelAnimationFrame"
        || n == "RequestIdleCallback" || n == "V8Console::runTask" || starts("v8") || starts("V8") || starts("js")
        || n == "SchedulePostMessage" || n == "HandlePostMessage")
        return "scripting";
    if (n == "ParseHTML" || n == "ParseAuthorStyleSheet" || starts("Resource") || starts("DocumentLoader")
        || starts("HTMLDocumentParser") || n == "CommitLoad")
        return "loading";
    return "other";
}

Result<Timing> computeTraceTiming(const CpuProfile& p, const TimingOptions& options)
{
    return computeTraceTiming(p, buildTraceTimeline(p), options);
}

Result<Timing> computeTraceTiming(
    const CpuProfile& p, const std::vector<TimelineEntry>& entries, const TimingOptions& options)
{
    Timing t;
    t.model = TimingModel::Perf;
    t.unit = WeightUnit::Microseconds;
    t.msPerUnit = 0.001;
    const TraceThread& thread = *p.trace;
    double w0 = thread.boundsMin;
    double w1 = thread.boundsMax;
    if (options.range) {
        w0 = thread.boundsMin + double(options.range->first);
        w1 = thread.boundsMin + double(options.range->second);
        if (w1 <= w0)
            return ParseError::general(p.sourceName, "the range is empty (END must be after START)");
    }
    t.windowStart = std::llround(w0 - thread.boundsMin);
    t.windowEnd = std::llround(w1 - thread.boundsMin);
    t.duration = t.windowEnd - t.windowStart;

    // BottomUpRootNode over forEachEvent, in ms as DevTools computes it.
    const double startMs = w0 / 1000.0;
    const double endMs = w1 / 1000.0;
    const double gStart = startMs * 1000.0;
    const double gEnd = endMs * 1000.0;
    // topLevelEventIndexEndingAfter: the walk starts at the last top-level task that starts by the window start.
    size_t first
        = size_t(std::upper_bound(entries.begin(), entries.end(), gStart, [](double time, const TimelineEntry& e) {
              return time < e.ts;
          }) - entries.begin());
    size_t index = first == 0 ? 0 : first - 1;
    while (index > 0 && !entries[index].topLevel)
        --index;

    WeightedTree& w = t.tree;
    std::vector<double> selfMs; // per tree node
    auto emit = [&](uint32_t parent, uint32_t function, uint32_t node) {
        w.parent.push_back(parent);
        w.depth.push_back(parent == kNone ? 0 : w.depth[parent] + 1);
        w.function.push_back(function);
        w.profileNode.push_back(node);
        w.selfSamples.push_back(0);
        selfMs.push_back(0);
        return uint32_t(w.parent.size() - 1);
    };
    emit(kNone, kNone, 0);
    selfMs[0] = endMs - startMs;
    std::vector<uint32_t> open; // tree nodes of the events on the walk's stack
    std::vector<double> openEnd;
    // Samples whose leaf is a JS frame's profile node, while that frame runs (pprof's "samples" value, `cpu info`):
    // counted per frame over [start, end) clipped to the window, by binary search in the sorted timestamps.
    auto countSamples = [&](uint32_t x, uint32_t node, double from, double to) {
        auto it = std::lower_bound(p.timestamps.begin(), p.timestamps.end(), int64_t(std::ceil(from)));
        uint32_t n = 0;
        for (; it != p.timestamps.end() && double(*it) < to; ++it)
            n += p.samples[size_t(it - p.timestamps.begin())] == node;
        w.selfSamples[x] = n;
    };
    for (size_t i = index; i < entries.size(); ++i) {
        const TimelineEntry& e = entries[i];
        const double end = e.ts + e.dur;
        if (end < gStart)
            continue;
        if (e.ts > gEnd)
            break;
        while (!open.empty() && openEnd.back() != 0 && openEnd.back() <= e.ts) {
            open.pop_back();
            openEnd.pop_back();
        }
        if (e.runTask || e.dur == 0)
            continue;
        const double duration = std::min(end / 1000.0, endMs) - std::max(e.ts / 1000.0, startMs);
        const uint32_t parent = open.empty() ? 0 : open.back();
        selfMs[parent] -= duration;
        const uint32_t x = emit(parent, e.function, e.node);
        selfMs[x] = duration;
        if (e.node != kNone)
            countSamples(x, e.node, std::max(e.ts, w0), std::min(end, w1));
        open.push_back(x);
        openEnd.push_back(end);
    }
    const size_t m = w.parent.size();
    w.self.resize(m);
    for (size_t x = 0; x < m; ++x)
        w.self[x] = std::llround(selfMs[x] * 1000.0);
    w.function[0] = UINT32_MAX;
    w.subtreeSize.assign(m, 1);
    w.total = w.self;
    for (size_t i = m; i-- > 1;) {
        w.subtreeSize[w.parent[i]] += w.subtreeSize[i];
        w.total[w.parent[i]] += w.total[i];
    }
    t.unattributed = w.self[0];
    w.self[0] = 0;
    w.total[0] -= t.unattributed;

    t.nodeSelf.assign(p.nodeCount(), 0);
    t.nodeTotal.assign(p.nodeCount(), 0);
    for (size_t x = 1; x < m; ++x) {
        if (w.profileNode[x] == kNone)
            continue;
        t.nodeSelf[w.profileNode[x]] += w.self[x];
        t.nodeTotal[w.profileNode[x]] += w.total[x];
    }
    if (auto done = finishFunctionTimes(p, options, t); !done)
        return done.error();
    for (size_t f = 0; f < p.functions.size(); ++f)
        if (p.functions[f].traceEvent && traceEventCategory(p.functions[f].name) == "gc")
            t.gc += t.functionSelf[f];
    for (size_t i = 0; i < p.sampleCount(); ++i)
        t.samplesInWindow += p.timestamps[i] >= w0 && p.timestamps[i] < w1;
    return t;
}

void attributeStretchesToTimeline(
    const CpuProfile& p, BlockingResult& blocking, uint32_t topN, const std::string& ignoreList)
{
    if (!p.trace)
        return;
    const std::vector<TimelineEntry> entries = buildTraceTimeline(p);
    const int64_t offset = p.startTime - std::llround(p.trace->boundsMin); // profile clock -> trace start
    for (BlockingStretch& s : blocking.stretches) {
        TimingOptions o;
        o.range = std::make_pair(s.startUs + offset, s.startUs + offset + s.durationUs);
        o.ignoreList = ignoreList;
        auto t = computeTraceTiming(p, entries, o);
        if (!t)
            continue;
        std::vector<BlockingFunction> tops;
        for (uint32_t f = 0; f < p.functions.size(); ++f)
            if (t.value().functionSelf[f] > 0)
                tops.push_back({ f, t.value().functionSelf[f] });
        std::sort(tops.begin(), tops.end(), [](const BlockingFunction& a, const BlockingFunction& b) {
            return a.selfUs != b.selfUs ? a.selfUs > b.selfUs : a.function < b.function;
        });
        if (tops.size() > topN)
            tops.resize(topN);
        s.topFunctions = std::move(tops);
    }
}

} // namespace v8scope
