// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "nodecells.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace v8scope {
class HeapAnalysis;
class RetainersView;
} // namespace v8scope

namespace v8scope::gui {

/// A tree that follows the heap graph, where one object can appear on many paths (so, unlike the dominator
/// tree, a row is not a node): the Retainers pane (children = who references the row's object, nearest to a GC
/// root first) and the Containment view (children = what the row's object references, in the file's edge
/// order). This is the one model with per-row bookkeeping: an expanded row's children become items in one flat
/// vector (internalId = item index) when the row is first expanded (fetchMore), and are shown kPageSize at a
/// time as the view scrolls (canFetchMore/fetchMore, DevTools' "show next 100").
class GraphTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Direction
    {
        Retainers,
        Containment,
    };
    enum Columns
    {
        NameColumn,
        DistanceColumn,
        ShallowColumn,
        ShallowPercentColumn,
        RetainedColumn,
        RetainedPercentColumn,
        NUM_COLUMNS
    };
    static constexpr uint32_t kPageSize = 100;

    explicit GraphTreeModel(Direction direction, QObject* parent = nullptr);
    ~GraphTreeModel() override;

    void setAnalysis(std::shared_ptr<const HeapAnalysis> analysis);
    const HeapAnalysis* analysis() const
    {
        return m_analysis.get();
    }
    const std::shared_ptr<const HeapAnalysis>& analysisPtr() const
    {
        return m_analysis;
    }
    /// The object whose retainers (or contents) are the top-level rows; kNoNode clears the tree.
    void setTarget(uint32_t node);
    /// Retainers only: DevTools' Retainers view with ignored nodes ("Ignore this retainer"), computed for this
    /// model's analysis (RetainersView::compute); null: nothing ignored. Rows then sort by the view's distances, the
    /// Distance column shows them ("ignored" on an ignored retainer's row, "-" when unreachable without the
    /// ignored nodes), ignored rows are struck out and rows unreachable without them greyed. Rebuilds the rows
    /// (as setTarget); expand the shortest path again with shortestPath().
    void setRetainersView(std::shared_ptr<const RetainersView> view);
    const RetainersView* retainersView() const
    {
        return m_view.get();
    }
    /// The distance a Retainers row sorts by: DevTools' retainer-edge distance (the view's when one is set;
    /// unreachable rows from RetainersView::kBaseUnreachableDistance up).
    int32_t rowDistance(const QModelIndex& index) const;
    /// Whether the row's object is an ignored retainer.
    bool isIgnored(const QModelIndex& index) const;
    uint32_t target() const
    {
        return m_target;
    }
    /// The object a row stands for (the retainer, or the referenced object).
    uint32_t nodeAt(const QModelIndex& index) const;
    /// The edge that links a row to its parent row's object (or to the target at the top level).
    uint32_t edgeAt(const QModelIndex& index) const;
    /// Retainers only: the rows of the shortest path to a GC root (at each level the non-weak retainer with the
    /// smallest distance, which comes first), fetching children as needed, top-level row first. Stops at a
    /// distance-1 object (a user root), the snapshot root, a row unreachable without the ignored nodes (as DevTools'
    /// expandRetainersChain) or after `maxDepth` levels. Those rows report HighlightRole true.
    QList<QModelIndex> shortestPath(int maxDepth = 100);
    /// The retaining path as text, one edge per line from the GC root down to the target (Copy Retaining Path).
    QString pathText(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static constexpr uint32_t kNone = UINT32_MAX;
    static constexpr uint32_t kTop = UINT32_MAX - 1; ///< the virtual parent of the top-level items
    struct Item
    {
        uint32_t node; ///< the object this row shows
        uint32_t edge; ///< the edge linking it to the parent row's object
        uint32_t parent; ///< parent item, or kTop
        uint32_t row;
        uint32_t firstChild = kNone; ///< children are items firstChild .. firstChild + childTotal - 1
        uint32_t childTotal = 0; ///< valid once firstChild != kNone
        uint32_t childShown = 0;
        bool highlighted = false;
    };
    uint32_t neighbourCount(uint32_t node) const;
    /// Appends the item children of `node` (sorted) and returns the first one's index.
    uint32_t materialize(uint32_t node, uint32_t parentItem, uint32_t* count);
    uint32_t itemOf(const QModelIndex& index) const
    {
        return uint32_t(index.internalId());
    }
    bool isWeak(uint32_t edge) const;
    int32_t itemDistance(const Item& it) const;
    /// The view ignores some nodes (else the Distance column is the analysis' as in every other tree).
    bool ignoring() const;

    Direction m_direction;
    std::shared_ptr<const HeapAnalysis> m_analysis;
    std::shared_ptr<const RetainersView> m_view;
    uint32_t m_target = UINT32_MAX;
    std::vector<Item> m_items;
    uint32_t m_topFirst = kNone, m_topTotal = 0, m_topShown = 0;
};

} // namespace v8scope::gui
