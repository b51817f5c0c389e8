// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "weakmapedge.h"

namespace v8scope {

namespace {
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// ECMAScript line terminators, which "." does not match: LF, CR, U+2028, U+2029 (UTF-8 E2 80 A8/A9).
bool hasLineTerminator(std::string_view s)
{
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\n' || c == '\r')
            return true;
        if (c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' && (s[i + 2] == '\xA8' || s[i + 2] == '\xA9'))
            return true;
    }
    return false;
}

/// Whether `s` contains " @<digits>) -> value (" anywhere.
bool hasKeyValueSeparator(std::string_view s)
{
    constexpr std::string_view kTail = ") -> value (";
    for (size_t at = s.find(" @"); at != std::string_view::npos; at = s.find(" @", at + 1)) {
        size_t p = at + 2;
        const size_t digits = p;
        while (p < s.size() && isDigit(s[p]))
            ++p;
        if (p > digits && s.substr(p, kTail.size()) == kTail)
            return true;
    }
    return false;
}
} // namespace

std::optional<WeakMapEdgeName> parseWeakMapEdgeName(std::string_view s)
{
    constexpr std::string_view kHead = " / part of key (";
    constexpr std::string_view kTable = "(table @";
    constexpr std::string_view kPair = ") pair in WeakMap ";
    size_t i = 0;
    while (i < s.size() && isDigit(s[i]))
        ++i;
    if (i == 0 || s.substr(i, kHead.size()) != kHead)
        return std::nullopt;
    // Anchored tail: "... @<d2>) pair in WeakMap (table @<d3>)".
    if (s.size() < 2 || s.back() != ')')
        return std::nullopt;
    size_t d3 = s.size() - 1;
    while (d3 > 0 && isDigit(s[d3 - 1]))
        --d3;
    if (d3 == s.size() - 1 || d3 < kTable.size() || s.substr(d3 - kTable.size(), kTable.size()) != kTable)
        return std::nullopt;
    const size_t tableAt = d3 - kTable.size();
    if (tableAt < kPair.size() || s.substr(tableAt - kPair.size(), kPair.size()) != kPair)
        return std::nullopt;
    size_t d2 = tableAt - kPair.size();
    const size_t d2End = d2;
    while (d2 > 0 && isDigit(s[d2 - 1]))
        --d2;
    if (d2 == d2End || d2 < 2 || s.substr(d2 - 2, 2) != " @")
        return std::nullopt;
    const size_t middleBegin = i + kHead.size();
    const size_t middleEnd = d2 - 2;
    if (middleEnd < middleBegin)
        return std::nullopt;
    const std::string_view middle = s.substr(middleBegin, middleEnd - middleBegin);
    if (hasLineTerminator(middle) || !hasKeyValueSeparator(middle))
        return std::nullopt;
    WeakMapEdgeName r;
    r.duplicatedPart = s.substr(i);
    uint64_t id = 0;
    for (size_t p = d3; p + 1 < s.size(); ++p) {
        if (id > (UINT64_MAX - 9) / 10) {
            id = UINT64_MAX;
            break;
        }
        id = id * 10 + uint64_t(s[p] - '0');
    }
    r.tableId = id;
    return r;
}

} // namespace v8scope
