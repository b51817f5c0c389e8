// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "objectdetails.h"

#include <heap/allocations.h>
#include <report/exploreviews.h>
#include <report/writers.h>

#include <heap/heapanalysis.h>
#include <models/format.h>

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace v8scope::gui {

ObjectDetails::ObjectDetails(QWidget* parent)
    : QWidget(parent)
    , m_body(new QLabel(tr("Select an object in any view to see its details."), this))
    , m_copyPath(new QPushButton(tr("Copy Retaining Path"), this))
{
    m_body->setTextFormat(Qt::RichText);
    m_body->setWordWrap(true);
    m_body->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_body->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_copyPath->setToolTip(tr("Copy the shortest path from a GC root to this object, one reference per line"));
    m_copyPath->setEnabled(false);
    connect(m_copyPath, &QPushButton::clicked, this, [this] {
        if (m_pathText)
            QApplication::clipboard()->setText(m_pathText());
    });
    connect(m_body, &QLabel::linkActivated, this, [this](const QString& link) {
        bool ok = false;
        const uint node = link.mid(5).toUInt(&ok); // "node:123"
        if (ok)
            Q_EMIT nodeActivated(node);
    });
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_body);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_copyPath);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
}

void ObjectDetails::setAnalysis(std::shared_ptr<const HeapAnalysis> analysis)
{
    m_analysis = std::move(analysis);
    setNode(kNoNode, {});
}

QString ObjectDetails::text() const
{
    return m_body->text();
}

void ObjectDetails::setAllocationProfile(std::shared_ptr<const AllocationProfile> profile)
{
    m_allocations = std::move(profile);
    setNode(m_node, m_pathText);
}

void ObjectDetails::setNode(uint32_t node, std::function<QString()> pathText)
{
    m_node = node;
    m_pathText = std::move(pathText);
    const HeapAnalysis* a = m_analysis.get();
    m_copyPath->setEnabled(a && node != kNoNode && m_pathText);
    if (!a || node == kNoNode || node >= a->nodeCount()) {
        m_body->setText(tr("Select an object in any view to see its details."));
        return;
    }
    const HeapSnapshot& s = *a->snapshot;
    const double total = double(a->totalSize());
    auto row = [](const QString& key, const QString& value) {
        return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>").arg(key, value);
    };
    QString html = QStringLiteral("<table>");
    html += row(tr("Object"), nodeLabel(*a, node).toHtmlEscaped());
    html += row(tr("Id"), QStringLiteral("@%1").arg(s.nodeId[node]));
    const std::string_view type = s.nodeTypeName(node);
    html += row(tr("Type"), QString::fromUtf8(type.data(), qsizetype(type.size())).toHtmlEscaped());
    const std::string_view cls = a->className(node);
    html += row(tr("Class"), QString::fromUtf8(cls.data(), qsizetype(cls.size())).toHtmlEscaped());
    QString name = QString::fromStdString(a->displayName(node));
    if (name.size() > 300)
        name = name.left(297) + QStringLiteral("...");
    html += row(tr("Name"), name.toHtmlEscaped());
    html += row(tr("Shallow size"),
        QStringLiteral("%1 (%2, %3)")
            .arg(formatBytes(a->selfSize[node]), exactBytes(a->selfSize[node]),
                formatPercent(double(a->selfSize[node]), total)));
    html += row(tr("Retained size"),
        QStringLiteral("%1 (%2, %3)")
            .arg(formatBytes(a->retainedSize[node]), exactBytes(a->retainedSize[node]),
                formatPercent(double(a->retainedSize[node]), total)));
    html += row(tr("Distance"), formatDistance(a->distance[node]));
    const uint32_t dom = a->dominatorParent(node);
    if (dom != kNoNode)
        html += row(tr("Dominator"),
            QStringLiteral("<a href='node:%1'>%2</a>").arg(dom).arg(nodeLabel(*a, dom).toHtmlEscaped()));
    html += row(tr("References"), formatCount(s.firstEdge[node + 1] - s.firstEdge[node]));
    html += row(
        tr("Referenced by"), formatCount(a->retainers.firstRetainer[node + 1] - a->retainers.firstRetainer[node]));
    html += row(tr("Dominates"), formatCount(a->dominatedCount(node)));
    if (const HeapSnapshot::LocationSite* loc = s.locationSiteOf(node)) {
        // Locations are 0-based in the file; DevTools shows 1-based lines and columns.
        html += row(tr("Source"),
            tr("script %1, line %2, column %3").arg(loc->scriptId).arg(loc->line + 1).arg(loc->column + 1));
    }
    html += QStringLiteral("</table>");
    if (m_allocations) {
        // DevTools' allocation stack of the object: innermost frame first.
        const report::Table stack = report::allocationStackTable(*m_allocations, node);
        const size_t frame = stack.columnIndex("frame_label");
        html += QStringLiteral("<p><b>%1</b></p>").arg(tr("Allocation stack"));
        if (stack.rowCount() == 0 || frame >= stack.columnCount())
            html += tr("<p>No allocation stack (allocated before tracking started, or by the engine).</p>");
        for (size_t r = 0; r < stack.rowCount(); ++r)
            html += QStringLiteral("%1<br>").arg(
                QString::fromStdString(report::displayText(stack, r, frame)).toHtmlEscaped());
    }
    m_body->setText(html);
}

} // namespace v8scope::gui
