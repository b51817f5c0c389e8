// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "snapshotreader.h"

#include "snapshothandler.h"

#include <rapidjson/error/en.h>

namespace v8scope {

namespace snapshotreader {

Result<std::shared_ptr<const HeapSnapshot>> SnapshotHandler::finish()
{
    HeapSnapshot& s = *m_snap;
    const uint64_t end = m_in.Tell();
    const std::string& name = m_in.name();
    if (!m_haveHeader)
        return ParseError::at(name, end, "missing the \"snapshot\" header object");
    auto need = [&](Section sec, const char* key) -> std::optional<ParseError> {
        if (!(m_seenSections & (1u << unsigned(sec))))
            return ParseError::at(name, end, std::string("missing the \"") + key + "\" section");
        return std::nullopt;
    };
    for (auto [sec, key] : { std::pair { Section::Nodes, "nodes" }, std::pair { Section::Edges, "edges" },
             std::pair { Section::Strings, "strings" } })
        if (auto e = need(sec, key))
            return *e;
    const uint64_t nodesEnd = m_sectionEnd[size_t(Section::Nodes)];
    const uint64_t edgesEnd = m_sectionEnd[size_t(Section::Edges)];
    if (m_nodeOrdinal != s.nodeCount || m_nodeField != 0)
        return ParseError::at(name, nodesEnd,
            "node_count is " + std::to_string(s.nodeCount) + " but \"nodes\" holds " + std::to_string(m_nodeOrdinal)
                + " nodes" + (m_nodeField ? " and a partial one" : ""));
    if (m_edgeOrdinal != s.edgeCount || m_edgeField != 0)
        return ParseError::at(name, edgesEnd,
            "edge_count is " + std::to_string(s.edgeCount) + " but \"edges\" holds " + std::to_string(m_edgeOrdinal)
                + " edges" + (m_edgeField ? " and a partial one" : ""));
    if (m_edgeSum != s.edgeCount)
        return ParseError::at(name, nodesEnd,
            "the nodes' edge_count fields add up to " + std::to_string(m_edgeSum) + ", not edge_count "
                + std::to_string(s.edgeCount));
    if (s.strings.size() == 0)
        return ParseError::at(name, m_sectionEnd[size_t(Section::Strings)], "\"strings\" is empty");
    if (m_maxNodeName >= s.strings.size())
        return ParseError::at(name, m_maxNodeNameEnd - decimalDigits(m_maxNodeName),
            "node name " + std::to_string(m_maxNodeName) + " is past the end of \"strings\" ("
                + std::to_string(s.strings.size()) + " strings)");
    if (s.edgeCount && m_maxEdgeName >= s.strings.size())
        return ParseError::at(name, m_maxEdgeNameEnd - decimalDigits(m_maxEdgeName),
            "edge name " + std::to_string(m_maxEdgeName) + " is past the end of \"strings\" ("
                + std::to_string(s.strings.size()) + " strings)");
    s.sourceBytes = end;
    s.sortLocations();
    // A table the reader reserved for is left as it is when at most a third of it is unused: pages never written
    // cost no memory, and shrinking copies the whole arena.
    if (s.strings.unusedBytes() > s.strings.byteSize() / 2)
        s.strings.shrinkToFit();
    return std::shared_ptr<const HeapSnapshot>(m_snap);
}

} // namespace snapshotreader

using snapshotreader::SnapshotHandler;

Result<std::shared_ptr<const HeapSnapshot>> SnapshotReader::read(InputStream& in)
{
    if (auto bad = in.checkEncoding())
        return *bad;
    SnapshotHandler handler(in);
    rapidjson::Reader reader;
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseStopWhenDoneFlag;
    const rapidjson::ParseResult ok = reader.Parse<kFlags>(in, handler);
    if (in.error())
        return *in.error();
    if (handler.m_error)
        return *handler.m_error;
    if (!ok) {
        const uint64_t offset = ok.Offset();
        if (ok.Code() == rapidjson::kParseErrorDocumentEmpty)
            return ParseError::at(in.name(), offset, "empty input, expected a JSON heap snapshot");
        std::string msg = rapidjson::GetParseError_En(ok.Code());
        if (!msg.empty() && msg.back() == '.')
            msg.pop_back();
        // RapidJSON 1.1 reports a raw control character as an invalid escape and a NUL byte as a missing quote;
        // the byte at the offset tells them apart.
        const std::optional<char> c = in.recentByte(offset);
        if (c && ok.Code() == rapidjson::kParseErrorStringEscapeInvalid && (unsigned char)*c < 0x20)
            msg = std::string("unescaped control character 0x") + "0123456789abcdef"[(*c >> 4) & 15]
                + "0123456789abcdef"[*c & 15] + " in string";
        else if (c && ok.Code() == rapidjson::kParseErrorStringMissQuotationMark && *c == '\0')
            msg = "NUL byte in string";
        else if (c && *c == '\\' && ok.Code() == rapidjson::kParseErrorStringEscapeInvalid) {
            const std::optional<char> e = in.recentByte(offset + 1);
            if (e && (unsigned char)*e > 0x20 && (unsigned char)*e < 0x7f)
                msg = std::string("invalid escape \\") + *e + " in string";
        }
        if (in.atEnd())
            msg = "unexpected end of input (truncated file?): " + msg;
        return ParseError::at(in.name(), offset, "invalid JSON: " + msg);
    }
    in.Peek();
    while (in.Peek() == ' ' || in.Peek() == '\n' || in.Peek() == '\r' || in.Peek() == '\t')
        in.Take();
    if (!in.atEnd() && !in.error())
        return ParseError::at(in.name(), in.Tell(), "unexpected data after the end of the snapshot object");
    return handler.finish();
}

Result<std::shared_ptr<const HeapSnapshot>> SnapshotReader::read(const std::string& path, const InputOptions& options)
{
    auto opened = InputStream::open(path, options);
    if (!opened)
        return opened.error();
    return read(*opened.value());
}

} // namespace v8scope
