// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "treemappage.h"

#include <heap/heapanalysis.h>
#include <models/format.h>
#include <widgets/treemapwidget.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QRegularExpression>
#include <QToolButton>
#include <QVBoxLayout>

namespace v8scope::gui {

TreemapPage::TreemapPage(std::shared_ptr<const HeapAnalysis> analysis, QWidget* parent)
    : QWidget(parent)
    , m_analysis(std::move(analysis))
    , m_map(new TreemapWidget(this))
    , m_breadcrumb(new QLabel(this))
    , m_zoomOut(new QToolButton(this))
{
    m_zoomOut->setText(tr("Zoom Out"));
    m_zoomOut->setToolTip(tr("Show the dominator of the current frame (one level out)"));
    m_breadcrumb->setTextFormat(Qt::RichText);
    m_breadcrumb->setToolTip(tr("The zoom path from the root: click a step to zoom back out to it"));
    connect(m_breadcrumb, &QLabel::linkActivated, this, [this](const QString& link) {
        m_map->setFocusNode(link.mid(5).toUInt()); // "node:123"
    });
    connect(m_zoomOut, &QToolButton::clicked, this, [this] {
        const uint32_t parent = m_analysis->dominatorParent(m_map->focusNode());
        if (parent != kNoNode)
            m_map->setFocusNode(parent);
    });
    connect(m_map, &TreemapWidget::focusChanged, this, &TreemapPage::updateBreadcrumb);
    connect(m_map, &TreemapWidget::nodeClicked, this, &TreemapPage::nodeSelected);
    auto* top = new QHBoxLayout;
    top->addWidget(m_zoomOut);
    top->addWidget(m_breadcrumb, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_map, 1);
    m_map->setAnalysis(m_analysis);
    updateBreadcrumb();
}

void TreemapPage::updateBreadcrumb()
{
    const HeapAnalysis& a = *m_analysis;
    QStringList steps;
    const uint32_t focus = m_map->focusNode();
    for (uint32_t n = focus; n != kNoNode; n = a.dominatorParent(n)) {
        const QString label = nodeLabel(a, n).toHtmlEscaped();
        steps.prepend(n == focus ? QStringLiteral("<b>%1</b> (%2)").arg(label, formatBytes(a.retainedSize[n]))
                                 : QStringLiteral("<a href='node:%1'>%2</a>").arg(n).arg(label));
        if (steps.size() > 12) {
            steps.prepend(QStringLiteral("..."));
            break;
        }
    }
    m_breadcrumb->setText(steps.join(QStringLiteral(" &rsaquo; ")));
    m_zoomOut->setEnabled(focus != a.root());
}

QString TreemapPage::breadcrumbText() const
{
    QString html = m_breadcrumb->text();
    html.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return html.replace(QStringLiteral("&rsaquo;"), QStringLiteral(">"));
}

bool TreemapPage::savePng(const QString& path) const
{
    return m_map->grab().save(path, "PNG");
}

} // namespace v8scope::gui
