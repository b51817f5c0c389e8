// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "nodecells.h"

#include "format.h"
#include "roles.h"

#include <heap/heapanalysis.h>

#include <QCoreApplication>

namespace v8scope::gui {

QVariant nodeCell(const HeapAnalysis& a, uint32_t node, NodeField field, int role)
{
    const double total = double(a.totalSize());
    const uint64_t self = a.selfSize[node];
    const uint64_t retained = a.retainedSize[node];
    switch (role) {
    case Qt::DisplayRole:
        switch (field) {
        case NodeField::Name:
            return nodeLabel(a, node);
        case NodeField::Distance:
            return formatDistance(a.distance[node]);
        case NodeField::Shallow:
            return formatBytes(self);
        case NodeField::ShallowPercent:
            return formatPercent(double(self), total);
        case NodeField::Retained:
            return formatBytes(retained);
        case NodeField::RetainedPercent:
            return formatPercent(double(retained), total);
        }
        break;
    case SortRole:
        switch (field) {
        case NodeField::Name:
            return nodeLabel(a, node);
        case NodeField::Distance:
            return a.distance[node];
        case NodeField::Shallow:
        case NodeField::ShallowPercent:
            return qulonglong(self);
        case NodeField::Retained:
        case NodeField::RetainedPercent:
            return qulonglong(retained);
        }
        break;
    case ShareRole:
        if (field == NodeField::Shallow)
            return total > 0 ? double(self) / total : 0.0;
        if (field == NodeField::Retained)
            return total > 0 ? double(retained) / total : 0.0;
        break;
    case Qt::ToolTipRole:
        if (field == NodeField::Shallow || field == NodeField::ShallowPercent)
            return exactBytes(self);
        if (field == NodeField::Retained || field == NodeField::RetainedPercent)
            return exactBytes(retained);
        if (field == NodeField::Name)
            return nodeLabel(a, node);
        break;
    case Qt::TextAlignmentRole:
        return field == NodeField::Name ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                        : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case NodeRole:
        return uint(node);
    default:
        break;
    }
    return {};
}

QString nodeFieldTitle(NodeField field)
{
    switch (field) {
    case NodeField::Name:
        return QCoreApplication::translate("NodeField", "Object");
    case NodeField::Distance:
        return QCoreApplication::translate("NodeField", "Distance");
    case NodeField::Shallow:
        return QCoreApplication::translate("NodeField", "Shallow size");
    case NodeField::Retained:
        return QCoreApplication::translate("NodeField", "Retained size");
    case NodeField::ShallowPercent:
    case NodeField::RetainedPercent:
        return QStringLiteral("%");
    }
    return {};
}

QString nodeFieldHelp(NodeField field)
{
    switch (field) {
    case NodeField::Name:
        return QCoreApplication::translate("NodeField", "Class, name and @id of the object, as DevTools shows them");
    case NodeField::Distance:
        return QCoreApplication::translate(
            "NodeField", "Fewest references from a GC root (- when reachable only through system roots)");
    case NodeField::Shallow:
        return QCoreApplication::translate("NodeField", "Bytes held by the object itself");
    case NodeField::ShallowPercent:
        return QCoreApplication::translate("NodeField", "Shallow size as a share of the total heap");
    case NodeField::Retained:
        return QCoreApplication::translate(
            "NodeField", "Bytes freed if this object were collected: everything it dominates");
    case NodeField::RetainedPercent:
        return QCoreApplication::translate("NodeField", "Retained size as a share of the total heap");
    }
    return {};
}

} // namespace v8scope::gui
