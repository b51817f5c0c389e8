// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace v8scope::gui {

/// Draws a cost cell as heaptrack and hotspot do, better aligned: an inline bar behind the right-aligned number,
/// its width the row's share of the total (the model's ShareRole, 0..1) and its hue running from green (small)
/// through yellow to orange (large). Cells without a ShareRole are drawn as usual.
class CostDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit CostDelegate(QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    /// The bar colour for a share 0..1 (also used by charts, so a share looks the same everywhere).
    static QColor barColor(double share, bool dark);
};

} // namespace v8scope::gui
