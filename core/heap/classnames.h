// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/column.h>
#include <common/progress.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

class HeapAnalysis;

/// An object-shape definition: plain objects with these properties get the class name `name` ("{a, b, c}").
struct InterfaceDefinition
{
    std::string name;
    std::vector<std::string> properties; ///< raw property names, in the order of the defining object's edges
};

/// DevTools' class of every node (calculateObjectNames + applyInterfaceDefinitions).
///
/// Class ids follow DevTools' string-index identity: an id below `rawCount` is a node name index (the snapshot's
/// strings, then the analysis' renamed "Detached ..." names); ids from `rawCount` on are names added here
/// ("(system)", "<div>", "{a, b}"). Two ids can carry the same text; DevTools keeps them apart inside one
/// snapshot and merges them by text when it builds public class keys, and so do we.
class ClassNames
{
public:
    Column<uint32_t> classId; ///< per node
    std::vector<std::string> added; ///< names of ids >= rawCount
    uint32_t rawCount = 0;
    std::vector<InterfaceDefinition> definitions; ///< the definitions applied
    const HeapAnalysis* analysis = nullptr;

    std::string_view nameOf(uint32_t id) const;
    std::string_view className(uint32_t node) const
    {
        return nameOf(classId[node]);
    }

    /// Computes classes; with `definitions` null the snapshot's own object shapes are inferred (DevTools'
    /// default), otherwise the given ones are applied (what a comparison does to its base snapshot).
    /// `control` (optional) is polled in the long loops; a cancelled computation returns partial classes.
    static ClassNames compute(const HeapAnalysis& analysis, const std::vector<InterfaceDefinition>* definitions,
        const TaskControl* control = nullptr);
};

/// DevTools' formatPropertyName: names with , ' " { or } are shown JSON-quoted.
std::string formatPropertyName(std::string_view name);
/// Length in UTF-16 code units of UTF-8 text (JavaScript's String.length).
size_t utf16Length(std::string_view s);
/// JavaScript string order (UTF-16 code units) for UTF-8 text.
bool utf16Less(std::string_view a, std::string_view b);

} // namespace v8scope
