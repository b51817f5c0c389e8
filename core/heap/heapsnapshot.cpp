// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapsnapshot.h"

namespace v8scope {

uint32_t StringTable::find(std::string_view s) const
{
    for (uint32_t i = 0; i < size(); ++i)
        if (get(i) == s)
            return i;
    return StringIndex::kInvalid;
}

std::string HeapSnapshot::edgeName(uint32_t edge) const
{
    if (edgeHasStringName(edge))
        return std::string(strings.get(edgeNameOrIndex[edge]));
    return std::to_string(edgeNameOrIndex[edge]);
}

uint32_t HeapSnapshot::findNodeById(uint32_t id) const
{
    for (uint32_t i = 0; i < nodeCount; ++i)
        if (nodeId[i] == id)
            return i;
    return kNoNode;
}

} // namespace v8scope
