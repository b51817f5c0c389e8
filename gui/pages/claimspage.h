// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <models/claimsmodel.h>

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace v8scope::gui {

class ComparisonPage;
class MainWindow;

/// The claims panel (File > Open Claims...): a claims file (one claim per line or check's JSON) evaluated on the
/// documents open in the window, as `v8scope check` does it: each claim's status, measured value and file.
/// Clicking a result shows its evidence: the matched functions in the CPU profile's Functions table and flame
/// graph search, the longest busy stretch in its Blocking list and every view's range, or, for heap growth, the
/// Comparison of the last snapshot against the first with the class that grew most selected. The evaluation runs
/// on a worker; the page evaluates again when documents are opened or closed, and on Re-evaluate (which also
/// reads the claims file again).
class ClaimsPage : public QWidget
{
    Q_OBJECT
public:
    ClaimsPage(const QString& claimsPath, MainWindow* window, QWidget* parent = nullptr);
    ~ClaimsPage() override;

    QString claimsPath() const
    {
        return m_path;
    }
    ClaimsModel* model() const
    {
        return m_model;
    }
    QTreeView* view() const
    {
        return m_view;
    }
    QString statusText() const;
    bool isEvaluating() const
    {
        return m_pending > 0;
    }
    /// Shows the evidence of the result in model row `row` (what a click does).
    void showEvidence(int row);
    /// The Comparison tab the heap evidence opened (null before).
    ComparisonPage* comparisonPage() const;

public Q_SLOTS:
    /// Reads the claims file again and evaluates it on the documents open now.
    void evaluate();

Q_SIGNALS:
    /// A new result is shown.
    void evaluated();
    void failed(const QString& message);
    /// showEvidence() made the evidence current (for heap claims: once the comparison is ready).
    void evidenceShown(int row);

private:
    void onDocumentsChanged();
    std::vector<ClaimInput> collectInputs(int* loading) const;
    void showHeapEvidence(int row);

    QString m_path;
    MainWindow* m_window;
    ClaimsModel* m_model;
    QTreeView* m_view;
    QLabel* m_status;
    QPushButton* m_reevaluate;
    int m_generation = 0;
    int m_pending = 0;
    int m_loading = 0; ///< documents still loading at the last evaluation
    QString m_inputsKey; ///< the documents of the last evaluation, to skip needless re-evaluations
    QPointer<ComparisonPage> m_comparison;
};

/// File > Open Claims...: adds a ClaimsPage tab for `claimsPath` (or brings the tab already showing it to the
/// front) and returns it.
ClaimsPage* openClaims(MainWindow& window, const QString& claimsPath);

} // namespace v8scope::gui
