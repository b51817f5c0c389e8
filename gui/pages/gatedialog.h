// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <diff/leakfinder.h>
#include <diff/snapshotdiff.h>

#include <QDialog>

#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace v8scope::gui {

/// What the gate is made from: a comparison (2 files) or a leak search (3+), and an optional class.
struct GateSource
{
    const DiffResult* diff = nullptr; ///< set for `v8scope diff`
    const LeakResult* leaks = nullptr; ///< set for `v8scope leaks`
    std::vector<std::string> files; ///< base, head / s1 ... sN
    std::string className; ///< empty: the whole heap
};

/// "Make a CI gate from this": the equivalent `v8scope diff`/`leaks` command line with a `--fail-if` for the
/// selected class or the whole heap (metric and threshold editable, the line copyable), what it gives on these
/// snapshots (the value it measures and the exit code), and the claim for `v8scope check` where one exists.
class GateDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GateDialog(GateSource source, QWidget* parent = nullptr);

    QString gate() const; ///< e.g. class:Session.count>+0
    QString commandLine() const; ///< shell-quoted, starting with "v8scope "
    QString claimLine() const; ///< the `v8scope check` line, or "" when the language has no such claim
    int expectedExitCode() const; ///< 1 when the gate trips on these snapshots, else 0
    double measured() const; ///< the change the gate compares (bytes or count)

    void setMetric(const QString& metric);
    void setThreshold(qint64 threshold);

private:
    void update();

    GateSource m_source;
    QComboBox* m_metric;
    QSpinBox* m_threshold;
    QLineEdit* m_command;
    QLineEdit* m_claim;
    QLabel* m_outcome;
};

/// Shell quoting for one argument: 'text' with embedded quotes as '\''.
QString shellQuote(const QString& argument);

} // namespace v8scope::gui
