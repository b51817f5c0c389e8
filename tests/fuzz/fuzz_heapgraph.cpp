// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// libFuzzer target: the analysis on structurally valid but semantically hostile graphs built straight from the fuzz
// bytes (no JSON): edges into the root, self loops, weak-only retainers, duplicate ids, sizes of 2^32-1, DOM states,
// roots at either end, names that trigger DevTools' special cases. Whatever the graph, analyze() must finish with
// consistent numbers.
#include "fuzzreports.h"
#include "hostilegraph.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>

namespace {

/// Names that steer DevTools' special cases: GC roots, DOM trees, Window objects, detached DOM, system classes.
const char* const kNames[] = { "", "(GC roots)", "(Document DOM trees)", "Window", "Window / https://a",
    "Detached <div>", "<div>", "HTMLDivElement", "system / Context", "system / Map", "Object", "Array", "WeakMap",
    "(Internalized strings)", "(Strong roots)", "a", "b", "length", "__proto__", "map", "table", "constructor",
    "Map / b", "(system)", "native_bind", "Node / Leak", "{a, b}", "Function", "global",
    "part of key (WeakMap) -> value", "(object properties)", "Generator" };
constexpr uint32_t kNameCount = sizeof(kNames) / sizeof(kNames[0]);

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace v8scope;
    FuzzedDataProvider in(data, size);
    auto snap = testutil::emptyV8Snapshot();
    HeapSnapshot& s = *snap;
    for (uint32_t i = 0; i < kNameCount; ++i)
        s.strings.add(kNames[i]);
    const uint32_t nodeCount = in.ConsumeIntegralInRange<uint32_t>(1, 300);
    const bool rootLast = in.ConsumeBool();
    const uint8_t mode = in.ConsumeIntegral<uint8_t>(); // bit 0: all edges weak; bit 1: sizes 2^32-1
    const int typeCount = int(s.nodeTypeNames.size());
    uint64_t sizeSum = 0;
    for (uint32_t i = 0; i < nodeCount; ++i) {
        const bool isRoot = rootLast ? i == nodeCount - 1 : i == 0;
        const int type = isRoot ? s.nodeTypes.synthetic : in.ConsumeIntegralInRange<int>(0, typeCount - 1);
        const uint32_t name = in.ConsumeIntegralInRange<uint32_t>(0, kNameCount - 1);
        const uint32_t id = in.ConsumeBool() ? in.ConsumeIntegral<uint32_t>() : 2 * i + 1; // duplicates allowed
        uint64_t self = (mode & 2) ? 0xFFFFFFFFull : in.ConsumeIntegralInRange<uint64_t>(0, 1 << 20);
        if (sizeSum + self > (uint64_t(1) << 53))
            self = 0; // the reader rejects larger sums
        sizeSum += self;
        testutil::addNode(s, type, name, id, self, in.ConsumeIntegralInRange<uint8_t>(0, 2));
        const uint32_t edges = in.ConsumeIntegralInRange<uint32_t>(0, 8);
        for (uint32_t k = 0; k < edges; ++k) {
            const int edgeType = (mode & 1) ? s.edgeTypes.weak : in.ConsumeIntegralInRange<int>(0, 6);
            const bool indexed = edgeType == s.edgeTypes.element || edgeType == s.edgeTypes.hidden;
            const uint32_t nameOrIndex
                = indexed ? in.ConsumeIntegral<uint32_t>() : in.ConsumeIntegralInRange<uint32_t>(0, kNameCount - 1);
            // Targets anywhere, the root and the node itself included.
            testutil::addEdge(s, edgeType, nameOrIndex, in.ConsumeIntegralInRange<uint32_t>(0, nodeCount - 1));
        }
    }
    s.rootOrdinal = rootLast ? nodeCount - 1 : 0;
    if (in.ConsumeBool())
        s.extraNativeBytes = in.ConsumeIntegralInRange<uint64_t>(0, uint64_t(1) << 40);
    const uint32_t locations = in.ConsumeIntegralInRange<uint32_t>(0, 4);
    for (uint32_t k = 0; k < locations; ++k)
        testutil::addLocation(s, in.ConsumeIntegralInRange<uint32_t>(0, nodeCount - 1), in.ConsumeIntegral<uint8_t>(),
            in.ConsumeIntegral<uint16_t>(), in.ConsumeIntegral<uint16_t>());
    testutil::finishSnapshot(s);
    auto analysis = HeapAnalysis::analyze(snap);
    if (!analysis)
        return 0;
    fuzzutil::runHeapReports(*analysis.value());
    return 0;
}
