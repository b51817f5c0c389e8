// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/documentloader.h>

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace v8scope::gui {

class SummaryModel;

/// DevTools' Summary: a class filter line and preset combo above the class tree (class -> objects -> edges).
class SummaryPage : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryPage(QWidget* parent = nullptr);
    void setSummary(const HeapSummary& summary);
    SummaryModel* model() const
    {
        return m_model;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    QLineEdit* filterLine() const
    {
        return m_filter;
    }
    /// Selects `node`'s row (paging forward as needed); false when its class is not shown.
    bool selectNode(uint32_t node);

Q_SIGNALS:
    void nodeSelected(uint32_t node);

private:
    void updateStatus();

    SummaryModel* m_model;
    QTreeView* m_view;
    QLineEdit* m_filter;
    QComboBox* m_preset;
    QLabel* m_status;
};

} // namespace v8scope::gui
