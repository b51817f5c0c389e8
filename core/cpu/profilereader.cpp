// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "profilereader.h"

#include "rawprofile.h"
#include "traceprofiles.h"

#include <common/bigblocks.h>
#include <common/filekind.h>

#include <cstdlib>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <cmath>
#include <optional>

namespace v8scope {

namespace {

/// What the container being read is.
enum class Ctx : uint8_t
{
    Skip,
    TopObject,
    TraceArray,
    Event,
    Args,
    Data,
    CpuProfileObj,
    Nodes,
    Node,
    CallFrame,
    Children,
    Samples,
    HeapSample,
    Deltas,
    Timestamps,
    BeginData,
    TraceIds,
    Frames,
    FrameObj,
};

enum class JKey : uint8_t
{
    Other,
    Nodes,
    Head,
    Samples,
    TimeDeltas,
    Timestamps,
    StartTime,
    EndTime,
    TraceEvents,
    Profile,
    Id,
    CallFrame,
    FunctionName,
    ScriptId,
    Url,
    LineNumber,
    ColumnNumber,
    HitCount,
    Children,
    Parent,
    SelfSize,
    Name,
    Pid,
    Tid,
    Ts,
    Args,
    Data,
    CpuProfile,
    Source,
    Ph,
    Cat,
    Dur,
    SampleTraceId,
    BeginData,
    TraceIds,
    Frames,
    ProcessId,
};

JKey keyOf(std::string_view k)
{
    struct Entry
    {
        std::string_view name;
        JKey key;
    };
    static constexpr Entry kKeys[] = { { "nodes", JKey::Nodes }, { "head", JKey::Head }, { "samples", JKey::Samples },
        { "timeDeltas", JKey::TimeDeltas }, { "timestamps", JKey::Timestamps }, { "startTime", JKey::StartTime },
        { "endTime", JKey::EndTime }, { "traceEvents", JKey::TraceEvents }, { "profile", JKey::Profile },
        { "id", JKey::Id }, { "callFrame", JKey::CallFrame }, { "functionName", JKey::FunctionName },
        { "scriptId", JKey::ScriptId }, { "url", JKey::Url }, { "lineNumber", JKey::LineNumber },
        { "columnNumber", JKey::ColumnNumber }, { "hitCount", JKey::HitCount }, { "children", JKey::Children },
        { "parent", JKey::Parent }, { "selfSize", JKey::SelfSize }, { "name", JKey::Name }, { "pid", JKey::Pid },
        { "tid", JKey::Tid }, { "ts", JKey::Ts }, { "args", JKey::Args }, { "data", JKey::Data },
        { "cpuProfile", JKey::CpuProfile }, { "source", JKey::Source }, { "ph", JKey::Ph }, { "cat", JKey::Cat },
        { "dur", JKey::Dur }, { "sampleTraceId", JKey::SampleTraceId }, { "beginData", JKey::BeginData },
        { "trace_ids", JKey::TraceIds }, { "frames", JKey::Frames }, { "processId", JKey::ProcessId } };
    for (const auto& e : kKeys)
        if (e.name == k)
            return e.key;
    return JKey::Other;
}

struct Frame
{
    Ctx ctx;
    JKey key = JKey::Other; ///< the current key, for objects
    uint32_t slot = UINT32_MAX; ///< the node being read (Node, CallFrame, Children)
};

/// A JSON number seen by the SAX reader, kept exact when it is an integer.
struct Number
{
    bool isInt;
    int64_t i;
    double d;
};

class ProfileHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, ProfileHandler>
{
public:
    explicit ProfileHandler(InputStream& in)
        : m_in(in)
    {
    }

    std::optional<ParseError> m_error;
    RawProfile m_main;
    TraceProfiles m_trace;
    bool m_isTrace = false;

    bool Null()
    {
        return scalarOther("null");
    }
    bool Bool(bool)
    {
        return scalarOther("a boolean");
    }
    bool Int(int i)
    {
        return number({ true, i, double(i) });
    }
    bool Uint(unsigned u)
    {
        return number({ true, int64_t(u), double(u) });
    }
    bool Int64(int64_t i)
    {
        return number({ true, i, double(i) });
    }
    bool Uint64(uint64_t u)
    {
        if (u > uint64_t(INT64_MAX))
            return number({ false, 0, double(u) });
        return number({ true, int64_t(u), double(u) });
    }
    bool Double(double d)
    {
        return number({ false, 0, d });
    }
    bool RawNumber(const char*, rapidjson::SizeType, bool)
    {
        return true;
    }
    bool String(const char* s, rapidjson::SizeType len, bool)
    {
        return string(std::string_view(s, len));
    }
    bool Key(const char* s, rapidjson::SizeType len, bool)
    {
        Frame& f = m_stack.back();
        f.key = f.ctx == Ctx::Skip ? JKey::Other : keyOf(std::string_view(s, len));
        if (f.ctx == Ctx::TraceIds)
            m_traceIdKey.assign(s, len);
        return true;
    }
    bool StartObject()
    {
        return start(true);
    }
    bool StartArray()
    {
        return start(false);
    }
    bool EndObject(rapidjson::SizeType)
    {
        const Frame f = m_stack.back();
        m_stack.pop_back();
        if (f.ctx == Ctx::Node)
            return endNode(f.slot);
        if (f.ctx == Ctx::Event)
            return m_trace.endEvent(m_in.name(), m_in.Tell(), m_error);
        return true;
    }
    bool EndArray(rapidjson::SizeType)
    {
        const Frame f = m_stack.back();
        m_stack.pop_back();
        if (f.ctx == Ctx::Children) {
            RawNode& n = target().nodes[f.slot];
            n.childEnd = uint32_t(target().childIds.size());
        }
        return true;
    }

private:
    RawProfile& target()
    {
        return m_isTrace ? m_trace.eventProfile() : m_main;
    }

    bool fail(std::string message)
    {
        return failAt(m_in.Tell(), std::move(message));
    }
    bool failAt(uint64_t offset, std::string message)
    {
        if (!m_error)
            m_error = ParseError::at(m_in.name(), offset, std::move(message));
        return false;
    }
    /// A structural key of the top-level object given a scalar instead of its array or object.
    bool topLevelScalar(JKey k, const char* what)
    {
        if (k == JKey::Nodes || k == JKey::Samples || k == JKey::TimeDeltas || k == JKey::TraceEvents
            || k == JKey::Head)
            return fail(std::string("expected ") + (k == JKey::Head ? "an object" : "an array")
                + " for this key, found " + what);
        return true;
    }

    /// The context of a container opened as the value of `key` inside a container of context `parent`.
    Ctx childContext(const Frame& parent, bool object, std::string& error)
    {
        const JKey k = parent.key;
        switch (parent.ctx) {
        case Ctx::TopObject:
            if (k == JKey::Nodes)
                return object ? (error = "expected an array for \"nodes\", found an object", Ctx::Skip) : Ctx::Nodes;
            if (k == JKey::Head)
                return object ? Ctx::Node : (error = "expected an object for \"head\", found an array", Ctx::Skip);
            if (k == JKey::Samples)
                return object ? (error = "expected an array for \"samples\", found an object", Ctx::Skip)
                              : Ctx::Samples;
            if (k == JKey::TimeDeltas)
                return object ? (error = "expected an array for \"timeDeltas\", found an object", Ctx::Skip)
                              : Ctx::Deltas;
            if (k == JKey::Timestamps)
                return object ? Ctx::Skip : Ctx::Timestamps;
            if (k == JKey::TraceEvents) {
                if (object)
                    return error = "expected an array for \"traceEvents\", found an object", Ctx::Skip;
                m_isTrace = true;
                return Ctx::TraceArray;
            }
            if (k == JKey::Profile && object)
                return Ctx::TopObject;
            return Ctx::Skip;
        case Ctx::TraceArray:
            return object ? (m_trace.startEvent(m_in.Tell()), Ctx::Event) : Ctx::Skip;
        case Ctx::Event:
            return k == JKey::Args && object ? Ctx::Args : Ctx::Skip;
        case Ctx::Args:
            if (k == JKey::BeginData) {
                m_trace.sawBeginData();
                return object ? Ctx::BeginData : Ctx::Skip;
            }
            return k == JKey::Data && object ? Ctx::Data : Ctx::Skip;
        case Ctx::Data:
            if (k == JKey::CpuProfile && object)
                return Ctx::CpuProfileObj;
            if (k == JKey::Frames && !object)
                return Ctx::Frames;
            if (k == JKey::TimeDeltas && !object)
                return Ctx::Deltas;
            return Ctx::Skip;
        case Ctx::CpuProfileObj:
            if (object)
                return k == JKey::TraceIds ? Ctx::TraceIds : Ctx::Skip;
            if (k == JKey::Nodes)
                return Ctx::Nodes;
            if (k == JKey::Samples)
                return Ctx::Samples;
            if (k == JKey::TimeDeltas)
                return Ctx::Deltas;
            return Ctx::Skip;
        case Ctx::Frames:
            return object ? Ctx::FrameObj : Ctx::Skip;
        case Ctx::Nodes:
            return object ? Ctx::Node : (error = "expected a node object inside \"nodes\", found an array", Ctx::Skip);
        case Ctx::Node:
            if (k == JKey::CallFrame)
                return object ? Ctx::CallFrame
                              : (error = "expected an object for \"callFrame\", found an array", Ctx::Skip);
            if (k == JKey::Children)
                return object ? (error = "expected an array for \"children\", found an object", Ctx::Skip)
                              : Ctx::Children;
            return Ctx::Skip;
        case Ctx::Children:
            return object ? Ctx::Node : (error = "expected a node id or object inside \"children\"", Ctx::Skip);
        case Ctx::Samples:
            return object ? Ctx::HeapSample
                          : (error = "expected a node id inside \"samples\", found an array", Ctx::Skip);
        case Ctx::Deltas:
        case Ctx::Timestamps:
            return error = "expected a number, found " + std::string(object ? "an object" : "an array"), Ctx::Skip;
        default:
            return Ctx::Skip;
        }
    }

    /// The iterative reader calls StartObject/StartArray before it consumes the bracket: Tell() is the bracket.
    bool start(bool object)
    {
        if (m_stack.empty()) {
            if (object) {
                m_stack.push_back({ Ctx::TopObject });
            } else {
                m_isTrace = true;
                m_stack.push_back({ Ctx::TraceArray });
            }
            return true;
        }
        const Frame& parent = m_stack.back();
        std::string error;
        const Ctx ctx = childContext(parent, object, error);
        if (!error.empty())
            return failAt(m_in.Tell(), error);
        Frame f { ctx };
        if (ctx == Ctx::Node) {
            RawProfile& p = target();
            f.slot = uint32_t(p.nodes.size());
            RawNode node;
            node.offset = m_in.Tell();
            if (parent.ctx == Ctx::Children) {
                node.parentSlot = parent.slot;
                p.nodes[parent.slot].hasChildren = false; // nested children are linked through parentSlot
            }
            if (parent.ctx == Ctx::TopObject)
                p.hasHead = true;
            p.nodes.push_back(std::move(node));
        } else if (ctx == Ctx::CallFrame || ctx == Ctx::Children) {
            f.slot = parent.slot;
            if (ctx == Ctx::Children) {
                RawNode& n = target().nodes[f.slot];
                n.hasChildren = true;
                n.childBegin = n.childEnd = uint32_t(target().childIds.size());
            }
        } else if (ctx == Ctx::Samples) {
            target().samplesOffset = m_in.Tell();
        } else if (ctx == Ctx::Deltas) {
            target().deltasOffset = m_in.Tell();
            target().sawDeltas = true;
        } else if (ctx == Ctx::HeapSample) {
            ++target().heapSamples;
        }
        m_stack.push_back(f);
        return true;
    }

    bool endNode(uint32_t slot)
    {
        RawNode& n = target().nodes[slot];
        if (n.id == RawNode::kNoId) {
            m_error = ParseError::at(m_in.name(), n.offset, "expected an \"id\" in this profile node");
            return false;
        }
        return true;
    }

    bool scalarOther(const char* what)
    {
        if (m_stack.empty())
            return fail(std::string("expected a JSON object or array at the top level, found ") + what);
        const Frame& f = m_stack.back();
        switch (f.ctx) {
        case Ctx::Samples:
        case Ctx::Deltas:
        case Ctx::Timestamps:
        case Ctx::Children:
            return fail(std::string("expected a number, found ") + what);
        default:
            return true;
        }
    }

    static bool toInt(const Number& n, int64_t& out)
    {
        if (n.isInt) {
            out = n.i;
            return true;
        }
        if (std::isfinite(n.d) && std::floor(n.d) == n.d && std::fabs(n.d) < 9.0e18) {
            out = int64_t(n.d);
            return true;
        }
        return false;
    }

    bool intValue(const Number& n, int64_t& out, const char* what)
    {
        if (!toInt(n, out))
            return fail(std::string("expected an integer for ") + what + ", found " + std::to_string(n.d));
        return true;
    }

    bool number(const Number& n)
    {
        if (m_stack.empty())
            return fail("expected a JSON object or array at the top level");
        Frame& f = m_stack.back();
        RawProfile* p = nullptr;
        int64_t v = 0;
        switch (f.ctx) {
        case Ctx::TopObject:
        case Ctx::CpuProfileObj:
            p = &target();
            if (f.ctx == Ctx::TopObject && !topLevelScalar(f.key, "a number"))
                return false;
            if (f.key == JKey::StartTime) {
                p->startTime = n.d;
                p->hasStart = true;
            } else if (f.key == JKey::EndTime) {
                p->endTime = n.d;
                p->hasEnd = true;
            }
            return true;
        case Ctx::Data:
            if (f.key == JKey::StartTime)
                m_trace.setDataStart(n.d);
            else if (f.key == JKey::EndTime)
                m_trace.setDataEnd(n.d);
            else if (f.key == JKey::SampleTraceId && toInt(n, v))
                m_trace.setSampleTraceId(1, v);
            return true;
        case Ctx::Args:
        case Ctx::BeginData:
            if (f.key == JKey::SampleTraceId && toInt(n, v))
                m_trace.setSampleTraceId(f.ctx == Ctx::Args ? 0 : 2, v);
            return true;
        case Ctx::FrameObj:
            if (f.key == JKey::ProcessId && toInt(n, v))
                m_trace.addFrameProcess(v);
            return true;
        case Ctx::TraceIds: {
            char* end = nullptr;
            const long long traceId = std::strtoll(m_traceIdKey.c_str(), &end, 10);
            if (end != m_traceIdKey.c_str() && *end == '\0' && toInt(n, v))
                m_trace.addTraceId(traceId, v);
            return true;
        }
        case Ctx::Event:
            if (f.key == JKey::Pid || f.key == JKey::Tid) {
                if (!intValue(n, v, f.key == JKey::Pid ? "\"pid\"" : "\"tid\""))
                    return false;
                f.key == JKey::Pid ? m_trace.setPid(v) : m_trace.setTid(v);
            } else if (f.key == JKey::Ts) {
                m_trace.setTs(n.d);
            } else if (f.key == JKey::Dur) {
                m_trace.setDur(n.d);
            } else if (f.key == JKey::Id) {
                m_trace.setId(n.isInt ? std::to_string(n.i) : std::to_string(n.d));
            }
            return true;
        case Ctx::Node:
            return nodeNumber(f, n);
        case Ctx::CallFrame:
            return callFrameNumber(f, n);
        case Ctx::Children:
            if (!intValue(n, v, "a child node id"))
                return false;
            target().childIds.push_back(v);
            return true;
        case Ctx::Samples:
            if (!intValue(n, v, "a sample's node id"))
                return false;
            target().samples.push_back(v);
            return true;
        case Ctx::Deltas:
            if (!intValue(n, v, "a time delta"))
                return false;
            target().timeDeltas.push_back(v);
            return true;
        case Ctx::Timestamps:
            target().timestamps.push_back(n.d);
            return true;
        case Ctx::TraceArray:
            return fail("expected a trace event object, found a number");
        default:
            return true;
        }
    }

    bool nodeNumber(const Frame& f, const Number& n)
    {
        RawNode& node = target().nodes[f.slot];
        int64_t v = 0;
        switch (f.key) {
        case JKey::Id:
            if (!intValue(n, v, "a node \"id\""))
                return false;
            node.id = v;
            return true;
        case JKey::Parent:
            if (!intValue(n, v, "a node \"parent\""))
                return false;
            node.parentId = v;
            return true;
        case JKey::HitCount:
            if (!intValue(n, v, "\"hitCount\"") || v < 0)
                return v < 0 ? fail("expected a non-negative \"hitCount\"") : false;
            node.hitCount = v;
            node.hasHitCount = true;
            return true;
        case JKey::SelfSize:
            if (!(n.d >= 0))
                return fail("expected a non-negative \"selfSize\"");
            node.selfSize = uint64_t(std::llround(n.d));
            node.hasSelfSize = true;
            return true;
        case JKey::ScriptId:
        case JKey::LineNumber:
        case JKey::ColumnNumber:
            node.flatFrame = true;
            return callFrameNumber(f, n);
        default:
            return true;
        }
    }

    bool callFrameNumber(const Frame& f, const Number& n)
    {
        RawNode& node = target().nodes[f.slot];
        int64_t v = 0;
        switch (f.key) {
        case JKey::ScriptId:
            node.fn.scriptId = n.isInt ? std::to_string(n.i) : std::to_string(n.d);
            return true;
        case JKey::LineNumber:
        case JKey::ColumnNumber:
            if (!intValue(n, v, f.key == JKey::LineNumber ? "\"lineNumber\"" : "\"columnNumber\""))
                return false;
            if (v < INT32_MIN || v > INT32_MAX)
                return fail("line or column number out of range");
            if (f.key == JKey::LineNumber) {
                node.fn.line = int32_t(v);
                node.hasLine = true;
            } else {
                node.fn.column = int32_t(v);
                node.hasColumn = true;
            }
            return true;
        default:
            return true;
        }
    }

    bool string(std::string_view s)
    {
        if (m_stack.empty())
            return fail("expected a JSON object or array at the top level, found a string");
        Frame& f = m_stack.back();
        // Where the string began (exact unless it had escapes).
        const uint64_t at = m_in.Tell() >= s.size() + 2 ? m_in.Tell() - s.size() - 2 : 0;
        switch (f.ctx) {
        case Ctx::TopObject:
            return topLevelScalar(f.key, "a string") || (m_error->offset = at, false);
        case Ctx::Node:
        case Ctx::CallFrame: {
            RawNode& node = target().nodes[f.slot];
            if (f.key == JKey::FunctionName || f.key == JKey::Url || f.key == JKey::ScriptId) {
                if (f.ctx == Ctx::Node)
                    node.flatFrame = true;
                (f.key == JKey::FunctionName ? node.fn.name
                        : f.key == JKey::Url ? node.fn.url
                                             : node.fn.scriptId)
                    = std::string(s);
            } else if (f.ctx == Ctx::Node && (f.key == JKey::Id || f.key == JKey::HitCount)) {
                return fail("expected a number for a node's \"" + std::string(f.key == JKey::Id ? "id" : "hitCount")
                    + "\", found a string");
            }
            return true;
        }
        case Ctx::Event:
            if (f.key == JKey::Name)
                m_trace.setName(s);
            else if (f.key == JKey::Id)
                m_trace.setId(std::string(s));
            else if (f.key == JKey::Ph)
                m_trace.setPhase(s);
            else if (f.key == JKey::Cat)
                m_trace.setCategory(s);
            return true;
        case Ctx::Data:
            if (f.key == JKey::Source)
                m_trace.setSource(s);
            return true;
        case Ctx::Samples:
        case Ctx::Deltas:
        case Ctx::Timestamps:
        case Ctx::Children:
            return failAt(at, "expected a number, found a string");
        case Ctx::TraceArray:
            return failAt(at, "expected a trace event object, found a string");
        default:
            return true;
        }
    }

    InputStream& m_in;
    std::vector<Frame> m_stack;
    std::string m_traceIdKey; ///< the current key inside cpuProfile.trace_ids
};

} // namespace

Result<ProfileReadResult> ProfileReader::read(const std::string& path, const ProfileReadOptions& options)
{
    // The sample arrays grow by doubling: each new one takes the freed one's pages (common/bigblocks.h).
    bigblocks::ReuseScope reuse;
    auto opened = InputStream::open(path, options.input);
    if (!opened)
        return opened.error();
    auto result = read(*opened.value(), options);
    if (!result) // a heap snapshot given to a cpu command: say so instead of the parser's byte offset
        return wrongKindError(path, FileKind::CpuProfile, result.error());
    return result;
}

Result<ProfileReadResult> ProfileReader::read(InputStream& in, const ProfileReadOptions& options)
{
    if (auto bad = in.checkEncoding())
        return *bad;
    ProfileHandler handler(in);
    rapidjson::Reader reader;
    // Iterative: RapidJSON's recursive descent would overflow the stack on deeply nested input.
    constexpr unsigned kFlags
        = rapidjson::kParseStopWhenDoneFlag | rapidjson::kParseNanAndInfFlag | rapidjson::kParseIterativeFlag;
    const rapidjson::ParseResult ok = reader.Parse<kFlags>(in, handler);
    if (in.error())
        return *in.error();
    if (handler.m_error)
        return *handler.m_error;
    if (!ok) {
        if (ok.Code() == rapidjson::kParseErrorDocumentEmpty)
            return ParseError::at(in.name(), ok.Offset(), "expected a CPU profile, found an empty file");
        return ParseError::at(in.name(), ok.Offset(), std::string("invalid JSON: ") + GetParseError_En(ok.Code()));
    }
    // Only whitespace may follow the document.
    while (in.Peek() == ' ' || in.Peek() == '\n' || in.Peek() == '\r' || in.Peek() == '\t')
        in.Take();
    if (in.Peek() != '\0')
        return ParseError::at(in.name(), in.Tell(), "expected the end of the input after the JSON document");

    ProfileReadResult result;
    RawProfile chosen;
    if (handler.m_isTrace) {
        auto picked = handler.m_trace.take(
            in.name(), in.Tell(), options.profile, result.available, result.chosenKey, result.ambiguous);
        if (!picked)
            return picked.error();
        chosen = std::move(picked.value());
    } else {
        chosen = std::move(handler.m_main);
        chosen.endOffset = in.Tell();
    }
    auto built = buildProfile(std::move(chosen), in.name());
    if (!built)
        return built.error();
    result.profile = built.value();
    if (!handler.m_isTrace) {
        ProfileListing l;
        l.key = "1:0x1";
        l.pid = 1;
        l.id = "0x1";
        l.nodes = result.profile->nodeCount();
        l.samples = result.profile->isHeap() ? result.profile->heapSampleCount : result.profile->sampleCount();
        result.chosenKey = l.key;
        result.available.push_back(l);
    }
    return result;
}

} // namespace v8scope
