// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <functional>
#include <memory>

class QLabel;
class QPushButton;

namespace v8scope {
class AllocationProfile;
class HeapAnalysis;
} // namespace v8scope

namespace v8scope::gui {

/// The selected object's facts: id, type, name, class, self/retained size, distance, dominator, references,
/// source location when the snapshot has one; Copy Retaining Path puts the shortest path on the clipboard.
class ObjectDetails : public QWidget
{
    Q_OBJECT
public:
    explicit ObjectDetails(QWidget* parent = nullptr);
    void setAnalysis(std::shared_ptr<const HeapAnalysis> analysis);
    /// Snapshots recorded with allocation tracking: the details then end with the object's allocation stack
    /// (`v8scope allocations --id`), innermost frame first.
    void setAllocationProfile(std::shared_ptr<const AllocationProfile> profile);
    /// `pathText` gives the retaining path text when Copy is pressed (the Retainers pane's shortest path).
    void setNode(uint32_t node, std::function<QString()> pathText);
    QString text() const;

Q_SIGNALS:
    /// The dominator link was clicked.
    void nodeActivated(uint32_t node);

private:
    std::shared_ptr<const HeapAnalysis> m_analysis;
    std::shared_ptr<const AllocationProfile> m_allocations;
    uint32_t m_node = UINT32_MAX;
    QLabel* m_body;
    QPushButton* m_copyPath;
    std::function<QString()> m_pathText;
};

} // namespace v8scope::gui
