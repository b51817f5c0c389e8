// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "exporters.h"

#include <cmath>
#include <unordered_map>
#include <zlib.h>

namespace v8scope {

namespace {

/// Protocol buffers wire format, just what profile.proto needs: varints (wire type 0) and length-delimited
/// fields (wire type 2). Nested messages are built into their own buffer and appended with their length.
class ProtoWriter
{
public:
    void varint(uint64_t v)
    {
        while (v >= 0x80) {
            m_buf += char(uint8_t(v) | 0x80);
            v >>= 7;
        }
        m_buf += char(uint8_t(v));
    }
    void tag(uint32_t field, uint32_t wireType)
    {
        varint((uint64_t(field) << 3) | wireType);
    }
    /// int64/uint64 fields are plain varints (negative int64 values take 10 bytes).
    void intField(uint32_t field, int64_t v)
    {
        if (v == 0)
            return; // proto3 default, omitted
        tag(field, 0);
        varint(uint64_t(v));
    }
    void bytesField(uint32_t field, std::string_view bytes)
    {
        tag(field, 2);
        varint(bytes.size());
        m_buf.append(bytes);
    }
    void message(uint32_t field, const ProtoWriter& m)
    {
        bytesField(field, m.m_buf);
    }
    /// A packed repeated varint field.
    void packed(uint32_t field, const std::vector<uint64_t>& values)
    {
        ProtoWriter inner;
        for (uint64_t v : values)
            inner.varint(v);
        bytesField(field, inner.m_buf);
    }
    const std::string& data() const
    {
        return m_buf;
    }

private:
    std::string m_buf;
};

class StringTable
{
public:
    StringTable()
    {
        index(""); // string_table[0] must be ""
    }
    int64_t index(const std::string& s)
    {
        auto [it, inserted] = m_index.try_emplace(s, int64_t(m_strings.size()));
        if (inserted)
            m_strings.push_back(s);
        return it->second;
    }
    const std::vector<std::string>& strings() const
    {
        return m_strings;
    }

private:
    std::unordered_map<std::string, int64_t> m_index;
    std::vector<std::string> m_strings;
};

Result<std::string> gzip(const std::string& data, const std::string& file)
{
    z_stream z {};
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return ParseError::general(file, "cannot initialise gzip compression");
    std::string out;
    out.resize(deflateBound(&z, uLong(data.size())) + 32);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END)
        return ParseError::general(file, "gzip compression failed");
    return out;
}

} // namespace

Result<std::string> pprofGzip(const CpuProfile& p, const Timing& t)
{
    StringTable strings;
    ProtoWriter profile;
    auto valueType = [&](uint32_t field, const std::string& type, const std::string& unit) {
        ProtoWriter vt;
        vt.intField(1, strings.index(type));
        vt.intField(2, strings.index(unit));
        profile.message(field, vt);
    };
    const bool heap = p.isHeap();
    // Profile.sample_type = 1
    if (heap) {
        valueType(1, "space", "bytes");
    } else {
        valueType(1, "samples", "count");
        valueType(1, "cpu", "nanoseconds");
    }
    // Profile.sample = 2: one per weighted-tree node with self weight; location ids leaf first.
    const WeightedTree& w = t.tree;
    std::vector<uint64_t> locations;
    for (uint32_t x = 1; x < w.size(); ++x) {
        if (w.self[x] <= 0)
            continue;
        locations.clear();
        for (uint32_t a = x; a != 0 && a != UINT32_MAX; a = w.parent[a])
            locations.push_back(uint64_t(w.function[a]) + 1);
        ProtoWriter sample;
        sample.packed(1, locations);
        std::vector<uint64_t> values;
        if (heap) {
            values.push_back(uint64_t(w.self[x]));
        } else {
            const double ms = t.toMs(w.self[x]);
            values.push_back(t.unit == WeightUnit::Hits ? uint64_t(w.self[x]) : w.selfSamples[x]);
            values.push_back(uint64_t(std::llround(ms * 1e6)));
        }
        sample.packed(2, values);
        profile.message(2, sample);
    }
    // Profile.location = 4 and Profile.function = 5: one per profile function (id = index + 1).
    for (uint32_t f = 0; f < p.functions.size(); ++f) {
        const FunctionInfo& fi = p.functions[f];
        ProtoWriter line;
        line.intField(1, int64_t(f) + 1); // Line.function_id
        line.intField(2, fi.line + 1); // Line.line (1-based; 0 = unknown)
        line.intField(3, fi.column + 1); // Line.column
        ProtoWriter loc;
        loc.intField(1, int64_t(f) + 1); // Location.id
        loc.message(4, line); // Location.line
        profile.message(4, loc);
        ProtoWriter fn;
        fn.intField(1, int64_t(f) + 1); // Function.id
        fn.intField(2, strings.index(fi.displayName())); // Function.name
        fn.intField(3, strings.index(fi.name)); // Function.system_name
        fn.intField(4, strings.index(fi.url)); // Function.filename
        fn.intField(5, fi.line + 1); // Function.start_line
        profile.message(5, fn);
    }
    if (!heap) {
        profile.intField(10, int64_t(std::llround(t.toMs(t.duration) * 1e6))); // duration_nanos
        valueType(11, "cpu", "nanoseconds"); // period_type
        const int64_t interval
            = p.sampleCount() > 1 ? (p.timestamps.back() - p.timestamps.front()) / int64_t(p.sampleCount() - 1) : 0;
        profile.intField(12, interval * 1000); // period, ns
    }
    // Profile.string_table = 6, written last so that every string above is in it.
    for (const std::string& s : strings.strings())
        profile.bytesField(6, s);
    return gzip(profile.data(), p.sourceName);
}

} // namespace v8scope
