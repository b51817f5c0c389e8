// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "infoview.h"

#include "format.h"
#include "jsonout.h"

#include <heap/heaploader.h>

#include <cmath>
#include <fmt/format.h>

namespace v8scope::report {

std::vector<InfoRow> heapInfoRows(const LoadedHeap& loaded, uint64_t peakRssBytes)
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
    auto number = [](const char* key, uint64_t n) { return InfoRow { key, "", n, true }; };
    auto text = [](const char* key, std::string t) { return InfoRow { key, std::move(t), 0, false }; };
    return {
        text("file", s.sourceName),
        text("format", formatText),
        number("text_bytes", s.sourceBytes),
        number("nodes", s.nodeCount),
        number("edges", s.edgeCount),
        number("strings", s.strings.size()),
        number("locations", s.locations.size()),
        number("total_size", a.totalSize()),
        number("root_retained_size", a.retainedSize[a.root()]),
        number("extra_native_bytes", s.extraNativeBytes),
        number("stat_v8_heap", st.v8Total),
        number("stat_code", st.code),
        number("stat_strings", st.strings),
        number("stat_js_arrays", st.jsArrays),
        number("stat_typed_arrays", st.typedArrays),
        number("stat_system", st.system),
        number("stat_native", st.nativeTotal),
        number("unreachable_nodes", a.unreachableFromRoot),
        text("parse_ms", fmt::format("{:.1f}", loaded.parseMs)),
        text("analyze_ms", fmt::format("{:.1f}", loaded.analyzeMs)),
        text("cache", loaded.cache.lookup + (loaded.cache.store.empty() ? "" : ", " + loaded.cache.store)),
        number("peak_rss_bytes", peakRssBytes),
    };
}

std::string heapInfoReport(const LoadedHeap& loaded, uint64_t peakRssBytes, Format format)
{
    const std::vector<InfoRow> rows = heapInfoRows(loaded, peakRssBytes);
    if (format == Format::Json) {
        JsonOut j;
        j.w().StartObject();
        for (const InfoRow& r : rows) {
            j.key(r.key);
            if (r.isNumber)
                j.w().Uint64(r.number);
            else if (r.key.ends_with("_ms"))
                j.w().Double(std::round(std::stod(r.text) * 10) / 10);
            else
                j.str(r.text);
        }
        j.w().EndObject();
        return j.text();
    }
    // Sizes read better with their unit in a terminal; TSV and Markdown keep the raw number.
    const bool human = format == Format::Text;
    Table t({ { "key", "key", Unit::Text, "What the value is (docs/heap.md)" }, { "value", "value", Unit::Text, "" } });
    t.name = "info";
    for (const InfoRow& r : rows) {
        std::string v = r.isNumber ? std::to_string(r.number) : r.text;
        if (human && r.isNumber && (r.key.find("size") != std::string::npos || r.key.starts_with("stat_")))
            v = fmt::format("{} ({})", humanSize(double(r.number)), r.number);
        t.addRow({ r.key, v });
    }
    return writeString(t, format);
}

} // namespace v8scope::report
