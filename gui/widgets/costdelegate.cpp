// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "costdelegate.h"

#include <models/roles.h>

#include <QApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace v8scope::gui {

CostDelegate::CostDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
{
}

QColor CostDelegate::barColor(double share, bool dark)
{
    // Hue 120 (green) for tiny shares to 20 (orange) at 50 % and above; a square root spreads the small shares.
    const double t = std::clamp(std::sqrt(std::clamp(share, 0.0, 1.0) * 2.0), 0.0, 1.0);
    const int hue = int(120 - 100 * t);
    return dark ? QColor::fromHsv(hue, 160, 120) : QColor::fromHsv(hue, 110, 250);
}

void CostDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant share = index.data(ShareRole);
    if (!share.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    // Background and selection first, then the bar, then the text on top.
    const QString text = opt.text;
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    const double s = std::clamp(share.toDouble(), 0.0, 1.0);
    if (s > 0) {
        const bool dark = opt.palette.color(QPalette::Base).lightness() < 128;
        QRect bar = opt.rect.adjusted(2, 2, -2, -2);
        bar.setWidth(std::max(1, int(std::lround(bar.width() * s))));
        painter->fillRect(bar, barColor(s, dark));
    }
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected && s == 0 ? QPalette::HighlightedText : QPalette::Text));
    painter->setFont(opt.font);
    const QRect textRect = opt.rect.adjusted(4, 0, -4, 0);
    painter->drawText(
        textRect, int(opt.displayAlignment), opt.fontMetrics.elidedText(text, Qt::ElideLeft, textRect.width()));
}

} // namespace v8scope::gui
