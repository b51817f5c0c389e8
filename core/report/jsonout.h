// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace v8scope::report {

/// The one JSON writer: RapidJSON's pretty writer, two-space indent (valid UTF-8 escaping; keys in the order a view
/// writes them). Every JSON document v8scope prints goes through it.
class JsonOut
{
public:
    JsonOut()
        : m_writer(m_buffer)
    {
        m_writer.SetIndent(' ', 2);
    }
    rapidjson::PrettyWriter<rapidjson::StringBuffer>& w()
    {
        return m_writer;
    }
    void key(std::string_view k)
    {
        m_writer.Key(k.data(), rapidjson::SizeType(k.size()));
    }
    void str(std::string_view v)
    {
        m_writer.String(v.data(), rapidjson::SizeType(v.size()));
    }
    /// A number already formatted (fixed decimals such as "12.30"), written as a JSON number.
    void number(std::string_view text)
    {
        m_writer.RawValue(text.data(), text.size(), rapidjson::kNumberType);
    }
    /// The document with a final newline.
    std::string text() const
    {
        return std::string(m_buffer.GetString(), m_buffer.GetSize()) + "\n";
    }
    void print(std::FILE* out = stdout)
    {
        std::fwrite(m_buffer.GetString(), 1, m_buffer.GetSize(), out);
        std::fputc('\n', out);
    }

private:
    rapidjson::StringBuffer m_buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> m_writer;
};

} // namespace v8scope::report
