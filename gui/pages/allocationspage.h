// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QTreeView;

namespace v8scope {
class AllocationProfile;
}
namespace v8scope::report {
class Table;
}

namespace v8scope::gui {

class TableModel;

/// DevTools' Allocation view (snapshots recorded with allocation tracking: .heaptimeline): the functions that
/// allocated, by allocated size, with the objects still alive (count and size) and all allocations; the rows of
/// `v8scope allocations` (core/report allocationsTable), sortable. The selected object's allocation stack is in
/// the object details pane.
class AllocationsPage : public QWidget
{
    Q_OBJECT
public:
    explicit AllocationsPage(std::shared_ptr<const AllocationProfile> profile, QWidget* parent = nullptr);
    ~AllocationsPage() override;
    TableModel* model() const
    {
        return m_model;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    /// The view's table (what Export writes).
    const report::Table& table() const;

private:
    std::shared_ptr<const AllocationProfile> m_profile;
    TableModel* m_model;
    QTreeView* m_view;
};

} // namespace v8scope::gui
