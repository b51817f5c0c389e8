// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "documentloader.h"

#include <QAbstractItemModel>
#include <QHash>

#include <vector>

namespace v8scope::gui {

/// DevTools' Summary as a three-level tree: class rows (distance, count, shallow, retained), each class's
/// objects (biggest retained first), each object's outgoing edges. Nothing is allocated per row:
///
/// internalId = kind (2 bits) | pager flag (1 bit) | class index c (29 bits) | position p (32 bits). A class row
/// is (kClass, c); the object at position p of class c is (kObject, c, p); the edges of that object are
/// (kEdge, c, p) with the edge's offset as row. Wide lists are paged (kPageSize rows at a time): after the shown
/// rows comes a pager row ("Show next 100", kPager) whose id names its list, not its position, so showMore()
/// inserts the new rows before it and nothing already shown changes.
class SummaryModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Columns
    {
        NameColumn,
        DistanceColumn,
        CountColumn,
        ShallowColumn,
        ShallowPercentColumn,
        RetainedColumn,
        RetainedPercentColumn,
        NUM_COLUMNS
    };
    static constexpr uint32_t kPageSize = 100;

    explicit SummaryModel(QObject* parent = nullptr);
    ~SummaryModel() override;

    void setSummary(const HeapSummary& summary);
    const HeapSummary& summary() const
    {
        return m_summary;
    }
    /// Keeps the classes whose name contains `text` (case-insensitive); empty shows all. Resets the model.
    void setFilter(const QString& text);
    QString filter() const
    {
        return m_filter;
    }
    /// Visible class rows, and the summary row index (into summary().rows) of visible row `row`.
    int visibleClassCount() const
    {
        return int(m_visible.size());
    }
    uint32_t classIndexAt(int row) const
    {
        return m_visible[size_t(row)];
    }

    /// The heap node a row stands for: the object, or an edge's target; kNoNode for class and pager rows.
    uint32_t nodeAt(const QModelIndex& index) const;
    /// The edge an edge row stands for, or kNoNode.
    uint32_t edgeAt(const QModelIndex& index) const;
    bool isPager(const QModelIndex& index) const;
    /// Turns the pager row `pager` into data and shows the next kPageSize rows (or all) after it.
    void showMore(const QModelIndex& pager, bool all);
    /// The object row of `node` (paging forward as needed); invalid when its class is filtered out or absent.
    QModelIndex indexOfNode(uint32_t node);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    enum Kind : quint64
    {
        kClass = 0,
        kObject = 1,
        kEdge = 2,
        kPager = 3, ///< bit 61 clear: the objects pager of class c; set: the edges pager of object (c, p)
    };
    static constexpr quint64 kEdgePagerBit = quint64(1) << 61;
    static quintptr makeId(Kind kind, uint32_t c, uint32_t p, bool edgePager = false)
    {
        return (quint64(kind) << 62) | (edgePager ? kEdgePagerBit : 0) | (quint64(c) << 32) | p;
    }
    static Kind kindOf(quintptr id)
    {
        return Kind(quint64(id) >> 62);
    }
    static bool isEdgePager(quintptr id)
    {
        return (quint64(id) & kEdgePagerBit) != 0;
    }
    static uint32_t classOf(quintptr id)
    {
        return uint32_t((quint64(id) >> 32) & 0x1FFFFFFF);
    }
    static uint32_t positionOf(quintptr id)
    {
        return uint32_t(quint64(id) & 0xFFFFFFFF);
    }
    /// Whether the pager `pagerId` is a row now (rows remain, and it is not being removed by showMore()).
    bool pagerShown(quintptr pagerId, uint32_t shown, uint32_t total) const
    {
        return shown < total && quint64(pagerId) != m_hiddenPager;
    }
    uint32_t objectNode(uint32_t c, uint32_t p) const;
    uint32_t edgeCount(uint32_t node) const;
    uint32_t edgesShown(uint32_t c, uint32_t p) const;
    QVariant classData(uint32_t c, int column, int role) const;
    QVariant nodeData(uint32_t node, int column, int role) const;
    QVariant pagerData(uint32_t shown, uint32_t total, int column, int role) const;
    void rebuildVisible();

    HeapSummary m_summary;
    const HeapAnalysis* m_analysis = nullptr;
    QString m_filter;
    std::vector<uint32_t> m_visible; ///< summary row index per visible row
    std::vector<uint32_t> m_visibleRow; ///< visible row per summary row (UINT32_MAX: filtered out)
    std::vector<uint32_t> m_shown; ///< objects shown per summary row
    QHash<quint64, uint32_t> m_edgesShown; ///< only for objects paged past the first kPageSize edges
    quint64 m_hiddenPager = ~quint64(0); ///< the pager being removed while showMore() shows the last rows
    int m_sortColumn = RetainedColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace v8scope::gui
