// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "classnames.h"

#include "heapanalysis.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

namespace v8scope {

namespace {
constexpr size_t kMinInterfacePropertyCount = 1;
constexpr size_t kMaxInterfaceNameLength = 120;
constexpr double kMinObjectCountPerInterface = 2;
constexpr double kMinObjectProportionPerInterface = 1000;

/// Decodes the code point starting at s[i] (tolerant of bad UTF-8: a stray byte is its own code point).
uint32_t decodeAt(std::string_view s, size_t i, size_t* len)
{
    const auto c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + size_t(n) > s.size())
        n = 1;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + size_t(k)]) & 0x3F);
    *len = size_t(n);
    return cp;
}

void appendUtf8(std::string& out, uint32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

/// JavaScript string order, usable with std::string_view keys for lookups without allocating.
struct Utf16Order
{
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const
    {
        return utf16Less(a, b);
    }
};

/// A node of the property trie DevTools builds from interface definitions.
struct TrieNode
{
    std::map<std::string, uint32_t, Utf16Order> next;
    int matchName = -1; ///< index into definitions, or -1
    size_t matchCount = 0; ///< properties in that definition
    bool hasGreatest = false;
    std::string greatestNext;
};

struct Match
{
    int name = -1; ///< definition index; -1 = the "Object" fallback
    size_t propertyCount = 0;
    size_t index = std::numeric_limits<size_t>::max();
};

Match better(const Match& a, const Match* b)
{
    if (!b || a.propertyCount > b->propertyCount)
        return a;
    if (b->propertyCount > a.propertyCount)
        return *b;
    return a.index <= b->index ? a : *b;
}
} // namespace

size_t utf16Length(std::string_view s)
{
    size_t n = 0;
    for (size_t i = 0; i < s.size();) {
        size_t len = 1;
        const uint32_t cp = decodeAt(s, i, &len);
        n += cp >= 0x10000 ? 2 : 1;
        i += len;
    }
    return n;
}

bool utf16Less(std::string_view a, std::string_view b)
{
    const size_t n = std::min(a.size(), b.size());
    size_t i = 0;
    while (i < n && a[i] == b[i])
        ++i;
    if (i == n)
        return a.size() < b.size();
    // Back up to the start of the code point that differs.
    while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80)
        --i;
    size_t la = 1, lb = 1;
    const uint32_t ca = decodeAt(a, i, &la);
    const uint32_t cb = decodeAt(b, i, &lb);
    // First UTF-16 unit: astral code points start with a high surrogate (D800-DBFF), below E000-FFFF.
    const uint32_t ua = ca >= 0x10000 ? 0xD800 + ((ca - 0x10000) >> 10) : ca;
    const uint32_t ub = cb >= 0x10000 ? 0xD800 + ((cb - 0x10000) >> 10) : cb;
    if (ua != ub)
        return ua < ub;
    return ca < cb;
}

std::string formatPropertyName(std::string_view name)
{
    if (name.find_first_of(",'\"{}") == std::string_view::npos)
        return std::string(name);
    // JSON.stringify of the name, quotes included.
    std::string out = "\"";
    for (size_t i = 0; i < name.size();) {
        size_t len = 1;
        const uint32_t cp = decodeAt(name, i, &len);
        switch (cp) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (cp < 0x20) {
                static const char* kHex = "0123456789abcdef";
                out += "\\u00";
                out += kHex[cp >> 4];
                out += kHex[cp & 15];
            } else {
                appendUtf8(out, cp);
            }
        }
        i += len;
    }
    out += '"';
    return out;
}

std::string_view ClassNames::nameOf(uint32_t id) const
{
    if (id < rawCount) {
        const HeapSnapshot& s = *analysis->snapshot;
        const uint32_t n = s.strings.size();
        return id < n ? s.strings.get(id) : std::string_view(analysis->extraNames[id - n]);
    }
    return added[id - rawCount];
}

ClassNames ClassNames::compute(
    const HeapAnalysis& a, const std::vector<InterfaceDefinition>* given, const TaskControl* control)
{
    auto stop = [control](uint32_t i) { return control && (i & 0xFFFF) == 0 && control->cancelled(); };
    const HeapSnapshot& s = *a.snapshot;
    const NodeTypeIds& t = s.nodeTypes;
    ClassNames c;
    c.analysis = &a;
    c.rawCount = s.strings.size() + uint32_t(a.extraNames.size());
    c.classId.resize(s.nodeCount);

    std::unordered_map<std::string, uint32_t> addedIds;
    auto addedId = [&](const std::string& name) {
        auto [it, inserted] = addedIds.emplace(name, 0);
        if (inserted) {
            it->second = c.rawCount + uint32_t(c.added.size());
            c.added.push_back(name);
        }
        return it->second;
    };
    const uint32_t systemId = addedId("(system)");
    const uint32_t codeId = addedId("(compiled code)");
    const uint32_t functionId = addedId("Function");
    const uint32_t regexpId = addedId("RegExp");
    std::vector<uint32_t> typeClass(s.nodeTypeNames.size(), UINT32_MAX);

    for (uint32_t i = 0; i < s.nodeCount; ++i) {
        if (stop(i))
            return c;
        const int type = s.nodeType[i];
        uint32_t id;
        if (type == t.hidden) {
            id = systemId;
        } else if (type == t.object || type == t.native) {
            const std::string_view name = a.name(i);
            if (!name.empty() && name[0] == '<') {
                const size_t space = name.find(' ');
                id = addedId(
                    space == std::string_view::npos ? std::string(name) : std::string(name.substr(0, space)) + ">");
            } else if (name.starts_with("Detached <")) {
                const size_t space = name.find(' ', 10);
                id = addedId(
                    space == std::string_view::npos ? std::string(name) : std::string(name.substr(0, space)) + ">");
            } else {
                id = a.nameId(i);
            }
        } else if (type == t.code) {
            id = codeId;
        } else if (type == t.closure) {
            id = functionId;
        } else if (type == t.regexp) {
            id = regexpId;
        } else {
            if (typeClass[size_t(type)] == UINT32_MAX)
                typeClass[size_t(type)] = addedId("(" + s.nodeTypeNames[size_t(type)] + ")");
            id = typeClass[size_t(type)];
        }
        c.classId[i] = id;
    }

    // Plain JS objects: type object named "Object".
    const uint32_t objectName = s.strings.find("Object");
    const int property = s.edgeTypes.property;
    auto isPlainObject = [&](uint32_t i) { return s.nodeType[i] == t.object && s.nodeName[i] == objectName; };
    if (objectName == StringIndex::kInvalid || t.object < 0)
        return c;

    if (given) {
        c.definitions = *given;
    } else {
        // inferInterfaceDefinitions: candidate names from each plain object's property edges in edge order.
        struct Candidate
        {
            std::vector<std::string> properties;
            uint32_t count = 0;
            size_t order = 0;
        };
        std::unordered_map<std::string, Candidate> candidates;
        std::vector<std::string> order;
        uint64_t total = 0;
        for (uint32_t i = 0; i < s.nodeCount; ++i) {
            if (stop(i))
                return c;
            if (!isPlainObject(i))
                continue;
            ++total;
            std::string name = "{";
            size_t nameLen = 1; // UTF-16 length of `name`
            std::vector<std::string> props;
            for (uint32_t e = s.firstEdge[i]; e < s.firstEdge[i + 1]; ++e) {
                if (s.edgeType[e] != property)
                    continue;
                const std::string_view edgeName = s.strings.get(s.edgeNameOrIndex[e]);
                if (edgeName == "__proto__")
                    continue;
                const std::string formatted = formatPropertyName(edgeName);
                const size_t fLen = utf16Length(formatted);
                if (nameLen > kMinInterfacePropertyCount && nameLen + fLen > kMaxInterfaceNameLength)
                    break;
                if (nameLen != 1) {
                    name += ", ";
                    nameLen += 2;
                }
                name += formatted;
                nameLen += fLen;
                props.emplace_back(edgeName);
            }
            if (props.empty())
                continue;
            name += '}';
            auto [it, inserted] = candidates.try_emplace(name);
            if (inserted) {
                it->second.properties = std::move(props);
                it->second.order = order.size();
                order.push_back(name);
            }
            ++it->second.count;
        }
        std::vector<const std::string*> sorted;
        sorted.reserve(order.size());
        for (const std::string& n : order)
            sorted.push_back(&n);
        std::stable_sort(sorted.begin(), sorted.end(),
            [&](const std::string* x, const std::string* y) { return candidates[*x].count > candidates[*y].count; });
        const double minCount = std::max(kMinObjectCountPerInterface, double(total) / kMinObjectProportionPerInterface);
        for (const std::string* n : sorted) {
            const Candidate& cand = candidates[*n];
            if (double(cand.count) < minCount)
                break;
            c.definitions.push_back({ *n, cand.properties });
        }
    }

    // applyInterfaceDefinitions: a trie over sorted property names; the longest (then earliest) match wins.
    std::vector<TrieNode> trie(1);
    for (size_t d = 0; d < c.definitions.size(); ++d) {
        std::vector<std::string> props = c.definitions[d].properties;
        std::sort(
            props.begin(), props.end(), [](const std::string& x, const std::string& y) { return utf16Less(x, y); });
        uint32_t cur = 0;
        for (const std::string& p : props) {
            auto it = trie[cur].next.find(p);
            if (it == trie[cur].next.end()) {
                const uint32_t fresh = uint32_t(trie.size());
                trie.emplace_back();
                trie[cur].next.emplace(p, fresh);
                if (!trie[cur].hasGreatest || utf16Less(trie[cur].greatestNext, p)) {
                    trie[cur].greatestNext = p;
                    trie[cur].hasGreatest = true;
                }
                cur = fresh;
            } else {
                cur = it->second;
            }
        }
        if (trie[cur].matchName < 0) {
            trie[cur].matchName = int(d);
            trie[cur].matchCount = props.size();
        }
    }
    std::vector<uint32_t> interfaceIds(c.definitions.size(), UINT32_MAX);
    std::unordered_map<std::string, uint32_t> interfaceByName;
    std::vector<std::string_view> props;
    std::vector<uint32_t> states, nextStates;
    for (uint32_t i = 0; i < s.nodeCount; ++i) {
        if (stop(i))
            return c;
        if (!isPlainObject(i))
            continue;
        props.clear();
        for (uint32_t e = s.firstEdge[i]; e < s.firstEdge[i + 1]; ++e)
            if (s.edgeType[e] == property)
                props.push_back(s.strings.get(s.edgeNameOrIndex[e]));
        std::sort(props.begin(), props.end(), utf16Less);
        auto matchAt = [&](uint32_t node, const Match& current) {
            if (trie[node].matchName < 0)
                return better(current, nullptr);
            const Match m { trie[node].matchName, trie[node].matchCount, size_t(trie[node].matchName) };
            return better(current, &m);
        };
        Match match = matchAt(0, Match {});
        // `states` keeps DevTools' Set semantics: insertion order, deletions and re-insertions as they happen.
        states.assign(1, 0);
        for (const std::string_view p : props) {
            nextStates = states;
            for (const uint32_t st : nextStates) {
                const TrieNode& node = trie[st];
                if (!node.hasGreatest || !utf16Less(p, node.greatestNext))
                    states.erase(std::remove(states.begin(), states.end(), st), states.end());
                auto it = node.next.find(p);
                if (it != node.next.end()) {
                    if (std::find(states.begin(), states.end(), it->second) == states.end())
                        states.push_back(it->second);
                    match = matchAt(it->second, match);
                }
            }
        }
        if (match.name < 0) {
            c.classId[i] = a.nameId(i);
            continue;
        }
        uint32_t& id = interfaceIds[size_t(match.name)];
        if (id == UINT32_MAX) {
            const std::string& n = c.definitions[size_t(match.name)].name;
            auto [it, inserted] = interfaceByName.emplace(n, 0);
            if (inserted) {
                it->second = c.rawCount + uint32_t(c.added.size());
                c.added.push_back(n);
            }
            id = it->second;
        }
        c.classId[i] = id;
    }
    return c;
}

} // namespace v8scope
