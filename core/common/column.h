// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace v8scope {

/// A flat array of trivially copyable values that either owns its elements (a std::vector, while a parser or an
/// analysis step builds it) or reads them in place from memory someone else keeps alive (the analysis cache's
/// mapping: no copy on a reopen). Reads look like a const std::vector's; the building calls (resize, assign,
/// push_back, ...) work on an owned column and turn a mapped one into an owned copy first. Element access never
/// branches: data() is the vector's buffer, the mapped one, or an uninitialised buffer of its own
/// (resizeForOverwrite: for a column that a step is about to write in full, often from several threads, so that its
/// pages are first touched by the threads writing them instead of by a zero fill on one thread; on a virtual
/// machine a first touch is the expensive part: see docs/performance.md "Fresh pages").
template <typename T> class Column
{
    static_assert(std::is_trivially_copyable_v<T>);

public:
    using value_type = T;
    using size_type = size_t;
    using iterator = T*;
    using const_iterator = const T*;

    Column() noexcept = default;
    Column(std::vector<T> v) noexcept
        : m_own(std::move(v))
    {
        sync();
    }
    Column(std::initializer_list<T> values)
        : m_own(values)
    {
        sync();
    }
    Column(size_t n, const T& value)
        : m_own(n, value)
    {
        sync();
    }
    template <typename It>
    requires(!std::is_integral_v<It>) Column(It first, It last)
        : m_own(first, last)
    {
        sync();
    }
    Column(const Column& o)
        : m_keep(o.m_keep)
    {
        if (m_keep) {
            m_data = o.m_data;
            m_size = o.m_size;
        } else {
            m_own.assign(o.m_data, o.m_data + o.m_size);
            sync();
        }
    }
    Column(Column&& o) noexcept
        : m_own(std::move(o.m_own))
        , m_raw(std::move(o.m_raw))
        , m_data(o.m_data)
        , m_size(o.m_size)
        , m_keep(std::move(o.m_keep))
    {
        o.m_own.clear();
        o.sync();
    }
    Column& operator=(const Column& o)
    {
        if (this != &o)
            *this = Column(o);
        return *this;
    }
    Column& operator=(Column&& o) noexcept
    {
        if (this != &o) {
            m_own = std::move(o.m_own);
            m_raw = std::move(o.m_raw);
            m_data = o.m_data;
            m_size = o.m_size;
            m_keep = std::move(o.m_keep);
            o.m_own.clear();
            o.m_keep.reset();
            o.sync();
        }
        return *this;
    }

    /// A column over `n` elements at `data`, read in place while `keep` is alive.
    static Column mapped(const T* data, size_t n, std::shared_ptr<const void> keep)
    {
        Column c;
        c.m_data = const_cast<T*>(data); // never written through: every mutating call copies first
        c.m_size = n;
        c.m_keep = std::move(keep);
        return c;
    }
    bool isMapped() const
    {
        return bool(m_keep);
    }

    size_t size() const
    {
        return m_size;
    }
    bool empty() const
    {
        return m_size == 0;
    }
    /// Elements this column holds room for in memory of its own (0 when mapped).
    size_t capacity() const
    {
        return m_keep ? 0 : m_raw ? m_size : m_own.capacity();
    }
    const T* data() const
    {
        return m_data;
    }
    const T* begin() const
    {
        return m_data;
    }
    const T* end() const
    {
        return m_data + m_size;
    }
    const T& operator[](size_t i) const
    {
        return m_data[i];
    }
    const T& front() const
    {
        return m_data[0];
    }
    const T& back() const
    {
        return m_data[m_size - 1];
    }
    operator std::span<const T>() const
    {
        return { m_data, m_size };
    }

    // Building (an owned column; a mapped one is copied first).
    T* data()
    {
        own();
        return m_data;
    }
    T* begin()
    {
        own();
        return m_data;
    }
    T* end()
    {
        own();
        return m_data + m_size;
    }
    T& operator[](size_t i)
    {
        return m_data[i]; // element writes happen only while building: an owned column (see mapped())
    }
    T& back()
    {
        own();
        return m_data[m_size - 1];
    }
    void resize(size_t n)
    {
        ownVector();
        m_own.resize(n);
        sync();
    }
    void resize(size_t n, const T& value)
    {
        ownVector();
        m_own.resize(n, value);
        sync();
    }
    /// Resizes to n elements, leaving the ones past the old size uninitialised: for a column the caller writes in
    /// full before anyone reads it. An owned buffer of exactly n elements (later size changes copy it into a
    /// vector once).
    void resizeForOverwrite(size_t n)
    {
        if (n <= m_size) {
            resize(n);
            return;
        }
        auto raw = std::make_unique_for_overwrite<T[]>(n);
        std::copy(m_data, m_data + m_size, raw.get());
        std::vector<T>().swap(m_own);
        m_keep.reset();
        m_raw = std::move(raw);
        m_data = m_raw.get();
        m_size = n;
    }
    void assign(size_t n, const T& value)
    {
        m_keep.reset();
        m_raw.reset();
        m_own.assign(n, value);
        sync();
    }
    template <typename It>
    requires(!std::is_integral_v<It>) void assign(It first, It last)
    {
        std::vector<T> v(first, last);
        m_keep.reset();
        m_raw.reset();
        m_own = std::move(v);
        sync();
    }
    void push_back(const T& value)
    {
        ownVector();
        m_own.push_back(value);
        sync();
    }
    template <typename... Args> T& emplace_back(Args&&... args)
    {
        ownVector();
        T& t = m_own.emplace_back(std::forward<Args>(args)...);
        sync();
        return t;
    }
    void pop_back()
    {
        ownVector();
        m_own.pop_back();
        sync();
    }
    template <typename It> void append(It first, It last)
    {
        ownVector();
        m_own.insert(m_own.end(), first, last);
        sync();
    }
    void reserve(size_t n)
    {
        ownVector();
        m_own.reserve(n);
        sync();
    }
    void shrink_to_fit()
    {
        ownVector();
        m_own.shrink_to_fit();
        sync();
    }
    void clear()
    {
        m_keep.reset();
        m_raw.reset();
        m_own.clear();
        sync();
    }
    /// The elements as an owned vector (moved out when owned; the column is left empty).
    std::vector<T> release()
    {
        ownVector();
        std::vector<T> v = std::move(m_own);
        m_own.clear();
        sync();
        return v;
    }

    friend bool operator==(const Column& a, const Column& b)
    {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }
    friend bool operator==(const Column& a, const std::vector<T>& b)
    {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    void sync()
    {
        m_data = m_own.data();
        m_size = m_own.size();
    }
    /// Makes the elements writable: a mapped column is copied into a vector of its own.
    void own()
    {
        if (m_keep)
            ownVector();
    }
    /// Makes the elements an owned vector (for calls that change the size): a mapped column or an uninitialised
    /// buffer is copied into one.
    void ownVector()
    {
        if (m_keep || m_raw) {
            std::vector<T> v(m_data, m_data + m_size);
            m_keep.reset();
            m_raw.reset();
            m_own = std::move(v);
            sync();
        }
    }
    std::vector<T> m_own;
    std::unique_ptr<T[]> m_raw; ///< the uninitialised buffer of resizeForOverwrite (m_own is empty then)
    T* m_data = nullptr;
    size_t m_size = 0;
    std::shared_ptr<const void> m_keep; ///< the mapping, when mapped
};

} // namespace v8scope
