// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <functional>

class QAbstractItemModel;
class QLabel;
class QTreeView;

namespace v8scope::gui {

/// A page that is one heap tree (Dominators, Containment): a caption, the tree with cost bars and the shared
/// context menu. Rows report their object through NodeRole; pager rows (MoreRowRole) call `showMore`.
class TreePage : public QWidget
{
    Q_OBJECT
public:
    using ShowMore = std::function<void(const QModelIndex& pager, bool all)>;
    TreePage(QAbstractItemModel* model, const QString& caption, ShowMore showMore, QWidget* parent = nullptr);
    QTreeView* view() const
    {
        return m_view;
    }
    /// Selects and reveals `index` (the caller got it from the model's indexOfNode).
    void selectIndex(const QModelIndex& index);

Q_SIGNALS:
    void nodeSelected(uint32_t node);
    /// "Show Retainer Graph" on an object's row.
    void graphRequested(uint32_t node);

private:
    QTreeView* m_view;
};

} // namespace v8scope::gui
