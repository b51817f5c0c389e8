// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "graphtreemodel.h"

#include "format.h"
#include "roles.h"

#include <heap/heapanalysis.h>
#include <heap/retainersview.h>

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace v8scope::gui {

namespace {
const NodeField kFields[] = { NodeField::Name, NodeField::Distance, NodeField::Shallow, NodeField::ShallowPercent,
    NodeField::Retained, NodeField::RetainedPercent };

/// "name (type)" as the CLI's retainers command prints an edge; elements as "[3]".
QString edgeText(const HeapSnapshot& s, uint32_t edge)
{
    const QString name = QString::fromStdString(s.edgeName(edge));
    if (s.edgeType[edge] == s.edgeTypes.element)
        return QStringLiteral("[%1]").arg(name);
    const std::string_view type = s.edgeTypeName(edge);
    return QStringLiteral("%1 (%2)").arg(name, QString::fromUtf8(type.data(), qsizetype(type.size())));
}
} // namespace

GraphTreeModel::GraphTreeModel(Direction direction, QObject* parent)
    : QAbstractItemModel(parent)
    , m_direction(direction)
{
}

GraphTreeModel::~GraphTreeModel() = default;

void GraphTreeModel::setAnalysis(std::shared_ptr<const HeapAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    m_view.reset();
    setTarget(m_direction == Direction::Containment && m_analysis ? m_analysis->root() : kNoNode);
}

void GraphTreeModel::setTarget(uint32_t node)
{
    beginResetModel();
    m_items.clear();
    m_target = m_analysis && node < m_analysis->nodeCount() ? node : kNoNode;
    m_topFirst = kNone;
    m_topTotal = m_topShown = 0;
    if (m_target != kNoNode) {
        m_topFirst = materialize(m_target, kTop, &m_topTotal);
        m_topShown = std::min(m_topTotal, kPageSize);
    }
    endResetModel();
}

void GraphTreeModel::setRetainersView(std::shared_ptr<const RetainersView> view)
{
    if (m_direction != Direction::Retainers || (view && &view->analysis() != m_analysis.get()))
        view.reset(); // a view of another snapshot (a stale result) never applies
    m_view = std::move(view);
    setTarget(m_target);
}

bool GraphTreeModel::ignoring() const
{
    return m_view && m_view->hasIgnoredNodes();
}

int32_t GraphTreeModel::itemDistance(const Item& it) const
{
    if (m_view)
        return m_view->retainerDistance(it.edge, it.node);
    const int32_t d = m_analysis->distance[it.node];
    return d == HeapAnalysis::kNoDistance ? RetainersView::kBaseUnreachableDistance : d;
}

int32_t GraphTreeModel::rowDistance(const QModelIndex& index) const
{
    return index.isValid() ? itemDistance(m_items[itemOf(index)]) : 0;
}

bool GraphTreeModel::isIgnored(const QModelIndex& index) const
{
    return index.isValid() && m_view && m_view->isIgnored(m_items[itemOf(index)].node);
}

bool GraphTreeModel::isWeak(uint32_t edge) const
{
    const auto& s = *m_analysis->snapshot;
    return s.edgeType[edge] == s.edgeTypes.weak;
}

uint32_t GraphTreeModel::neighbourCount(uint32_t node) const
{
    if (m_direction == Direction::Retainers) {
        const auto& first = m_analysis->retainers.firstRetainer;
        return first[node + 1] - first[node];
    }
    const auto& first = m_analysis->snapshot->firstEdge;
    return first[node + 1] - first[node];
}

uint32_t GraphTreeModel::materialize(uint32_t node, uint32_t parentItem, uint32_t* count)
{
    const HeapAnalysis& a = *m_analysis;
    const auto& s = *a.snapshot;
    const uint32_t first = uint32_t(m_items.size());
    if (m_direction == Direction::Retainers) {
        const auto& r = a.retainers;
        std::vector<uint32_t> edges;
        r.edges(s, node, edges);
        for (uint32_t slot = r.firstRetainer[node]; slot < r.firstRetainer[node + 1]; ++slot)
            m_items.push_back({ r.retainerNode[slot], edges[slot - r.firstRetainer[node]], parentItem, 0 });
        // Nearest to a GC root first: strong before weak, then DevTools' retainer distance (the Retainers view's
        // when nodes are ignored; unreachable last), then id.
        auto key = [&](const Item& it) {
            return std::make_tuple(isWeak(it.edge), itemDistance(it), s.nodeId[it.node], it.edge);
        };
        std::sort(
            m_items.begin() + first, m_items.end(), [&](const Item& x, const Item& y) { return key(x) < key(y); });
    } else {
        for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e)
            m_items.push_back({ s.edgeTarget[e], e, parentItem, 0 });
    }
    *count = uint32_t(m_items.size()) - first;
    for (uint32_t i = 0; i < *count; ++i)
        m_items[first + i].row = i;
    return first;
}

QModelIndex GraphTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!m_analysis || row < 0 || column < 0 || column >= NUM_COLUMNS)
        return {};
    if (!parent.isValid())
        return uint32_t(row) < m_topShown ? createIndex(row, column, quintptr(m_topFirst + uint32_t(row)))
                                          : QModelIndex();
    const Item& p = m_items[itemOf(parent)];
    if (p.firstChild == kNone || uint32_t(row) >= p.childShown)
        return {};
    return createIndex(row, column, quintptr(p.firstChild + uint32_t(row)));
}

QModelIndex GraphTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const Item& it = m_items[itemOf(child)];
    if (it.parent == kTop)
        return {};
    return createIndex(int(m_items[it.parent].row), 0, quintptr(it.parent));
}

int GraphTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!m_analysis)
        return 0;
    if (!parent.isValid())
        return int(m_topShown);
    if (parent.column() != 0)
        return 0;
    return int(m_items[itemOf(parent)].childShown);
}

int GraphTreeModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() && parent.column() != 0 ? 0 : NUM_COLUMNS;
}

bool GraphTreeModel::hasChildren(const QModelIndex& parent) const
{
    if (!m_analysis)
        return false;
    if (!parent.isValid())
        return m_topTotal > 0;
    if (parent.column() != 0)
        return false;
    const Item& it = m_items[itemOf(parent)];
    return it.firstChild == kNone ? neighbourCount(it.node) > 0 : it.childTotal > 0;
}

bool GraphTreeModel::canFetchMore(const QModelIndex& parent) const
{
    if (!m_analysis)
        return false;
    if (!parent.isValid())
        return m_topShown < m_topTotal;
    if (parent.column() != 0)
        return false;
    const Item& it = m_items[itemOf(parent)];
    return it.firstChild == kNone ? neighbourCount(it.node) > 0 : it.childShown < it.childTotal;
}

void GraphTreeModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    if (!parent.isValid()) {
        const uint32_t next = std::min(m_topTotal, m_topShown + kPageSize);
        beginInsertRows({}, int(m_topShown), int(next) - 1);
        m_topShown = next;
        endInsertRows();
        return;
    }
    const uint32_t item = itemOf(parent);
    if (m_items[item].firstChild == kNone) {
        uint32_t count = 0;
        const uint32_t first = materialize(m_items[item].node, item, &count); // may reallocate m_items
        m_items[item].firstChild = first;
        m_items[item].childTotal = count;
    }
    Item& it = m_items[item];
    const uint32_t next = std::min(it.childTotal, it.childShown + kPageSize);
    if (next == it.childShown)
        return;
    beginInsertRows(parent, int(it.childShown), int(next) - 1);
    m_items[item].childShown = next;
    endInsertRows();
}

uint32_t GraphTreeModel::nodeAt(const QModelIndex& index) const
{
    return index.isValid() ? m_items[itemOf(index)].node : kNoNode;
}

uint32_t GraphTreeModel::edgeAt(const QModelIndex& index) const
{
    return index.isValid() ? m_items[itemOf(index)].edge : kNoNode;
}

QList<QModelIndex> GraphTreeModel::shortestPath(int maxDepth)
{
    QList<QModelIndex> path;
    if (m_direction != Direction::Retainers || m_topTotal == 0)
        return path;
    for (Item& it : m_items)
        it.highlighted = false;
    QModelIndex current = index(0, 0);
    for (int depth = 0; depth < maxDepth && current.isValid(); ++depth) {
        Item& it = m_items[itemOf(current)];
        const int32_t d = itemDistance(it);
        if (isWeak(it.edge) || !RetainersView::isReachable(d))
            break;
        it.highlighted = true;
        path << current;
        if (it.node == m_analysis->root() || d <= 1 || d == HeapAnalysis::kBaseSystemDistance)
            break;
        if (canFetchMore(current) && m_items[itemOf(current)].childShown == 0)
            fetchMore(current);
        current = index(0, 0, current);
    }
    for (const QModelIndex& i : path)
        Q_EMIT dataChanged(i, i.siblingAtColumn(NUM_COLUMNS - 1), { HighlightRole, Qt::FontRole });
    return path;
}

QString GraphTreeModel::pathText(const QModelIndex& index) const
{
    if (!index.isValid() || !m_analysis)
        return {};
    const HeapAnalysis& a = *m_analysis;
    const auto& s = *a.snapshot;
    QStringList lines;
    uint32_t item = itemOf(index);
    if (m_direction == Direction::Retainers) {
        // The row is nearest to the root; walk towards the target.
        lines << nodeLabel(a, m_items[item].node);
        for (;;) {
            const Item& it = m_items[item];
            const uint32_t next = it.parent == kTop ? m_target : m_items[it.parent].node;
            lines << QStringLiteral("  -> %1 -> %2").arg(edgeText(s, it.edge), nodeLabel(a, next));
            if (it.parent == kTop)
                break;
            item = it.parent;
        }
    } else {
        QStringList reversed;
        for (;;) {
            const Item& it = m_items[item];
            reversed.prepend(QStringLiteral("  -> %1 -> %2").arg(edgeText(s, it.edge), nodeLabel(a, it.node)));
            if (it.parent == kTop)
                break;
            item = it.parent;
        }
        lines << nodeLabel(a, m_target);
        lines << reversed;
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant GraphTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_analysis)
        return {};
    const Item& it = m_items[itemOf(index)];
    const auto& s = *m_analysis->snapshot;
    const bool weak = isWeak(it.edge);
    const bool retainers = m_direction == Direction::Retainers;
    const bool ignored = retainers && m_view && m_view->isIgnored(it.node);
    // DevTools fades the rows a GC root no longer reaches (without the ignored nodes) and marks ignored ones.
    if (retainers && role == Qt::ForegroundRole && (ignored || !RetainersView::isReachable(itemDistance(it))))
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (ignoring() && index.column() == DistanceColumn) {
        switch (role) {
        case Qt::DisplayRole:
            return ignored ? tr("ignored") : formatDistance(itemDistance(it));
        case SortRole:
            return itemDistance(it);
        case Qt::ToolTipRole:
            return ignored
                ? tr("Ignored: the distances are recomputed as if nothing referenced this object")
                : tr("Distance recomputed without the ignored retainers: %1")
                      .arg(RetainersView::isReachable(itemDistance(it)) ? formatDistance(itemDistance(it))
                                                                        : tr("unreachable from the GC roots"));
        default:
            break;
        }
    }
    switch (role) {
    case EdgeRole:
        return uint(it.edge);
    case WeakRole:
        return weak;
    case HighlightRole:
        return it.highlighted;
    case MoreRowRole:
        return false;
    case Qt::FontRole:
        if (weak || it.highlighted || ignored) {
            QFont f;
            f.setItalic(weak);
            f.setBold(it.highlighted);
            f.setStrikeOut(ignored && index.column() == NameColumn);
            return f;
        }
        return {};
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case SortRole:
        if (index.column() == NameColumn) {
            QString text = edgeText(s, it.edge)
                + (m_direction == Direction::Retainers ? QStringLiteral(" in ") : QStringLiteral(" :: "))
                + nodeLabel(*m_analysis, it.node);
            if (weak)
                text += tr("  (weak)");
            if (ignored)
                text += tr("  (ignored)");
            return text;
        }
        break;
    default:
        break;
    }
    return nodeCell(*m_analysis, it.node, kFields[index.column()], role);
}

QVariant GraphTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    if (section == NameColumn && role == Qt::DisplayRole)
        return m_direction == Direction::Retainers ? tr("Retainer") : tr("Object");
    if (section == NameColumn && role == Qt::ToolTipRole)
        return m_direction == Direction::Retainers
            ? tr("Who references the object: the edge, then the referencing object. Nearest to a GC root first; the "
                 "shortest path to a root is expanded and bold; weak references are italic")
            : tr("What the object references: the edge, then the referenced object, in the snapshot's order");
    if (role == Qt::DisplayRole)
        return nodeFieldTitle(kFields[section]);
    if (role == Qt::ToolTipRole)
        return nodeFieldHelp(kFields[section]);
    if (role == Qt::TextAlignmentRole)
        return section == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

} // namespace v8scope::gui
