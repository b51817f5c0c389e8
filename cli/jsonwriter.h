// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdio>
#include <string_view>

namespace v8scope::cli {

/// Pretty JSON on stdout through RapidJSON's writer (valid UTF-8 escaping, deterministic key order: the order
/// the command writes them).
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
    void print(std::FILE* out = stdout)
    {
        std::fwrite(m_buffer.GetString(), 1, m_buffer.GetSize(), out);
        std::fputc('\n', out);
    }

private:
    rapidjson::StringBuffer m_buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> m_writer;
};

} // namespace v8scope::cli
