// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

/// A small JSON tree built from SAX events, for the parts of an input that are small and irregular (the heap
/// snapshot's "snapshot" header). Bounded in size and depth so a hostile header cannot exhaust memory.
class JsonTree
{
public:
    enum class Kind
    {
        Null,
        Bool,
        Number,
        String,
        Array,
        Object,
    };
    struct Node
    {
        Kind kind = Kind::Null;
        double number = 0;
        bool isUint = false;
        uint64_t uintValue = 0;
        std::string str;
        std::vector<std::string> keys; ///< for objects, parallel to items
        std::vector<Node> items;

        static Node null()
        {
            return Node {};
        }
        static Node boolean()
        {
            Node n;
            n.kind = Kind::Bool;
            return n;
        }
        static Node makeNumber(double d, bool isUint, uint64_t u)
        {
            Node n;
            n.kind = Kind::Number;
            n.number = d;
            n.isUint = isUint;
            n.uintValue = u;
            return n;
        }
        static Node string(std::string s)
        {
            Node n;
            n.kind = Kind::String;
            n.str = std::move(s);
            return n;
        }
        const Node* get(std::string_view key) const
        {
            for (size_t i = 0; i < keys.size(); ++i)
                if (keys[i] == key)
                    return &items[i];
            return nullptr;
        }
        bool getUint(std::string_view key, uint64_t& out) const
        {
            const Node* n = get(key);
            if (!n || n->kind != Kind::Number || !n->isUint)
                return false;
            out = n->uintValue;
            return true;
        }
        /// True and fills `out` when this is an array of strings.
        bool stringList(std::vector<std::string>& out) const
        {
            if (kind != Kind::Array)
                return false;
            out.clear();
            for (const Node& item : items) {
                if (item.kind != Kind::String)
                    return false;
                out.push_back(item.str);
            }
            return true;
        }
    };

    static constexpr size_t kMaxValues = 1'000'000;
    static constexpr size_t kMaxDepth = 64;

    bool startObject()
    {
        return open(Kind::Object);
    }
    bool startArray()
    {
        return open(Kind::Array);
    }
    bool key(std::string k)
    {
        m_pendingKey = std::move(k);
        return true;
    }
    bool value(Node n)
    {
        if (m_stack.empty())
            return true;
        if (++m_count > kMaxValues)
            return setError("header has more than 1,000,000 values");
        Node& top = *m_stack.back();
        if (top.kind == Kind::Object)
            top.keys.push_back(std::move(m_pendingKey));
        top.items.push_back(std::move(n));
        return true;
    }
    bool end()
    {
        if (!m_stack.empty())
            m_stack.pop_back();
        return true;
    }
    const Node& root() const
    {
        return m_root;
    }
    const std::string& error() const
    {
        return m_error;
    }
    void clear()
    {
        m_root = Node {};
        m_stack.clear();
    }

private:
    bool open(Kind kind)
    {
        if (m_stack.size() >= kMaxDepth)
            return setError("header nests deeper than 64 levels");
        if (m_stack.empty()) {
            m_root = Node {};
            m_root.kind = kind;
            m_stack.push_back(&m_root);
            return true;
        }
        Node n;
        n.kind = kind;
        if (!value(std::move(n)))
            return false;
        m_stack.push_back(&m_stack.back()->items.back());
        return true;
    }
    bool setError(std::string e)
    {
        m_error = std::move(e);
        return false;
    }

    Node m_root;
    std::vector<Node*> m_stack;
    std::string m_pendingKey;
    std::string m_error;
    size_t m_count = 0;
};

} // namespace v8scope
