// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "documentactions.h"
#include "documenttab.h"
#include "pages/claimspage.h"
#include "pages/heapview.h"
#include "pages/summarypage.h"

#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace v8scope::gui {

namespace {

constexpr int kMaxRecent = 10;
const char* const kRecentKey = "recentFiles";

DocumentActions* actionsOf(QWidget* tabPage)
{
    if (auto* tab = qobject_cast<DocumentTab*>(tabPage))
        return dynamic_cast<DocumentActions*>(tab->view());
    return dynamic_cast<DocumentActions*>(tabPage);
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_stack(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("v8scope"));
    setAcceptDrops(true);
    resize(1400, 900);

    m_welcome = new QLabel(tr("<h2>v8scope</h2><p>Open a heap snapshot (.heapsnapshot, .heaptimeline) or a CPU "
                              "profile (.cpuprofile, .heapprofile, trace .json), plain or gzip:</p><p>File &gt; "
                              "Open (Ctrl+O), or drop files on this window.</p>"),
        m_stack);
    static_cast<QLabel*>(m_welcome)->setAlignment(Qt::AlignCenter);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_tabs);
    setCentralWidget(m_stack);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);

    connect(this, &MainWindow::documentsChanged, this, &MainWindow::updateSnapshotLists);
    connect(m_tabs->tabBar(), &QTabBar::tabMoved, this, &MainWindow::updateSnapshotLists);

    createActions();
    installExtensions(*this);
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open..."), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open a heap snapshot or CPU profile in a new tab"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    m_compareAction = file->addAction(tr("&Compare..."), this, [this] {
        if (m_compareHandler)
            m_compareHandler(this);
    });
    m_compareAction->setToolTip(tr("Compare two open heap snapshots"));
    m_compareFilesAction = file->addAction(tr("Compare &Files..."), this, [this] {
        const QStringList recent = recentFiles();
        const QString dir = recent.isEmpty() ? QString() : QFileInfo(recent.first()).absolutePath();
        const QString filter = tr("Heap snapshots (*.heapsnapshot *.heaptimeline *.gz);;All files (*)");
        const QString base
            = QFileDialog::getOpenFileName(this, tr("Compare Files: the base (older) snapshot"), dir, filter);
        if (base.isEmpty())
            return;
        const QString head = QFileDialog::getOpenFileName(this,
            tr("Compare Files: the snapshot to compare with %1").arg(QFileInfo(base).fileName()),
            QFileInfo(base).absolutePath(), filter);
        if (!head.isEmpty())
            compareFiles(base, head);
    });
    m_compareFilesAction->setToolTip(
        tr("Compare two snapshot files without opening the base: one graph in memory at a time, as v8scope diff"));
    QAction* claims = file->addAction(tr("Open C&laims..."), this, &MainWindow::showOpenClaimsDialog);
    claims->setToolTip(tr("Check a claims file (one claim per line, as v8scope check) against the open profiles "
                          "and snapshots"));
    file->addSeparator();
    m_exportAction = file->addAction(tr("&Export Current View..."), this, [this] {
        if (auto* a = actionsOf(m_tabs->currentWidget()))
            a->exportCurrentView();
    });
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Save the current table as CSV, TSV, JSON or Markdown, or a chart as PNG"));
    m_closeAction = file->addAction(tr("&Close Tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    m_closeAction->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    m_backAction = go->addAction(tr("&Back"), this, [this] {
        if (auto* a = actionsOf(m_tabs->currentWidget()))
            a->goBack();
        updateActions();
    });
    m_backAction->setShortcuts(QKeySequence::Back);
    m_forwardAction = go->addAction(tr("&Forward"), this, [this] {
        if (auto* a = actionsOf(m_tabs->currentWidget()))
            a->goForward();
        updateActions();
    });
    m_forwardAction->setShortcuts(QKeySequence::Forward);
    go->addSeparator();
    m_filterAction = go->addAction(tr("&Filter"), this, [this] {
        if (auto* a = actionsOf(m_tabs->currentWidget()))
            a->focusFilter();
    });
    m_filterAction->setShortcut(QKeySequence::Find);
    m_filterAction->setToolTip(tr("Type in the current view's filter line"));
    m_goToAction = go->addAction(tr("Go to &Object..."), this, &MainWindow::goToObject);
    m_goToAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_goToAction->setToolTip(tr("Select an object by its @id"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About v8scope"), this, [this] {
        QMessageBox::about(this, tr("About v8scope"),
            tr("<b>v8scope %1</b><p>Heap snapshots and CPU profiles of V8 (Node.js, Chrome), with the numbers "
               "Chrome DevTools computes.</p>")
                .arg(QStringLiteral(V8SCOPE_VERSION)));
    });
}

void MainWindow::updateActions()
{
    m_stack->setCurrentWidget(m_tabs->count() ? static_cast<QWidget*>(m_tabs) : m_welcome);
    DocumentActions* a = actionsOf(m_tabs->currentWidget());
    m_closeAction->setEnabled(m_tabs->count() > 0);
    m_compareAction->setEnabled(bool(m_compareHandler));
    m_compareFilesAction->setEnabled(bool(m_compareFilesHandler));
    m_exportAction->setEnabled(a && a->canExport());
    m_backAction->setEnabled(a && a->canGoBack());
    m_forwardAction->setEnabled(a && a->canGoForward());
    m_filterAction->setEnabled(a != nullptr);
    m_goToAction->setEnabled(a && a->supportsGoToObject());
    const int i = m_tabs->currentIndex();
    setWindowTitle(i < 0 ? tr("v8scope") : tr("%1 - v8scope").arg(m_tabs->tabText(i)));
}

QString MainWindow::fileDialogFilter()
{
    return tr("Heap snapshots and CPU profiles (*.heapsnapshot *.heaptimeline *.cpuprofile *.heapprofile *.json "
              "*.gz);;Heap snapshots (*.heapsnapshot *.heaptimeline *.heapsnapshot.gz *.heaptimeline.gz);;CPU "
              "profiles (*.cpuprofile *.heapprofile *.json *.cpuprofile.gz *.json.gz);;All files (*)");
}

void MainWindow::showOpenDialog()
{
    const QStringList recent = recentFiles();
    const QString dir = recent.isEmpty() ? QString() : QFileInfo(recent.first()).absolutePath();
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open"), dir, fileDialogFilter());
    for (const QString& f : files)
        openFile(f);
}

void MainWindow::showOpenClaimsDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Claims"), {}, tr("Claims files (*.txt *.claims *.json);;All files (*)"));
    if (!path.isEmpty())
        openClaims(*this, path);
}

void MainWindow::openFile(const QString& path, ParsedHook parsed)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto* tab = qobject_cast<DocumentTab*>(m_tabs->widget(i));
        if (tab && tab->path() == absolute) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    auto* tab = new DocumentTab(absolute, this, std::move(parsed));
    connect(tab, &DocumentTab::stateChanged, this, &MainWindow::updateActions);
    connect(tab, &DocumentTab::stateChanged, this, &MainWindow::documentsChanged);
    connect(tab, &DocumentTab::actionsChanged, this, &MainWindow::updateActions);
    addDocumentTab(tab, QFileInfo(absolute).fileName(), absolute);
    addRecentFile(absolute);
    Q_EMIT documentsChanged();
}

int MainWindow::addDocumentTab(QWidget* page, const QString& title, const QString& toolTip)
{
    const int index = m_tabs->addTab(page, title);
    m_tabs->setTabToolTip(index, toolTip.isEmpty() ? title : toolTip);
    m_tabs->setCurrentIndex(index);
    updateActions();
    return index;
}

int MainWindow::documentCount() const
{
    return m_tabs->count();
}

DocumentTab* MainWindow::documentTab(int index) const
{
    return qobject_cast<DocumentTab*>(m_tabs->widget(index));
}

QStringList MainWindow::openHeapPaths() const
{
    QStringList paths;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* tab = documentTab(i); tab && tab->state() == DocumentTab::State::Heap)
            paths << tab->path();
    return paths;
}

void MainWindow::closeTab(int index)
{
    if (index < 0 || index >= m_tabs->count())
        return;
    QWidget* w = m_tabs->widget(index);
    m_tabs->removeTab(index);
    const bool document = qobject_cast<DocumentTab*>(w) != nullptr;
    delete w; // a loading tab's DocumentLoader cancels and waits for its worker
    updateActions();
    if (document)
        Q_EMIT documentsChanged();
}

void MainWindow::setProfilePageFactory(ProfilePageFactory factory)
{
    m_profileFactory = std::move(factory);
}

void MainWindow::setCompareHandler(CompareHandler handler)
{
    m_compareHandler = std::move(handler);
    if (m_compareAction)
        m_compareAction->setEnabled(bool(m_compareHandler));
}

void MainWindow::setCompareFilesHandler(CompareFilesHandler handler)
{
    m_compareFilesHandler = std::move(handler);
    if (m_compareFilesAction)
        m_compareFilesAction->setEnabled(bool(m_compareFilesHandler));
}

void MainWindow::compareFiles(const QString& base, const QString& head)
{
    if (m_compareFilesHandler)
        m_compareFilesHandler(this, base, head);
}

QStringList MainWindow::recentFiles()
{
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void MainWindow::addRecentFile(const QString& path)
{
    QStringList list = recentFiles();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(QLatin1String(kRecentKey), list);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList list = recentFiles();
    for (const QString& path : list)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
    if (!list.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(QLatin1String(kRecentKey));
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!list.isEmpty());
}

void MainWindow::goToObject()
{
    DocumentActions* a = actionsOf(m_tabs->currentWidget());
    if (!a || !a->supportsGoToObject())
        return;
    bool ok = false;
    const QString id = QInputDialog::getText(
        this, tr("Go to Object"), tr("Object id (as DevTools shows it, e.g. @12345):"), QLineEdit::Normal, {}, &ok);
    if (ok && !id.trimmed().isEmpty())
        a->goToObject(id.trimmed());
    updateActions();
}

void MainWindow::updateSnapshotLists()
{
    QStringList names;
    std::vector<std::weak_ptr<const HeapAnalysis>> snapshots;
    std::vector<HeapView*> views;
    for (int i = 0; i < m_tabs->count(); ++i) {
        DocumentTab* tab = documentTab(i);
        HeapView* view = tab && tab->state() == DocumentTab::State::Heap ? tab->heapView() : nullptr;
        if (!view)
            continue;
        names << QFileInfo(tab->path()).fileName();
        snapshots.push_back(view->document().analysis);
        views.push_back(view);
    }
    for (HeapView* view : views)
        view->summaryPage()->setSnapshotList(names, snapshots);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    for (const QUrl& url : urls)
        if (url.isLocalFile())
            openFile(url.toLocalFile());
    event->acceptProposedAction();
}

} // namespace v8scope::gui
