// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace v8scope {

/// An error crossing the core's API: which file, where in it (byte offset into the decompressed text, when
/// known) and what was expected there. toString() is the one-line message the CLI prints.
struct ParseError
{
    std::string file;
    uint64_t offset = 0;
    bool hasOffset = false;
    std::string message;

    static ParseError at(std::string file, uint64_t offset, std::string message)
    {
        return ParseError { std::move(file), offset, true, std::move(message) };
    }
    static ParseError general(std::string file, std::string message)
    {
        return ParseError { std::move(file), 0, false, std::move(message) };
    }
    std::string toString() const
    {
        std::string s = file;
        if (hasOffset)
            s += ": byte " + std::to_string(offset);
        s += ": " + message;
        return s;
    }
};

/// A value or a ParseError; the core never throws across its API.
template <class T> class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {
    }
    Result(ParseError error)
        : m_data(std::move(error))
    {
    }
    bool ok() const
    {
        return m_data.index() == 0;
    }
    explicit operator bool() const
    {
        return ok();
    }
    T& value()
    {
        return std::get<0>(m_data);
    }
    const T& value() const
    {
        return std::get<0>(m_data);
    }
    const ParseError& error() const
    {
        return std::get<1>(m_data);
    }

private:
    std::variant<T, ParseError> m_data;
};

} // namespace v8scope
