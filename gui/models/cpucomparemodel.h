// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuanalysis.h"

#include <cpu/profilediff.h>

#include <QAbstractTableModel>
#include <QColor>

namespace v8scope::gui {

/// Two profiles compared by the core: the per-function deltas (diffProfiles, as `v8scope cpu diff`) and the
/// per-path total deltas of HEAD's top-down tree (pathTotalDeltas) for the differential flame graph.
struct CpuComparison
{
    CpuAnalysisPtr base;
    CpuAnalysisPtr head;
    ProfileDiff diff;
    std::vector<int64_t> pathDelta; ///< per HEAD top-down node, HEAD total - BASE total (µs)

    /// Colours per HEAD top-down node: red grew, blue shrank (CpuAnalysis units, scaled to the largest change).
    std::vector<QColor> nodeColors() const;
};
using CpuComparisonPtr = std::shared_ptr<const CpuComparison>;

/// Runs the core on two analysed profiles (call it on a worker).
CpuComparisonPtr compareProfiles(CpuAnalysisPtr base, CpuAnalysisPtr head);

/// The per-function delta table (rows in the core's order: |self delta| descending).
class CpuCompareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Columns
    {
        FunctionColumn,
        SelfDeltaColumn,
        TotalDeltaColumn,
        BaseSelfColumn,
        HeadSelfColumn,
        LocationColumn,
        NUM_COLUMNS
    };

    explicit CpuCompareModel(QObject* parent = nullptr);
    void setComparison(CpuComparisonPtr comparison);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CpuComparisonPtr m_comparison;
};

} // namespace v8scope::gui
