// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapanalysis.h"

#include "heapsteps.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <initializer_list>
#include <latch>
#include <numeric>
#include <thread>

namespace v8scope {

namespace {
/// A one-shot signal between the two analysis threads: send() once (a second call does nothing), wait() for it.
class Signal
{
public:
    void send()
    {
        if (!m_sent.exchange(true))
            m_latch.count_down();
    }
    void wait()
    {
        m_latch.wait();
    }

private:
    std::latch m_latch { 1 };
    std::atomic<bool> m_sent { false };
};

/// Sends its signals when it goes out of scope: a thread that stops early (cancelled) never leaves the other one
/// waiting.
class SendOnExit
{
public:
    explicit SendOnExit(std::initializer_list<Signal*> signals)
        : m_signals(signals)
    {
    }
    ~SendOnExit()
    {
        for (Signal* s : m_signals)
            s->send();
    }

private:
    std::vector<Signal*> m_signals;
};

/// Records the analysis timeline (AnalysisTimings::steps) of one thread.
class StepClock
{
public:
    StepClock(std::chrono::steady_clock::time_point start, int thread)
        : m_start(start)
        , m_thread(thread)
        , m_last(now())
    {
    }
    /// Ends the step that began at the previous lap (or at construction) and returns its ms.
    double lap(const char* name)
    {
        const double end = now();
        m_steps.push_back({ name, m_thread, m_last, end });
        const double ms = end - m_last;
        m_last = end;
        return ms;
    }
    std::vector<AnalysisStep>& steps()
    {
        return m_steps;
    }

private:
    double now() const
    {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
    }
    std::chrono::steady_clock::time_point m_start;
    int m_thread;
    double m_last;
    std::vector<AnalysisStep> m_steps;
};
} // namespace

Result<std::shared_ptr<const HeapAnalysis>> HeapAnalysis::analyze(std::shared_ptr<const HeapSnapshot> snapshot,
    const TaskControl& control, std::vector<AnalysisStep>* timeline, bool sortMembers)
{
    using namespace heapsteps;
    auto a = std::make_shared<HeapAnalysis>();
    a->snapshot = std::move(snapshot);
    const HeapSnapshot& s = *a->snapshot;
    auto cancelled = [&] { return ParseError::general(s.sourceName, "cancelled"); };
    const auto start = std::chrono::steady_clock::now();
    AnalysisTimings& t = a->timings;
    constexpr uint64_t kSteps = 7;

    // Two threads, each a fixed chain of steps; a step waits (Signal) only for the results it reads.
    // This thread, the dominator tree's chain: DOM state, flags and essential edges, the retainers, then (with the
    // worker's DFS and shallow sizes) semidominators, dominators and retained sizes, the dominated-nodes tree, the
    // class retained sizes (with the worker's Summary keys), its share of the members' order, the rows' order.
    // The worker: shallow sizes, the Lengauer-Tarjan DFS (needs the essential edges: the retainers are built
    // meanwhile), distances, class names, the Summary's keys and members, its share of the members' order (needs
    // the retained sizes). DevTools runs distances and classes in another worker too. Only this thread reports
    // progress.
    control.report("Analyzing", 0, kSteps);
    a->hasUserRoots = heapsteps::hasUserRoots(s);
    // The file's self sizes are read by nothing but the shallow-size step, which rewrites them: when this analysis
    // holds the only reference to the snapshot (the loader's case), it takes the column over instead of copying it
    // (4 bytes a node less at the peak; the snapshot was created mutable, so the cast is allowed). Otherwise it
    // copies, and the caller's snapshot keeps its sizes.
    // Likewise the file's detachedness (read by nothing but propagateDomState) becomes the state column: its values
    // are the DOM state bits, the flags and the renamed bit are added in place. Otherwise propagateDomState copies it.
    if (a->snapshot.use_count() == 1) {
        a->selfSize = std::move(const_cast<HeapSnapshot&>(s).nodeSelfSize);
        if (s.nodeDetachedness.size() == s.nodeCount)
            a->state = std::move(const_cast<HeapSnapshot&>(s).nodeDetachedness);
    } else {
        a->selfSize = s.nodeSelfSize;
    }
    Signal domStateReady, essentialReady, retainedReady; // sent by this thread
    Signal shallowReady, dfsReady, keysReady, membersReady; // sent by the worker
    BitVector essential;
    LengauerTarjanPtr dfs; // written by the worker before dfsReady
    SummaryDraft summary; // written by the worker before keysReady; its members before membersReady
    std::unique_ptr<MemberSorter> sorter; // made by the worker before membersReady
    TaskControl workerControl;
    workerControl.cancel = control.cancel;
    StepClock workerClock(start, 1);
    std::thread worker([&] {
        SendOnExit onExit { &shallowReady, &dfsReady, &keysReady, &membersReady };
        StepClock& clock = workerClock;
        calculateShallowSizes(*a, workerControl);
        t.shallowMs = clock.lap("shallow sizes");
        shallowReady.send();
        essentialReady.wait();
        clock.lap("wait: essential edges");
        if (workerControl.cancelled())
            return;
        dfs = dominatorDfs(s, essential, workerControl);
        const double dfsMs = clock.lap("dominators: DFS");
        t.dominatorsMs += dfsMs;
        dfsReady.send();
        {
            WeakMapEdgeCache weakMaps(s); // the other thread's cache is in use for the essential edges
            calculateDistances(*a, weakMaps, workerControl);
        }
        t.distancesMs = clock.lap("distances");
        // The class names after the distances, not before the DFS (where the worker would otherwise wait for the
        // essential edges): there their column would add to the Lengauer-Tarjan arrays' peak (+21 MB at 1 GB).
        // Long sent by now: the class names read the renamed ("Detached ...") names. They also must not start before
        // calculateFlags is done (the renamed bit shares HeapAnalysis::state's byte with the flags it writes): the
        // DFS above waited for essentialReady, which comes after the flags.
        domStateReady.wait();
        if (workerControl.cancelled())
            return;
        a->classes = ClassNames::compute(*a, nullptr, &workerControl);
        t.classesMs = clock.lap("class names");
        if (workerControl.cancelled())
            return;
        summary = collectSummary(*a, a->classes);
        t.summaryKeysMs = clock.lap("summary: keys");
        keysReady.send();
        fillSummaryMembers(summary);
        if (sortMembers)
            sorter = std::make_unique<MemberSorter>(summary.rows);
        t.summaryKeysMs += clock.lap("summary: members");
        membersReady.send();
        if (!sortMembers)
            return;
        retainedReady.wait();
        clock.lap("wait: retained sizes");
        sorter->run(*a, workerControl.cancel);
        clock.lap("summary: members' order");
    });

    StepClock clock(start, 0);
    {
        SendOnExit onExit { &domStateReady, &essentialReady, &retainedReady };
        propagateDomState(*a, control);
        t.domStateMs = clock.lap("DOM state");
        domStateReady.send();
        calculateFlags(*a, control);
        {
            WeakMapEdgeCache weakMaps(s); // freed before the retainers and the Lengauer-Tarjan arrays
            essential = essentialEdges(*a, weakMaps, control);
        }
        t.flagsMs = clock.lap("flags + essential edges");
        essentialReady.send();
        control.report("Analyzing", 1, kSteps);
        if (!control.cancelled()) {
            a->retainers = buildRetainers(s, essential, control);
            t.retainersMs = clock.lap("retainers");
            control.report("Analyzing", 2, kSteps);
        }
        dfsReady.wait();
        shallowReady.wait();
        t.dominatorWaitMs = clock.lap("wait: DFS");
        std::vector<std::vector<uint32_t>> spare; // the DFS state's arrays, for the dominated tree
        // `essential` is read by the DFSes only: calculateDominators frees it after its orphan DFSes.
        if (!control.cancelled() && dfs && calculateDominators(*a, std::move(dfs), control, &spare, &essential)) {
            t.dominatorsMs += clock.lap("dominators + retained sizes");
            retainedReady.send();
            control.report("Analyzing", 3, kSteps);
            buildDominatedTree(*a, control, std::move(spare));
            t.dominatorsMs += clock.lap("dominated tree");
            control.report("Analyzing", 4, kSteps);
        }
    }
    dfs.reset(); // cancelled before calculateDominators took it
    keysReady.wait();
    t.dominatorWaitMs += clock.lap("wait: summary keys");
    const double finishStart = clock.steps().back().endMs;
    if (!control.cancelled()) {
        control.report("Analyzing", 5, kSteps);
        setClassRetainedSizes(*a, summary);
        clock.lap("summary: class retained sizes");
        membersReady.wait();
        clock.lap("wait: summary members");
        summary.keyOf.clear(); // read by both steps above only: freed before the sort's keys
        if (sorter) { // null when the worker stopped early (cancelled) or without sortMembers
            sorter->run(*a, control.cancel);
            clock.lap("summary: members' order");
        }
    }
    worker.join();
    clock.lap("wait: worker");
    summary.keyOf.clear();
    if (control.cancelled())
        return cancelled();
    control.report("Analyzing", 6, kSteps);
    a->summary = mergeSummaryRows(std::move(summary.rows), true);
    a->summaryMembersSorted = sortMembers;
    clock.lap("summary: rows' order");
    t.summaryFinishMs = clock.steps().back().endMs - finishStart;
    if (timeline) { // both threads in order of start
        *timeline = std::move(clock.steps());
        timeline->insert(timeline->end(), workerClock.steps().begin(), workerClock.steps().end());
        std::stable_sort(timeline->begin(), timeline->end(),
            [](const AnalysisStep& x, const AnalysisStep& y) { return x.startMs < y.startMs; });
    }
    if (control.cancelled())
        return cancelled();
    control.report("Analyzing", kSteps, kSteps);
    return std::shared_ptr<const HeapAnalysis>(std::move(a));
}

uint32_t Retainers::edge(const HeapSnapshot& s, uint32_t node, uint32_t slot) const
{
    const uint32_t from = retainerNode[slot];
    uint32_t rank = 0;
    for (uint32_t k = slot; k > firstRetainer[node] && retainerNode[k - 1] == from; --k)
        ++rank;
    for (uint32_t e = s.firstEdge[from]; e < s.firstEdge[from + 1]; ++e)
        if (s.edgeTarget[e] == node && rank-- == 0)
            return e;
    return kNoNode; // not reached for a slot of `node`
}

void Retainers::edges(const HeapSnapshot& s, uint32_t node, std::vector<uint32_t>& out) const
{
    out.clear();
    const uint32_t end = firstRetainer[node + 1];
    for (uint32_t k = firstRetainer[node]; k < end;) {
        const uint32_t from = retainerNode[k];
        for (uint32_t e = s.firstEdge[from]; e < s.firstEdge[from + 1] && k < end && retainerNode[k] == from; ++e)
            if (s.edgeTarget[e] == node) {
                out.push_back(e);
                ++k;
            }
        while (k < end && retainerNode[k] == from) { // only with inconsistent arrays
            out.push_back(kNoNode);
            ++k;
        }
    }
}

uint32_t HeapAnalysis::renamedName(uint32_t from) const
{
    const RenamedName* it = std::lower_bound(
        renames.begin(), renames.end(), from, [](const RenamedName& r, uint32_t v) { return r.from < v; });
    return it != renames.end() && it->from == from ? it->to : from;
}

uint32_t HeapAnalysis::rowInParent(uint32_t node) const
{
    if (node == root())
        return 0;
    const uint32_t parent = dominator[node];
    const auto first = dominated.begin() + firstDominated[parent];
    const auto last = dominated.begin() + firstDominated[parent + 1];
    const uint64_t size = retainedSize[node];
    const uint32_t id = snapshot->nodeId[node];
    // The children's order: retained size descending, then id ascending (a total order: ids are unique).
    const auto it = std::lower_bound(first, last, node, [&](uint32_t child, uint32_t) {
        const uint64_t c = retainedSize[child];
        return c != size ? c > size : snapshot->nodeId[child] < id;
    });
    return uint32_t(it - first);
}

uint32_t HeapAnalysis::nodeForId(uint32_t id) const
{
    const HeapSnapshot& s = *snapshot;
    // The first few lookups scan the ids (one pass; a command reading the analysis cache answers `--id` without
    // sorting millions of ids); later ones build the index sorted by id once. Both give the first ordinal with the id.
    constexpr uint32_t kScanLookups = 4;
    if (m_idLookups.fetch_add(1, std::memory_order_relaxed) < kScanLookups)
        return s.findNodeById(id);
    std::call_once(m_idOrderOnce, [&] {
        m_idOrder.resize(s.nodeCount);
        std::iota(m_idOrder.begin(), m_idOrder.end(), 0u);
        std::stable_sort(
            m_idOrder.begin(), m_idOrder.end(), [&](uint32_t x, uint32_t y) { return s.nodeId[x] < s.nodeId[y]; });
    });
    auto it = std::lower_bound(
        m_idOrder.begin(), m_idOrder.end(), id, [&](uint32_t ord, uint32_t value) { return s.nodeId[ord] < value; });
    if (it == m_idOrder.end() || s.nodeId[*it] != id)
        return kNoNode;
    return *it;
}

std::string HeapAnalysis::displayName(uint32_t node) const
{
    const HeapSnapshot& s = *snapshot;
    const NodeTypeIds& t = s.nodeTypes;
    const int type = s.nodeType[node];
    if (type == t.consString) {
        // Flatten through "first"/"second" internal edges, up to 1024 characters (DevTools consStringName). A cycle
        // of cons strings with empty parts would never reach 1024 characters (DevTools hangs on it), so the walk
        // also stops after kMaxConsSteps nodes: far more than any real cons tree needs for 1024 characters.
        constexpr uint32_t kMaxConsSteps = 100000;
        std::string out;
        std::vector<uint32_t> stack { node };
        uint32_t steps = 0;
        while (!stack.empty() && utf16Length(out) < 1024 && steps++ < kMaxConsSteps) {
            const uint32_t n = stack.back();
            stack.pop_back();
            if (s.nodeType[n] != t.consString) {
                out += name(n);
                continue;
            }
            uint32_t first = 0, second = 0;
            for (uint32_t e = s.firstEdge[n]; e < s.firstEdge[n + 1] && (!first || !second); ++e) {
                if (s.edgeType[e] != s.edgeTypes.internal)
                    continue;
                const std::string_view en = s.strings.get(s.edgeNameOrIndex[e]);
                if (en == "first")
                    first = s.edgeTarget[e];
                else if (en == "second")
                    second = s.edgeTarget[e];
            }
            stack.push_back(second);
            stack.push_back(first);
        }
        return out;
    }
    if (type == t.object && s.nodeNameView(node) == "Object") {
        // "{a, b, …, y, z}": properties alternately from the start and the end while it fits in ~100 characters.
        std::string start = "{", end = "}";
        size_t startLen = 1, endLen = 1;
        int64_t from = s.firstEdge[node], to = int64_t(s.firstEdge[node + 1]) - 1;
        bool fromEnd = false;
        while (from <= to) {
            const uint32_t e = uint32_t(fromEnd ? to : from);
            if (s.edgeType[e] != s.edgeTypes.property || s.strings.get(s.edgeNameOrIndex[e]) == "__proto__") {
                if (fromEnd)
                    --to;
                else
                    ++from;
                continue;
            }
            const std::string formatted = formatPropertyName(s.strings.get(s.edgeNameOrIndex[e]));
            const size_t fLen = utf16Length(formatted);
            if (startLen > 1 && startLen + endLen + fLen > 100)
                break;
            if (fromEnd) {
                --to;
                if (endLen > 1) {
                    end = ", " + end;
                    endLen += 2;
                }
                end = formatted + end;
                endLen += fLen;
            } else {
                ++from;
                if (startLen > 1) {
                    start += ", ";
                    startLen += 2;
                }
                start += formatted;
                startLen += fLen;
            }
            fromEnd = !fromEnd;
        }
        if (from <= to)
            start += ", \u2026";
        if (endLen > 1)
            start += ", ";
        return start + end;
    }
    return std::string(name(node));
}

HeapAnalysis::Statistics HeapAnalysis::statistics() const
{
    const HeapSnapshot& s = *snapshot;
    const NodeTypeIds& t = s.nodeTypes;
    Statistics st;
    st.nativeTotal = s.extraNativeBytes;
    const uint32_t elementsName = s.strings.find("elements");
    for (uint32_t i = 0; i < s.nodeCount; ++i) {
        const int type = s.nodeType[i];
        const uint64_t size = selfSize[i];
        if (type == t.hidden) {
            st.system += size;
        } else if (type == t.native) {
            st.nativeTotal += size;
            if (name(i) == "system / JSArrayBufferData")
                st.typedArrays += size;
        } else if (type == t.code) {
            st.code += size;
        } else if (type == t.consString || type == t.slicedString || type == t.string) {
            st.strings += size;
        } else if (name(i) == "Array") {
            uint64_t arraySize = size;
            for (uint32_t e = s.firstEdge[i]; e < s.firstEdge[i + 1]; ++e) {
                if (s.edgeType[e] != s.edgeTypes.internal || s.edgeNameOrIndex[e] != elementsName)
                    continue;
                const uint32_t elements = s.edgeTarget[e];
                if (retainers.firstRetainer[elements + 1] - retainers.firstRetainer[elements] == 1)
                    arraySize += selfSize[elements];
                break;
            }
            st.jsArrays += arraySize;
        }
    }
    st.total = totalSize();
    st.v8Total = st.total - st.nativeTotal;
    return st;
}

} // namespace v8scope
