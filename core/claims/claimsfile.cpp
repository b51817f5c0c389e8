// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "claimsfile.h"

#include <common/inputstream.h>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

namespace v8scope {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

Result<std::vector<ClaimText>> parseJson(std::string_view text, const std::string& path)
{
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError())
        return ParseError::at(path, doc.GetErrorOffset(),
            std::string("invalid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()));
    if (!doc.IsObject() || !doc.HasMember("claims") || !doc["claims"].IsArray())
        return ParseError::at(path, 0, "expected an object {\"claims\": [\"CLAIM\", ...]}");
    std::vector<ClaimText> out;
    size_t i = 0;
    for (const auto& v : doc["claims"].GetArray()) {
        ++i;
        if (!v.IsString())
            return ParseError::general(path, "claim " + std::to_string(i) + ": expected a string");
        out.push_back({ std::string(v.GetString(), v.GetStringLength()), path + ": claim " + std::to_string(i) });
    }
    return out;
}

} // namespace

Result<std::vector<ClaimText>> parseClaimsText(std::string_view text, const std::string& path)
{
    size_t first = 0;
    while (first < text.size() && isSpace(text[first]))
        ++first;
    if (first < text.size() && text[first] == '{')
        return parseJson(text, path);
    std::vector<ClaimText> out;
    size_t line = 0;
    for (size_t begin = 0; begin <= text.size();) {
        size_t end = text.find('\n', begin);
        if (end == std::string_view::npos)
            end = text.size();
        ++line;
        size_t a = begin, b = end;
        while (a < b && isSpace(text[a]))
            ++a;
        while (b > a && isSpace(text[b - 1]))
            --b;
        if (a < b && text[a] != '#')
            out.push_back({ std::string(text.substr(a, b - a)), path + ": line " + std::to_string(line) });
        begin = end + 1;
    }
    if (out.empty())
        return ParseError::general(path, "no claims (one claim per line, or {\"claims\": [\"CLAIM\", ...]})");
    return out;
}

Result<std::vector<ClaimText>> readClaimsFile(const std::string& path)
{
    // A claims file is a few lines: a big file picked by mistake (a heap snapshot) is refused, not read whole.
    InputOptions options;
    options.maxDecompressedBytes = kMaxClaimsFileBytes;
    auto text = readWholeFile(path, options);
    if (!text)
        return text.error();
    return parseClaimsText(text.value(), path);
}

} // namespace v8scope
