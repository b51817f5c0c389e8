// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/retainergraph.h>

#include <QWidget>

#include <memory>

class QLabel;
class QSpinBox;
class QToolButton;

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

class RetainerGraphWidget;
struct RetainerGraphScene;

/// The Retainer Graph tab: the selected object's retainers N levels up as a laid-out graph (the same builder as
/// `v8scope retainers --graph`), built and laid out on the worker pool. It follows the selection: an object already
/// in the graph is only marked, any other becomes the new graph's object. Clicking a box selects its object (the
/// details pane and Back/Forward follow), its "+" expands it one level.
class RetainerGraphPage : public QWidget
{
    Q_OBJECT
public:
    explicit RetainerGraphPage(std::shared_ptr<const HeapAnalysis> analysis, QWidget* parent = nullptr);
    ~RetainerGraphPage() override;

    /// Follows the window's selection (see the class comment); builds when the page is shown.
    void showObject(uint32_t node);
    /// Makes `node` the graph's object now.
    void setTarget(uint32_t node);
    uint32_t target() const
    {
        return m_target;
    }
    /// Asks for graph node `index`'s next retainers (on a worker).
    void expand(uint32_t index);
    /// Whether a build or an expansion is running.
    bool isBusy() const
    {
        return m_running > 0;
    }
    RetainerGraphWidget* graph() const
    {
        return m_graph;
    }
    QString captionText() const;
    bool savePng(const QString& path) const;

Q_SIGNALS:
    void nodeSelected(uint32_t node);
    /// A new scene is shown (after a build or an expansion).
    void sceneChanged();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void rebuild();
    void run(std::function<std::shared_ptr<const RetainerGraphScene>()> work, uint32_t anchor);
    void updateCaption();
    void showMenu(uint32_t index, const QPoint& globalPos);
    RetainerGraphOptions options() const;

    std::shared_ptr<const HeapAnalysis> m_analysis;
    RetainerGraphWidget* m_graph;
    QLabel* m_caption;
    QSpinBox* m_depth;
    QToolButton* m_fit;
    QToolButton* m_save;
    uint32_t m_target = UINT32_MAX;
    bool m_stale = false; ///< the target changed while the page was hidden
    uint64_t m_job = 0; ///< the latest job: older results are dropped
    int m_running = 0;
};

} // namespace v8scope::gui
