// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapanalysis.h"

#include "heapsteps.h"

#include <algorithm>
#include <chrono>
#include <latch>
#include <numeric>
#include <thread>

namespace v8scope {

namespace {
class Stopwatch
{
public:
    double lapMs()
    {
        const auto now = std::chrono::steady_clock::now();
        const double ms = std::chrono::duration<double, std::milli>(now - m_last).count();
        m_last = now;
        return ms;
    }

private:
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};
} // namespace

Result<std::shared_ptr<const HeapAnalysis>> HeapAnalysis::analyze(
    std::shared_ptr<const HeapSnapshot> snapshot, const TaskControl& control)
{
    using namespace heapsteps;
    auto a = std::make_shared<HeapAnalysis>();
    a->snapshot = std::move(snapshot);
    const HeapSnapshot& s = *a->snapshot;
    auto cancelled = [&] { return ParseError::general(s.sourceName, "cancelled"); };
    Stopwatch clock;
    constexpr uint64_t kSteps = 7;

    // Step order and threads. A second thread starts at once with the shallow sizes (they need only the forward
    // graph), then runs the dominator tree: its DFS waits for the essential edges, its semidominator pass for the
    // retainers, its retained sizes for the shallow sizes (already there by then). This thread meanwhile runs DOM
    // state, flags and essential edges, the retainers, distances, class names and the Summary's keys (which read
    // the shallow sizes: it waits for them first), the chain that needs nothing of the tree (DevTools runs
    // distances and classes in another worker too). Only this thread reports progress.
    control.report("Analyzing", 0, kSteps);
    a->hasUserRoots = heapsteps::hasUserRoots(s);
    std::latch shallowReady(1), essentialReady(1), retainersReady(1), shallowDone(0);
    BitVector essential;
    bool essentialOk = false; // written before essentialReady counts down
    TaskControl workerControl;
    workerControl.cancel = control.cancel;
    bool dominatorsDone = false;
    double dominatorsMs = 0, shallowMs = 0;
    std::thread worker([&] {
        Stopwatch watch;
        calculateShallowSizes(*a, workerControl);
        shallowMs = watch.lapMs();
        shallowReady.count_down();
        essentialReady.wait();
        if (!essentialOk)
            return;
        watch.lapMs();
        dominatorsDone = calculateDominators(*a, essential, retainersReady, shallowDone, workerControl);
        dominatorsMs = watch.lapMs();
    });
    propagateDomState(*a, control);
    a->timings.domStateMs = clock.lapMs();
    calculateFlags(*a, control);
    WeakMapEdgeCache weakMaps(s);
    essential = essentialEdges(*a, weakMaps, control);
    a->timings.flagsMs = clock.lapMs();
    control.report("Analyzing", 1, kSteps);
    essentialOk = !control.cancelled();
    essentialReady.count_down();
    if (!essentialOk) {
        worker.join();
        return cancelled();
    }

    a->retainers = buildRetainers(s, essential, control);
    retainersReady.count_down();
    a->timings.retainersMs = clock.lapMs();
    control.report("Analyzing", 2, kSteps);
    control.report("Analyzing", 3, kSteps);
    if (!control.cancelled()) {
        calculateDistances(*a, weakMaps, control);
        a->timings.distancesMs = clock.lapMs();
        control.report("Analyzing", 4, kSteps);
    }
    if (!control.cancelled()) {
        a->classes = ClassNames::compute(*a, nullptr, &control);
        a->timings.classesMs = clock.lapMs();
        control.report("Analyzing", 5, kSteps);
    }
    // The Summary's keys, counts and shallow sizes while the dominator tree may still be under way.
    SummaryDraft summary;
    shallowReady.wait();
    a->timings.shallowMs = shallowMs;
    if (!control.cancelled())
        summary = collectSummary(*a, a->classes);
    a->timings.summaryKeysMs = clock.lapMs();
    worker.join();
    a->timings.dominatorsMs = dominatorsMs;
    a->timings.dominatorWaitMs = clock.lapMs();
    if (!dominatorsDone || control.cancelled())
        return cancelled();
    control.report("Analyzing", 6, kSteps);
    a->summary = finishSummary(*a, std::move(summary), true, control.cancel);
    a->timings.summaryFinishMs = clock.lapMs();
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
