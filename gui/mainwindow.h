// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/documentloader.h>

#include <QMainWindow>
#include <QStringList>

#include <functional>

class QAction;
class QMenu;
class QTabWidget;
class QStackedWidget;

namespace v8scope::gui {

class DocumentTab;

/// The viewer's window: one tab per document (a heap snapshot, a CPU profile, a comparison), File menu with
/// Open / Open Recent / Compare / Export / Close, drag and drop, and the Go menu (Back, Forward, Filter, Go to
/// object) that acts on the current tab's view through DocumentActions.
///
/// How other pages plug in (keep each hook one line in gui/extensions.cpp, installExtensions()):
/// - CPU profiles: setProfilePageFactory(f). When a file turns out to be a CPU profile, its tab calls
///   f(document, tab) and shows the returned widget (inherit DocumentActions to get Ctrl+F, Back/Forward,
///   Export). Without a factory the tab says that CPU profiles are not supported yet.
/// - Comparisons and leak views: setCompareHandler(h). File > Compare... is enabled once a handler is set and
///   calls h(window); the handler reads openHeapPaths() (the paths of every open, loaded heap snapshot, in tab
///   order), asks the user what to compare, and shows its result with addDocumentTab(widget, title, tooltip).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    using ProfilePageFactory = std::function<QWidget*(const ProfileDocument& document, QWidget* parent)>;
    using CompareHandler = std::function<void(MainWindow* window)>;
    using CompareFilesHandler = std::function<void(MainWindow* window, const QString& base, const QString& head)>;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens `path` in a new tab (or activates the tab that already shows it) and starts loading it. `parsed`
    /// (a new tab only): see DocumentLoader::setParsedHook.
    void openFile(const QString& path, ParsedHook parsed = {});
    /// Paths of the heap snapshots open and loaded, in tab order (for Compare...).
    QStringList openHeapPaths() const;
    /// Adds a tab showing `page` (the window takes ownership) and makes it current; returns its index.
    int addDocumentTab(QWidget* page, const QString& title, const QString& toolTip = {});
    /// Number of document tabs, and the document tab at `index` (nullptr for tabs added by addDocumentTab).
    int documentCount() const;
    DocumentTab* documentTab(int index) const;
    QTabWidget* tabs() const
    {
        return m_tabs;
    }

    void setProfilePageFactory(ProfilePageFactory factory);
    const ProfilePageFactory& profilePageFactory() const
    {
        return m_profileFactory;
    }
    void setCompareHandler(CompareHandler handler);
    /// File > Compare Files... and `v8scope-gui --compare BASE HEAD`: compares two snapshot files (the handler
    /// reads them; pages/comparisonlauncher.h keeps one graph in memory at a time, as `v8scope diff`).
    void setCompareFilesHandler(CompareFilesHandler handler);
    void compareFiles(const QString& base, const QString& head);

    /// Limits and analysis-cache settings for every heap snapshot opened from now on (v8scope-gui --no-cache,
    /// --cache-dir; the CLI's options of the same names).
    void setHeapLoadOptions(const HeapLoadOptions& options)
    {
        m_heapOptions = options;
    }
    const HeapLoadOptions& heapLoadOptions() const
    {
        return m_heapOptions;
    }

    static QStringList recentFiles();
    /// File dialog filter naming every supported type.
    static QString fileDialogFilter();

Q_SIGNALS:
    /// A document tab was added, finished loading (or failed), or closed: pages over several documents (the
    /// claims panel) update.
    void documentsChanged();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void showOpenDialog();
    void showOpenClaimsDialog();
    void closeTab(int index);
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void updateActions();
    void goToObject();
    /// Gives every heap view the open snapshots in tab order (its Summary's "allocated between" entries).
    void updateSnapshotLists();

    QStackedWidget* m_stack = nullptr; ///< the welcome page or the tabs
    QWidget* m_welcome = nullptr;
    QTabWidget* m_tabs = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_compareAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_backAction = nullptr;
    QAction* m_forwardAction = nullptr;
    QAction* m_filterAction = nullptr;
    QAction* m_goToAction = nullptr;
    ProfilePageFactory m_profileFactory;
    HeapLoadOptions m_heapOptions;
    CompareHandler m_compareHandler;
    CompareFilesHandler m_compareFilesHandler;
    QAction* m_compareFilesAction = nullptr;
};

/// Registers the pages other engineers own (CPU profile views, Compare...). Called once by MainWindow's
/// constructor; defined in gui/extensions.cpp.
void installExtensions(MainWindow& window);

} // namespace v8scope::gui
