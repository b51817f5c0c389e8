// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QToolButton;

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

class TreemapWidget;

/// The Retained-size map page: a breadcrumb of the zoom path (each step a link back out), a Zoom Out button
/// and the treemap.
class TreemapPage : public QWidget
{
    Q_OBJECT
public:
    explicit TreemapPage(std::shared_ptr<const HeapAnalysis> analysis, QWidget* parent = nullptr);
    TreemapWidget* map() const
    {
        return m_map;
    }
    QString breadcrumbText() const;
    bool savePng(const QString& path) const;

Q_SIGNALS:
    void nodeSelected(uint32_t node);

private:
    void updateBreadcrumb();

    std::shared_ptr<const HeapAnalysis> m_analysis;
    TreemapWidget* m_map;
    QLabel* m_breadcrumb;
    QToolButton* m_zoomOut;
};

} // namespace v8scope::gui
