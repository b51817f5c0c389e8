// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/documentloader.h>

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace v8scope::gui {

class MainWindow;
class HeapView;

/// One document tab: loads its file on a worker (DocumentLoader) while showing a progress bar with Cancel, then
/// shows the document's view (HeapView for snapshots, the profile page factory's widget for CPU profiles), or
/// the core's one-line error with Retry.
class DocumentTab : public QWidget
{
    Q_OBJECT
public:
    enum class State
    {
        Loading,
        Failed, ///< errorText() says why (the core's one-line message, or "Loading cancelled.")
        Heap,
        Profile,
    };

    /// `parsed`: see DocumentLoader::setParsedHook (File > Compare Files' head).
    DocumentTab(const QString& path, MainWindow* window, ParsedHook parsed = {});
    ~DocumentTab() override;

    QString path() const
    {
        return m_path;
    }
    State state() const
    {
        return m_state;
    }
    QString errorText() const;
    DocumentLoader* loader() const
    {
        return m_loader;
    }
    /// The loaded document's view (nullptr while loading or after a failure).
    QWidget* view() const
    {
        return m_view;
    }
    HeapView* heapView() const;
    /// The loaded CPU profile (State::Profile; null otherwise): what the claims panel evaluates CPU claims on.
    std::shared_ptr<const CpuProfile> profile() const
    {
        return m_state == State::Profile && m_profile.read ? m_profile.read->profile : nullptr;
    }
    void reload();

Q_SIGNALS:
    void stateChanged();
    /// The view's Back/Forward/Export state may have changed (a new selection): the window updates its actions.
    void actionsChanged();

private:
    void setState(State state);
    void showError(const QString& message);
    void onHeap(const HeapDocument& document);
    void onProfile(const ProfileDocument& document);

    QString m_path;
    MainWindow* m_window;
    State m_state = State::Loading;
    DocumentLoader* m_loader;
    QStackedWidget* m_stack;
    QWidget* m_loadingPage;
    QLabel* m_phaseLabel;
    QProgressBar* m_progressBar;
    QPushButton* m_cancelButton;
    QWidget* m_errorPage;
    QLabel* m_errorLabel;
    QWidget* m_view = nullptr;
    ProfileDocument m_profile;
};

} // namespace v8scope::gui
