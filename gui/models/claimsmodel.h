// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <claims/claimevaluator.h>
#include <common/progress.h>

#include <QAbstractTableModel>
#include <QMetaType>

#include <memory>
#include <string>
#include <vector>

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

/// One open document a claims file is checked against: a CPU profile (CPU claims) or a heap snapshot (heap
/// claims), with the immutable result the window already holds (nothing is read again).
struct ClaimInput
{
    std::string path;
    std::shared_ptr<const CpuProfile> profile; ///< set for CPU profiles
    std::shared_ptr<const HeapAnalysis> heap; ///< set for heap snapshots
};

/// One result line, as `v8scope check` prints it: a claim on a file.
struct ClaimRow
{
    std::string file; ///< the profile's path; heap claims: the snapshots' paths joined by spaces (check's "file")
    uint32_t claim = 0; ///< index into ClaimsResult::claims
    uint32_t input = UINT32_MAX; ///< CPU claims: index into ClaimsResult::inputs; heap claims: UINT32_MAX
    ClaimOutcome outcome;
};

/// A claims file evaluated on the open documents, the way `v8scope check FILE... --claims CLAIMS` does it: every
/// CPU claim on every CPU profile (perf timing, blocking over all busy stretches without start-up and exit), then
/// every heap claim once on the heap snapshots in tab order (first = baseline, last = the one checked).
struct ClaimsResult
{
    std::string claimsPath;
    std::vector<Claim> claims;
    std::vector<ClaimInput> inputs;
    std::vector<ClaimRow> rows;
    std::vector<std::string> heapFiles; ///< the heap snapshots heap claims compared, in order
    uint32_t passed = 0, failed = 0, errors = 0;
};
using ClaimsResultPtr = std::shared_ptr<const ClaimsResult>;

/// Reads and parses the claims file (JSON or one claim per line, core/claims/claimsfile.h) and evaluates it on
/// `inputs` (worker thread). Errors: the file cannot be read, or a claim is malformed (the core's one line).
Result<ClaimsResultPtr> evaluateClaimsFile(
    const std::string& claimsPath, std::vector<ClaimInput> inputs, const TaskControl& control = {});

/// The claims panel's table: status, claim, measured value, file; one row per ClaimRow, in `check`'s order.
/// Sort role: status (fail, error, pass), the claim text, the measured number (claim's unit), the file.
class ClaimsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        StatusColumn,
        ClaimColumn,
        MeasuredColumn,
        FileColumn,
        NUM_COLUMNS
    };
    enum Roles
    {
        SortRole = Qt::UserRole,
        /// int: ClaimOutcome::Status (after the shared roles of roles.h: the cost delegate reads ShareRole)
        StatusRole = Qt::UserRole + 64,
    };

    explicit ClaimsModel(QObject* parent = nullptr);
    void setResult(ClaimsResultPtr result);
    const ClaimsResultPtr& result() const
    {
        return m_result;
    }
    /// The row behind a model row (nullptr when out of range).
    const ClaimRow* rowAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    ClaimsResultPtr m_result;
};

/// "PASS", "FAIL", "ERROR" (check's words).
QString claimStatusText(ClaimOutcome::Status status);

} // namespace v8scope::gui

Q_DECLARE_METATYPE(v8scope::gui::ClaimsResultPtr)
