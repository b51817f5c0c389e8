// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "claim.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace v8scope {

namespace {

class ClaimParser
{
public:
    ClaimParser(std::string_view text, const std::string& source)
        : m_text(text)
        , m_source(source)
    {
    }

    Result<Claim> parse()
    {
        Claim c;
        c.text = std::string(m_text);
        const std::string word = identifier();
        if (word == "function" || word == "package" || word == "url" || word == "category") {
            c.subject = word == "function" ? Claim::Subject::Function
                : word == "package"        ? Claim::Subject::Package
                : word == "url"            ? Claim::Subject::Url
                                           : Claim::Subject::Category;
            if (!quoted(c.name))
                return error("expected a quoted " + word + " name, e.g. '" + word + " 'name' self < 5%'");
            skipSpace();
            const size_t at = m_pos;
            const std::string metric = identifier();
            if (metric == "self" || metric == "total")
                c.self = metric == "self";
            else if (!metric.empty())
                return errorAt(at, "expected self or total, found \"" + metric + "\"");
        } else if (word == "gc" || word == "idle" || word == "program") {
            c.subject = word == "gc" ? Claim::Subject::Gc
                : word == "idle"     ? Claim::Subject::Idle
                                     : Claim::Subject::Program;
            c.self = true;
        } else if (word == "blocking") {
            skipSpace();
            const size_t at = m_pos;
            const std::string what = identifier();
            if (what == "max") {
                c.subject = Claim::Subject::BlockingMax;
            } else if (what == "total") {
                c.subject = Claim::Subject::BlockingTotal;
            } else if (what == "count") {
                c.subject = Claim::Subject::BlockingCount;
                if (!punct('('))
                    return error("expected '(' after blocking count, e.g. blocking count(>100ms) == 0");
                if (!op(c.countOp))
                    c.countOp = Claim::Op::Greater;
                double v = 0;
                Claim::Unit u {};
                if (!quantity(v, u) || u != Claim::Unit::Microseconds)
                    return error("expected a duration such as 100ms inside blocking count(...)");
                c.countThresholdUs = int64_t(std::llround(v));
                if (!punct(')'))
                    return error("expected ')'");
            } else {
                return errorAt(at, "expected max, count(...) or total after blocking");
            }
        } else if (word == "heap") {
            skipSpace();
            const size_t at = m_pos;
            if (identifier() != "growth")
                return errorAt(at, "expected growth after heap (heap growth < 1MB)");
            c.subject = Claim::Subject::HeapGrowth;
        } else {
            return errorAt(0,
                "expected function, package, url, category, gc, idle, program, blocking or heap"
                    + (word.empty() ? std::string() : ", found \"" + word + "\""));
        }
        if (!op(c.op))
            return error("expected a comparison (<, <=, >, >=, ==, !=)");
        if (!quantity(c.value, c.unit))
            return error("expected a number with a unit (5%, 50ms, 1MB, or a plain count)");
        skipSpace();
        const size_t at = m_pos;
        const std::string of = identifier();
        if (of == "of") {
            if (c.unit != Claim::Unit::Percent)
                return errorAt(at, "\"of\" only follows a percentage");
            skipSpace();
            const size_t at2 = m_pos;
            const std::string d = identifier();
            if (d == "busy")
                c.denominator = Claim::Denominator::Busy;
            else if (d == "wall")
                c.denominator = Claim::Denominator::Wall;
            else
                return errorAt(at2, "expected busy or wall after \"of\"");
        } else if (!of.empty()) {
            return errorAt(at, "unexpected \"" + of + "\" after the value");
        }
        skipSpace();
        if (m_pos != m_text.size())
            return error("unexpected text after the claim");
        return validate(c);
    }

private:
    Result<Claim> validate(Claim& c)
    {
        using S = Claim::Subject;
        using U = Claim::Unit;
        switch (c.subject) {
        case S::BlockingMax:
        case S::BlockingTotal:
            if (c.unit != U::Microseconds)
                return errorAt(0, "blocking max/total compare with a duration (e.g. 50ms)");
            break;
        case S::BlockingCount:
            if (c.unit != U::Count)
                return errorAt(0, "blocking count(...) compares with a plain number (e.g. == 0)");
            break;
        case S::HeapGrowth:
            if (c.unit != U::Bytes)
                return errorAt(0, "heap growth compares with a size (e.g. 1MB)");
            break;
        default:
            if (c.unit != U::Percent && c.unit != U::Microseconds)
                return errorAt(0, "compare with a percentage (5%) or a duration (200ms)");
        }
        return c;
    }

    Result<Claim> error(std::string message)
    {
        return errorAt(m_pos, std::move(message));
    }
    Result<Claim> errorAt(size_t pos, std::string message)
    {
        return ParseError::at(m_source, pos, "in claim \"" + std::string(m_text) + "\": " + message);
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }
    std::string identifier()
    {
        skipSpace();
        const size_t start = m_pos;
        while (
            m_pos < m_text.size() && (std::isalpha(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '-'))
            ++m_pos;
        return std::string(m_text.substr(start, m_pos - start));
    }
    bool punct(char c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool quoted(std::string& out)
    {
        skipSpace();
        if (m_pos >= m_text.size() || (m_text[m_pos] != '\'' && m_text[m_pos] != '"'))
            return false;
        const char q = m_text[m_pos];
        const size_t end = m_text.find(q, m_pos + 1);
        if (end == std::string_view::npos)
            return false;
        out = std::string(m_text.substr(m_pos + 1, end - m_pos - 1));
        m_pos = end + 1;
        return true;
    }
    bool op(Claim::Op& out)
    {
        skipSpace();
        static constexpr std::pair<std::string_view, Claim::Op> kOps[]
            = { { "<=", Claim::Op::LessEqual }, { ">=", Claim::Op::GreaterEqual }, { "==", Claim::Op::Equal },
                  { "!=", Claim::Op::NotEqual }, { "<", Claim::Op::Less }, { ">", Claim::Op::Greater } };
        for (const auto& [text, o] : kOps) {
            if (m_text.substr(m_pos, text.size()) == text) {
                m_pos += text.size();
                out = o;
                return true;
            }
        }
        return false;
    }
    bool quantity(double& value, Claim::Unit& unit)
    {
        skipSpace();
        const std::string rest(m_text.substr(m_pos));
        char* end = nullptr;
        value = std::strtod(rest.c_str(), &end);
        if (end == rest.c_str() || !std::isfinite(value) || value < 0 || rest[0] == '+' || rest[0] == '-')
            return false;
        m_pos += size_t(end - rest.c_str());
        struct U
        {
            std::string_view text;
            Claim::Unit unit;
            double scale;
        };
        static constexpr U kUnits[] = { { "%", Claim::Unit::Percent, 1 }, { "ms", Claim::Unit::Microseconds, 1e3 },
            { "us", Claim::Unit::Microseconds, 1 }, { "s", Claim::Unit::Microseconds, 1e6 },
            { "KiB", Claim::Unit::Bytes, 1024 }, { "MiB", Claim::Unit::Bytes, 1048576 },
            { "GiB", Claim::Unit::Bytes, 1073741824 }, { "kB", Claim::Unit::Bytes, 1e3 },
            { "KB", Claim::Unit::Bytes, 1e3 }, { "MB", Claim::Unit::Bytes, 1e6 }, { "GB", Claim::Unit::Bytes, 1e9 },
            { "B", Claim::Unit::Bytes, 1 } };
        unit = Claim::Unit::Count;
        for (const U& u : kUnits) {
            if (m_text.substr(m_pos, u.text.size()) == u.text) {
                const size_t after = m_pos + u.text.size();
                if (after < m_text.size() && std::isalpha(static_cast<unsigned char>(m_text[after])))
                    continue;
                m_pos = after;
                unit = u.unit;
                value *= u.scale;
                break;
            }
        }
        return true;
    }

    std::string_view m_text;
    const std::string& m_source;
    size_t m_pos = 0;
};

} // namespace

Result<Claim> parseClaim(std::string_view text, const std::string& source)
{
    return ClaimParser(text, source).parse();
}

bool compare(double measured, Claim::Op op, double expected)
{
    switch (op) {
    case Claim::Op::Less:
        return measured < expected;
    case Claim::Op::LessEqual:
        return measured <= expected;
    case Claim::Op::Greater:
        return measured > expected;
    case Claim::Op::GreaterEqual:
        return measured >= expected;
    case Claim::Op::Equal:
        return measured == expected;
    case Claim::Op::NotEqual:
        return measured != expected;
    }
    return false;
}

const char* opText(Claim::Op op)
{
    switch (op) {
    case Claim::Op::Less:
        return "<";
    case Claim::Op::LessEqual:
        return "<=";
    case Claim::Op::Greater:
        return ">";
    case Claim::Op::GreaterEqual:
        return ">=";
    case Claim::Op::Equal:
        return "==";
    case Claim::Op::NotEqual:
        return "!=";
    }
    return "?";
}

} // namespace v8scope
