// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace v8scope::gui {

/// What the window's menus and shortcuts ask of the document shown in the current tab. A document's view widget
/// (the heap view, a CPU profile view, a comparison view) inherits QWidget and this interface; MainWindow finds
/// it with dynamic_cast and enables the actions a view says it supports. Everything has a no-op default.
class DocumentActions
{
public:
    virtual ~DocumentActions() = default;

    /// Ctrl+F: put the keyboard focus in the current page's filter line.
    virtual void focusFilter() { }
    /// Ctrl+L: ask for an object id ("@123" or "123") and select that object; false when the view has no objects.
    virtual bool supportsGoToObject() const
    {
        return false;
    }
    virtual void goToObject(const QString& id)
    {
        Q_UNUSED(id);
    }
    /// Back / Forward through the selections made in this document.
    virtual bool canGoBack() const
    {
        return false;
    }
    virtual bool canGoForward() const
    {
        return false;
    }
    virtual void goBack() { }
    virtual void goForward() { }
    /// File > Export: write the current table view (through core/report) or save the current chart/map as PNG.
    virtual bool canExport() const
    {
        return false;
    }
    virtual void exportCurrentView() { }
};

} // namespace v8scope::gui
