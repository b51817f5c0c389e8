// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "writers.h"

#include "format.h"
#include "jsonout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>

namespace v8scope::report {

namespace {

/// UTF-8 aware display width: counts code points, not bytes (good enough for aligned tables).
size_t displayWidth(const std::string& s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

int defaultPrecision(const Column& c)
{
    if (c.precision >= 0)
        return c.precision;
    switch (c.unit) {
    case Unit::Ms:
    case Unit::SignedMs:
        return 3;
    case Unit::Percent:
        return 1;
    default:
        return -1;
    }
}

/// A double as TSV/CSV/fixed JSON show it: fixed digits when the column has a precision, else the shortest form.
std::string doubleText(const Column& c, double v, bool allowSign)
{
    const int p = defaultPrecision(c);
    const bool sign = allowSign && c.unit == Unit::SignedMs;
    if (p < 0)
        return fmt::format("{}", v);
    return sign ? fmt::format("{:+.{}f}", v, p) : fmt::format("{:.{}f}", v, p);
}

std::string integerText(const Column& c, int64_t v, bool human)
{
    switch (c.unit) {
    case Unit::Count:
        return v < 0 ? "-" + groupedCount(uint64_t(-v)) : groupedCount(uint64_t(v));
    case Unit::SignedCount:
        return fmt::format("{}{}", v > 0 ? "+" : "", v);
    case Unit::Bytes:
        return human ? humanSize(double(v)) : std::to_string(v);
    case Unit::SignedBytes:
        return signedSizeText(v, human);
    case Unit::Distance:
        return distanceText(v);
    default:
        return std::to_string(v);
    }
}

const std::string& emptyString()
{
    static const std::string s;
    return s;
}

std::string joinRow(const std::vector<std::string>& cells, char sep)
{
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i)
            line += sep;
        line += cells[i];
    }
    line += '\n';
    return line;
}

std::string writeText(const Table& t, const WriteOptions& o)
{
    const std::vector<size_t> cols = t.columnsFor(true);
    const size_t nc = cols.size();
    const size_t nr = t.rowCount();
    std::vector<std::string> cells(nr * nc);
    std::vector<size_t> width(nc, 0);
    for (size_t c = 0; c < nc; ++c)
        width[c] = displayWidth(t.columns()[cols[c]].title);
    for (size_t r = 0; r < nr; ++r)
        for (size_t c = 0; c < nc; ++c) {
            cells[r * nc + c] = displayText(t, r, cols[c], o);
            width[c] = std::max(width[c], displayWidth(cells[r * nc + c]));
        }
    std::string out;
    auto emit = [&](auto cellAt, bool header) {
        std::string line;
        for (size_t c = 0; c < nc; ++c) {
            const std::string& cell = cellAt(c);
            const size_t pad = width[c] - std::min(width[c], displayWidth(cell));
            if (c)
                line += "  ";
            if (isNumeric(t.columns()[cols[c]].unit) && !header) {
                line.append(pad, ' ');
                line += cell;
            } else {
                line += cell;
                if (c + 1 < nc)
                    line.append(pad, ' ');
            }
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        out += line;
        out += '\n';
    };
    emit([&](size_t c) -> const std::string& { return t.columns()[cols[c]].title; }, true);
    for (size_t r = 0; r < nr; ++r)
        emit([&](size_t c) -> const std::string& { return cells[r * nc + c]; }, false);
    return out;
}

std::string writeMarkdown(const Table& t, const WriteOptions& o)
{
    const std::vector<size_t> cols = t.columnsFor(true);
    std::string header = "|", rule = "|";
    for (size_t c : cols) {
        header += " " + markdownEscape(t.columns()[c].title) + " |";
        rule += isNumeric(t.columns()[c].unit) ? " ---: |" : " --- |";
    }
    std::string out = header + "\n" + rule + "\n";
    for (size_t r = 0; r < t.rowCount(); ++r) {
        std::string line = "|";
        for (size_t c : cols)
            line += " " + markdownEscape(displayText(t, r, c, o)) + " |";
        out += line + "\n";
    }
    return out;
}

std::string writeSeparated(const Table& t, bool csv)
{
    const std::vector<size_t> cols = t.columnsFor(false);
    auto escape = [csv](const std::string& s) { return csv ? csvEscape(s) : tsvEscape(s); };
    const char sep = csv ? ',' : '\t';
    std::vector<std::string> cells;
    for (size_t c : cols)
        cells.push_back(escape(t.columns()[c].key));
    std::string out = joinRow(cells, sep);
    for (size_t r = 0; r < t.rowCount(); ++r) {
        cells.clear();
        for (size_t c : cols)
            cells.push_back(escape(dataText(t, r, c)));
        out += joinRow(cells, sep);
    }
    return out;
}

void writeJsonCell(JsonOut& j, const Column& col, const Cell& cell)
{
    auto& w = j.w();
    if (const auto* s = std::get_if<std::string>(&cell))
        j.str(*s);
    else if (const auto* i = std::get_if<int64_t>(&cell))
        w.Int64(*i);
    else if (const auto* u = std::get_if<uint64_t>(&cell))
        w.Uint64(*u);
    else if (const auto* d = std::get_if<double>(&cell)) {
        if (!std::isfinite(*d))
            w.Null();
        else if (col.fixedJson)
            j.number(doubleText(col, *d, false));
        else
            j.number(fmt::format("{}", *d));
    } else
        w.Null();
}

} // namespace

void writeJsonRows(JsonOut& j, const Table& t)
{
    auto& w = j.w();
    const std::vector<size_t> cols = t.columnsFor(false, true);
    w.StartArray();
    for (size_t r = 0; r < t.rowCount(); ++r) {
        w.StartObject();
        for (size_t c : cols) {
            j.key(t.columns()[c].key);
            writeJsonCell(j, t.columns()[c], t.cell(r, c));
        }
        w.EndObject();
    }
    w.EndArray();
}

namespace {

std::string writeJson(const Table& t)
{
    JsonOut j;
    auto& w = j.w();
    const bool wrapped = !t.jsonMeta.empty() || !t.jsonRowsKey.empty();
    if (wrapped) {
        w.StartObject();
        for (const auto& [key, value] : t.jsonMeta) {
            j.key(key);
            writeJsonCell(j, Column {}, value);
        }
        j.key(t.jsonRowsKey.empty() ? "rows" : t.jsonRowsKey);
    }
    writeJsonRows(j, t);
    if (wrapped)
        w.EndObject();
    return j.text();
}

/// The first of `keys` that names a column, or columnCount().
size_t findColumn(const Table& t, std::initializer_list<const char*> keys)
{
    for (const char* k : keys)
        if (const size_t i = t.columnIndex(k); i < t.columnCount())
            return i;
    return t.columnCount();
}

std::string writeJUnit(const Table& t)
{
    const size_t status = findColumn(t, { "status" });
    const size_t name = findColumn(t, { "name", "claim", "gate" });
    const size_t classname = findColumn(t, { "classname", "file" });
    const size_t message = findColumn(t, { "message", "measured" });
    auto text = [&](size_t r, size_t c) { return c < t.columnCount() ? dataText(t, r, c) : std::string(); };
    size_t failed = 0, errors = 0;
    for (size_t r = 0; r < t.rowCount(); ++r) {
        const std::string s = text(r, status);
        failed += s == "FAIL";
        errors += s == "ERROR";
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
        xmlEscape(t.name.empty() ? std::string("v8scope") : t.name), t.rowCount(), failed, errors);
    for (size_t r = 0; r < t.rowCount(); ++r) {
        const std::string s = text(r, status);
        out += fmt::format(
            "  <testcase classname=\"{}\" name=\"{}\">", xmlEscape(text(r, classname)), xmlEscape(text(r, name)));
        if (s == "FAIL")
            out += fmt::format("<failure message=\"{}\"/>", xmlEscape(text(r, message)));
        else if (s == "ERROR")
            out += fmt::format("<error message=\"{}\"/>", xmlEscape(text(r, message)));
        else
            out += fmt::format("<system-out>{}</system-out>", xmlEscape(text(r, message)));
        out += "</testcase>\n";
    }
    out += "</testsuite>\n";
    return out;
}

} // namespace

const char* formatName(Format format)
{
    switch (format) {
    case Format::Text:
        return "text";
    case Format::Tsv:
        return "tsv";
    case Format::Csv:
        return "csv";
    case Format::Markdown:
        return "md";
    case Format::Json:
        return "json";
    case Format::JUnit:
        return "junit";
    }
    return "text";
}

std::string displayText(const Table& table, size_t row, size_t column, const WriteOptions& options)
{
    const Column& col = table.columns()[column];
    const Cell& cell = table.cell(row, column);
    if (const auto* s = std::get_if<std::string>(&cell))
        return *s;
    if (const auto* i = std::get_if<int64_t>(&cell))
        return integerText(col, *i, options.human);
    if (const auto* u = std::get_if<uint64_t>(&cell)) {
        if (col.unit == Unit::Count)
            return groupedCount(*u);
        if (col.unit == Unit::Bytes)
            return sizeText(*u, options.human);
        return *u <= uint64_t(INT64_MAX) ? integerText(col, int64_t(*u), options.human) : std::to_string(*u);
    }
    if (const auto* d = std::get_if<double>(&cell)) {
        switch (col.unit) {
        case Unit::Bytes:
            return options.human ? humanSize(*d) : fmt::format("{}", int64_t(*d));
        case Unit::SignedBytes:
            return signedSizeText(int64_t(*d), options.human);
        case Unit::SignedCount:
            return signedCount(*d);
        default:
            return doubleText(col, *d, true);
        }
    }
    return emptyString();
}

std::string dataText(const Table& table, size_t row, size_t column)
{
    const Column& col = table.columns()[column];
    const Cell& cell = table.cell(row, column);
    if (const auto* s = std::get_if<std::string>(&cell))
        return *s;
    if (const auto* i = std::get_if<int64_t>(&cell))
        return std::to_string(*i);
    if (const auto* u = std::get_if<uint64_t>(&cell))
        return std::to_string(*u);
    if (const auto* d = std::get_if<double>(&cell))
        return doubleText(col, *d, true);
    return emptyString();
}

std::string writeString(const Table& table, Format format, const WriteOptions& options)
{
    switch (format) {
    case Format::Text:
        return writeText(table, options);
    case Format::Tsv:
        return writeSeparated(table, false);
    case Format::Csv:
        return writeSeparated(table, true);
    case Format::Markdown:
        return writeMarkdown(table, options);
    case Format::Json:
        return writeJson(table);
    case Format::JUnit:
        return writeJUnit(table);
    }
    return {};
}

void write(std::FILE* out, const Table& table, Format format, const WriteOptions& options)
{
    const std::string s = writeString(table, format, options);
    std::fwrite(s.data(), 1, s.size(), out);
}

std::string tsvEscape(const std::string& s)
{
    std::string r = s;
    std::replace_if(
        r.begin(), r.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return r;
}

std::string csvEscape(const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string r = "\"";
    for (const char c : s) {
        if (c == '"')
            r += '"';
        r += c;
    }
    r += '"';
    return r;
}

std::string markdownEscape(const std::string& s)
{
    auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    std::string r;
    r.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
        case '_':
            // Inside a word (sample_profiles, self_ms) an underscore never starts emphasis: left as is.
            if (i > 0 && i + 1 < s.size() && alnum(s[i - 1]) && alnum(s[i + 1]))
                r += c;
            else
                r += "\\_";
            break;
        case '|':
        case '\\':
        case '*':
        case '`':
        case '~':
        case '[':
        case ']':
            r += '\\';
            r += c;
            break;
        case '<':
            r += "&lt;";
            break;
        case '>':
            r += "&gt;";
            break;
        case '&':
            r += "&amp;";
            break;
        case '\n':
        case '\r':
            r += ' ';
            break;
        default:
            r += c;
        }
    }
    return r;
}

std::string xmlEscape(const std::string& s)
{
    std::string r;
    r.reserve(s.size());
    for (const char c : s) {
        switch (c) {
        case '&':
            r += "&amp;";
            break;
        case '<':
            r += "&lt;";
            break;
        case '>':
            r += "&gt;";
            break;
        case '"':
            r += "&quot;";
            break;
        case '\'':
            r += "&apos;";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
                r += ' ';
            else
                r += c;
        }
    }
    return r;
}

} // namespace v8scope::report
