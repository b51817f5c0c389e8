// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "claimsmodel.h"

#include <claims/claimsfile.h>
#include <cpu/blocking.h>
#include <cpu/timing.h>
#include <heap/heapanalysis.h>

#include <QColor>
#include <QFileInfo>
#include <QFont>

namespace v8scope::gui {

namespace {

/// Heap claims on the snapshots the window holds: DevTools' total size of the last minus that of the first, the
/// number core/claims' SnapshotHeapClaims reads from the files (`check`), without reading them again.
class OpenHeapClaims final : public HeapClaimProvider
{
public:
    explicit OpenHeapClaims(const std::vector<ClaimInput>& inputs)
        : m_inputs(inputs)
    {
    }
    Result<double> heapGrowthBytes(const std::vector<std::string>& files) override
    {
        if (files.size() < 2)
            return ParseError::general(files.empty() ? std::string("claims") : files[0],
                "heap claims need two or more heap snapshots (first = baseline, last = the one checked)");
        const HeapAnalysis* first = find(files.front());
        const HeapAnalysis* last = find(files.back());
        if (!first || !last)
            return ParseError::general(files.front(), "the heap snapshot is not open");
        return double(last->totalSize()) - double(first->totalSize());
    }

private:
    const HeapAnalysis* find(const std::string& path) const
    {
        for (const ClaimInput& in : m_inputs)
            if (in.heap && in.path == path)
                return in.heap.get();
        return nullptr;
    }
    const std::vector<ClaimInput>& m_inputs;
};

ClaimOutcome errorOutcome(std::string text)
{
    ClaimOutcome o;
    o.status = ClaimOutcome::Status::Error;
    o.measuredText = std::move(text);
    return o;
}

} // namespace

Result<ClaimsResultPtr> evaluateClaimsFile(
    const std::string& claimsPath, std::vector<ClaimInput> inputs, const TaskControl& control)
{
    auto texts = readClaimsFile(claimsPath);
    if (!texts)
        return texts.error();
    auto result = std::make_shared<ClaimsResult>();
    result->claimsPath = claimsPath;
    for (const ClaimText& t : texts.value()) {
        auto c = parseClaim(t.text, t.source);
        if (!c)
            return c.error();
        result->claims.push_back(std::move(c.value()));
    }
    result->inputs = std::move(inputs);
    for (const ClaimInput& in : result->inputs)
        if (in.heap)
            result->heapFiles.push_back(in.path);
    const std::vector<Claim>& claims = result->claims;
    const bool anyCpu = std::any_of(claims.begin(), claims.end(), [](const Claim& c) { return !c.isHeap(); });
    OpenHeapClaims heap(result->inputs);
    bool anyProfile = false;
    for (uint32_t i = 0; anyCpu && i < result->inputs.size(); ++i) {
        const ClaimInput& in = result->inputs[i];
        if (!in.profile)
            continue;
        anyProfile = true;
        if (control.cancel && control.cancel->cancelled())
            return ParseError::general(claimsPath, "cancelled");
        // As `check`: DevTools' Performance-panel timing of the whole profile, and every busy stretch (threshold
        // 0) without the start-up and exit stretches.
        auto timing = computeTiming(*in.profile);
        BlockingResult blocking;
        if (!in.profile->isHeap()) {
            BlockingOptions bo;
            bo.thresholdUs = 0;
            bo.excludeStartup = bo.excludeExit = true;
            blocking = findBlocking(*in.profile, bo);
        }
        for (uint32_t c = 0; c < claims.size(); ++c) {
            if (claims[c].isHeap())
                continue;
            ClaimRow row { in.path, c, i, {} };
            if (!timing)
                row.outcome = errorOutcome(timing.error().toString());
            else
                row.outcome = evaluateClaim(
                    claims[c], ClaimContext { in.profile.get(), &timing.value(), &blocking, result->heapFiles }, &heap);
            result->rows.push_back(std::move(row));
        }
    }
    for (uint32_t c = 0; c < claims.size(); ++c) {
        if (!claims[c].isHeap() && !anyProfile)
            result->rows.push_back({ {}, c, UINT32_MAX, errorOutcome("needs a CPU profile: open one") });
    }
    std::string joined;
    for (const std::string& f : result->heapFiles)
        joined += (joined.empty() ? "" : " ") + f;
    for (uint32_t c = 0; c < claims.size(); ++c) {
        if (!claims[c].isHeap())
            continue;
        ClaimContext ctx;
        ctx.files = result->heapFiles;
        result->rows.push_back({ joined, c, UINT32_MAX, evaluateClaim(claims[c], ctx, &heap) });
    }
    for (const ClaimRow& r : result->rows) {
        result->passed += r.outcome.status == ClaimOutcome::Status::Pass;
        result->failed += r.outcome.status == ClaimOutcome::Status::Fail;
        result->errors += r.outcome.status == ClaimOutcome::Status::Error;
    }
    return ClaimsResultPtr(std::move(result));
}

QString claimStatusText(ClaimOutcome::Status status)
{
    switch (status) {
    case ClaimOutcome::Status::Pass:
        return QStringLiteral("PASS");
    case ClaimOutcome::Status::Fail:
        return QStringLiteral("FAIL");
    default:
        return QStringLiteral("ERROR");
    }
}

ClaimsModel::ClaimsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    qRegisterMetaType<ClaimsResultPtr>();
}

void ClaimsModel::setResult(ClaimsResultPtr result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

const ClaimRow* ClaimsModel::rowAt(int row) const
{
    if (!m_result || row < 0 || size_t(row) >= m_result->rows.size())
        return nullptr;
    return &m_result->rows[size_t(row)];
}

int ClaimsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_result ? 0 : int(m_result->rows.size());
}

int ClaimsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : NUM_COLUMNS;
}

QVariant ClaimsModel::data(const QModelIndex& index, int role) const
{
    const ClaimRow* r = index.isValid() ? rowAt(index.row()) : nullptr;
    if (!r)
        return {};
    const Claim& claim = m_result->claims[r->claim];
    const ClaimOutcome::Status status = r->outcome.status;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return claimStatusText(status);
        case ClaimColumn:
            return QString::fromStdString(claim.text);
        case MeasuredColumn:
            return QString::fromStdString(r->outcome.measuredText);
        case FileColumn: {
            // The file names (heap claims: first → last); the tooltip has the paths.
            if (r->input != UINT32_MAX || m_result->heapFiles.empty() || !claim.isHeap())
                return QFileInfo(QString::fromStdString(r->file)).fileName();
            const QString first = QFileInfo(QString::fromStdString(m_result->heapFiles.front())).fileName();
            const QString last = QFileInfo(QString::fromStdString(m_result->heapFiles.back())).fileName();
            return m_result->heapFiles.size() == 1 ? first : first + QStringLiteral(" \u2192 ") + last;
        }
        }
        break;
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            // Failures first, then errors, then passes (ascending).
            return status == ClaimOutcome::Status::Fail ? 0 : status == ClaimOutcome::Status::Error ? 1 : 2;
        case ClaimColumn:
            return QString::fromStdString(claim.text);
        case MeasuredColumn:
            return r->outcome.measured;
        case FileColumn:
            return QString::fromStdString(r->file);
        }
        break;
    case StatusRole:
        return int(status);
    case Qt::ToolTipRole:
        if (index.column() == FileColumn)
            return QString::fromStdString(r->file);
        if (index.column() == MeasuredColumn || index.column() == ClaimColumn)
            return QString::fromStdString(claim.text + "\n" + r->outcome.measuredText);
        return status == ClaimOutcome::Status::Pass ? tr("The claim holds")
            : status == ClaimOutcome::Status::Fail  ? tr("The claim does not hold (v8scope check exits 1)")
                                                    : tr("The claim cannot be evaluated (v8scope check exits 2)");
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return status == ClaimOutcome::Status::Pass ? QColor(0x2e, 0x9d, 0x4f)
                : status == ClaimOutcome::Status::Fail  ? QColor(0xe0, 0x3c, 0x31)
                                                        : QColor(0xe0, 0x8a, 0x00);
        break;
    case Qt::FontRole:
        if (index.column() == StatusColumn) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    }
    return {};
}

QVariant ClaimsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= NUM_COLUMNS)
        return {};
    if (role == Qt::DisplayRole) {
        static const char* const titles[] = { "Status", "Claim", "Measured", "File" };
        return tr(titles[section]);
    }
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        static const char* const help[] = {
            "PASS: the claim holds; FAIL: it does not (check exits 1); ERROR: it cannot be evaluated (exit 2)",
            "The claim as written in the claims file (docs/claims.md)",
            "What was measured, in the claim's unit, and on what (click a row to see it)",
            "The profile a CPU claim was measured on; heap claims: the first and last open snapshot",
        };
        return tr(help[section]);
    }
    return {};
}

} // namespace v8scope::gui
