// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapreport.h"

#include <report/format.h>
#include <report/jsonout.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fmt/format.h>

namespace {
/// The process' peak resident set so far (VmHWM), in bytes; 0 where /proc is not available.
uint64_t peakRssBytes()
{
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    uint64_t kb = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %" SCNu64 " kB", &kb) == 1)
            break;
    std::fclose(f);
    return kb * 1024;
}
} // namespace

namespace v8scope::cli {

void printInfo(const LoadedHeap& loaded, Format format)
{
    const HeapAnalysis& a = *loaded.analysis;
    const HeapSnapshot& s = *a.snapshot;
    const HeapAnalysis::Statistics st = a.statistics();
    std::string fields;
    for (const auto& f : s.nodeFields)
        fields += (fields.empty() ? "" : ",") + f;
    const std::string formatText = fmt::format(
        "V8 heap snapshot: {} node fields ({}), {} node types, {} location fields{}", s.nodeFields.size(), fields,
        s.nodeTypeNames.size(), s.locationFields.size(), s.traceFunctionCount ? ", allocation tracking" : "");
    struct Row
    {
        std::string key;
        std::string text;
        uint64_t number;
        bool isNumber;
    };
    std::vector<Row> rows {
        { "file", s.sourceName, 0, false },
        { "format", formatText, 0, false },
        { "text_bytes", "", s.sourceBytes, true },
        { "nodes", "", s.nodeCount, true },
        { "edges", "", s.edgeCount, true },
        { "strings", "", s.strings.size(), true },
        { "locations", "", s.locations.size(), true },
        { "total_size", "", a.totalSize(), true },
        { "root_retained_size", "", a.retainedSize[a.root()], true },
        { "extra_native_bytes", "", s.extraNativeBytes, true },
        { "stat_v8_heap", "", st.v8Total, true },
        { "stat_code", "", st.code, true },
        { "stat_strings", "", st.strings, true },
        { "stat_js_arrays", "", st.jsArrays, true },
        { "stat_typed_arrays", "", st.typedArrays, true },
        { "stat_system", "", st.system, true },
        { "stat_native", "", st.nativeTotal, true },
        { "unreachable_nodes", "", a.unreachableFromRoot, true },
        { "parse_ms", fmt::format("{:.1f}", loaded.parseMs), 0, false },
        { "analyze_ms", fmt::format("{:.1f}", loaded.analyzeMs), 0, false },
        { "cache", loaded.cache.lookup + (loaded.cache.store.empty() ? "" : ", " + loaded.cache.store), 0, false },
        { "peak_rss_bytes", "", peakRssBytes(), true },
    };
    if (format == Format::Json) {
        JsonOut j;
        j.w().StartObject();
        for (const Row& r : rows) {
            j.key(r.key);
            if (r.isNumber)
                j.w().Uint64(r.number);
            else if (r.key.ends_with("_ms"))
                j.w().Double(std::round(std::stod(r.text) * 10) / 10);
            else
                j.str(r.text);
        }
        j.w().EndObject();
        j.print();
        return;
    }
    const bool human = format == Format::Text;
    Table t({ { "key" }, { "value" } });
    for (const Row& r : rows) {
        std::string v = r.isNumber ? std::to_string(r.number) : r.text;
        if (human && r.isNumber && (r.key.find("size") != std::string::npos || r.key.starts_with("stat_")))
            v = fmt::format("{} ({})", humanSize(double(r.number)), r.number);
        t.addRow({ r.key, v });
    }
    t.print(stdout, format);
}

} // namespace v8scope::cli
