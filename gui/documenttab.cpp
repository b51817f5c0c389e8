// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "documenttab.h"

#include "mainwindow.h"
#include "pages/heapview.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace v8scope::gui {

namespace {

/// A page with its content centred, at most 640 px wide.
QWidget* centredPage(QWidget* parent, QWidget* content)
{
    auto* page = new QWidget(parent);
    auto* outer = new QVBoxLayout(page);
    outer->addStretch(1);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    content->setMaximumWidth(640);
    content->setMinimumWidth(420);
    row->addWidget(content, 4);
    row->addStretch(1);
    outer->addLayout(row);
    outer->addStretch(2);
    return page;
}

} // namespace

DocumentTab::DocumentTab(const QString& path, MainWindow* window, ParsedHook parsed)
    : QWidget(window)
    , m_path(path)
    , m_window(window)
    , m_loader(new DocumentLoader(this))
    , m_stack(new QStackedWidget(this))
{
    m_loader->setParsedHook(std::move(parsed));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    // Loading: file name, phase, progress bar, Cancel.
    auto* loading = new QWidget;
    auto* ll = new QVBoxLayout(loading);
    auto* title = new QLabel(tr("Loading <b>%1</b>").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    title->setToolTip(path);
    m_phaseLabel = new QLabel(tr("Starting"));
    m_progressBar = new QProgressBar;
    m_progressBar->setRange(0, 100);
    m_progressBar->setToolTip(tr("Progress of the current phase (reading, analysing, building the summary)"));
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop loading this file (Esc)"));
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancelButton);
    ll->addWidget(title);
    ll->addWidget(m_phaseLabel);
    ll->addWidget(m_progressBar);
    ll->addLayout(buttons);
    m_loadingPage = centredPage(m_stack, loading);
    m_stack->addWidget(m_loadingPage);

    // Failed: the core's one-line error, selectable, with Retry.
    auto* error = new QWidget;
    auto* el = new QVBoxLayout(error);
    auto* errorTitle = new QLabel(tr("<b>Could not open %1</b>").arg(QFileInfo(path).fileName().toHtmlEscaped()));
    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(QStringLiteral("errorText"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_errorLabel->setTextFormat(Qt::PlainText);
    auto* retry = new QPushButton(tr("Try again"));
    retry->setToolTip(tr("Load the file again from disk"));
    auto* eb = new QHBoxLayout;
    eb->addStretch(1);
    eb->addWidget(retry);
    el->addWidget(errorTitle);
    el->addWidget(m_errorLabel);
    el->addLayout(eb);
    m_errorPage = centredPage(m_stack, error);
    m_stack->addWidget(m_errorPage);

    connect(m_cancelButton, &QPushButton::clicked, m_loader, &DocumentLoader::cancel);
    connect(retry, &QPushButton::clicked, this, &DocumentTab::reload);
    connect(m_loader, &DocumentLoader::progressMessage, this,
        [this](const QString& phase) { m_phaseLabel->setText(phase); });
    connect(m_loader, &DocumentLoader::progress, m_progressBar, &QProgressBar::setValue);
    connect(m_loader, &DocumentLoader::failed, this, &DocumentTab::showError);
    connect(m_loader, &DocumentLoader::cancelled, this, [this] { showError(tr("Loading cancelled.")); });
    connect(m_loader, &DocumentLoader::heapAvailable, this, &DocumentTab::onHeap);
    connect(m_loader, &DocumentLoader::summaryAvailable, this, [this](const HeapSummary& summary) {
        if (auto* view = heapView())
            view->setSummary(summary);
    });
    connect(m_loader, &DocumentLoader::profileAvailable, this, &DocumentTab::onProfile);
    reload();
}

DocumentTab::~DocumentTab() = default;

QString DocumentTab::errorText() const
{
    return m_errorLabel->text();
}

HeapView* DocumentTab::heapView() const
{
    return qobject_cast<HeapView*>(m_view);
}

void DocumentTab::reload()
{
    if (m_view) {
        m_stack->removeWidget(m_view);
        m_view->deleteLater();
        m_view = nullptr;
    }
    m_profile = {};
    m_phaseLabel->setText(tr("Starting"));
    m_progressBar->setValue(0);
    m_stack->setCurrentWidget(m_loadingPage);
    setState(State::Loading);
    m_loader->setHeapOptions(m_window->heapLoadOptions());
    m_loader->load(m_path);
}

void DocumentTab::setState(State state)
{
    m_state = state;
    Q_EMIT stateChanged();
}

void DocumentTab::showError(const QString& message)
{
    m_errorLabel->setText(message);
    m_stack->setCurrentWidget(m_errorPage);
    setState(State::Failed);
}

void DocumentTab::onHeap(const HeapDocument& document)
{
    auto* view = new HeapView(document, m_stack);
    connect(view, &HeapView::selectionChanged, this, &DocumentTab::actionsChanged);
    m_view = view;
    m_stack->addWidget(view);
    m_stack->setCurrentWidget(view);
    setState(State::Heap);
}

void DocumentTab::onProfile(const ProfileDocument& document)
{
    m_profile = document;
    if (const auto& factory = m_window->profilePageFactory()) {
        m_view = factory(document, m_stack);
        // A profile view that says when its Back/Forward/Export state changes (CpuView) updates the window.
        if (m_view->metaObject()->indexOfSignal("actionsChanged()") >= 0)
            connect(m_view, SIGNAL(actionsChanged()), this, SIGNAL(actionsChanged()));
    } else {
        auto* label = new QLabel(tr("%1 is a CPU profile. The viewer's CPU pages are not built into this version; "
                                    "use `v8scope cpu top %1` in a terminal.")
                                     .arg(QFileInfo(m_path).fileName()),
            m_stack);
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
        m_view = label;
    }
    m_stack->addWidget(m_view);
    m_stack->setCurrentWidget(m_view);
    setState(State::Profile);
}

} // namespace v8scope::gui
