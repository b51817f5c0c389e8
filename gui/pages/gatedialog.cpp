// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "gatedialog.h"

#include <models/comparisonmodel.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace v8scope::gui {

namespace {
bool isSizeMetric(const QString& metric)
{
    return metric == QLatin1String("retained");
}
} // namespace

QString shellQuote(const QString& argument)
{
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

GateDialog::GateDialog(GateSource source, QWidget* parent)
    : QDialog(parent)
    , m_source(std::move(source))
    , m_metric(new QComboBox(this))
    , m_threshold(new QSpinBox(this))
    , m_command(new QLineEdit(this))
    , m_claim(new QLineEdit(this))
    , m_outcome(new QLabel(this))
{
    setWindowTitle(tr("Make a CI gate from this"));
    const bool perClass = !m_source.className.empty();
    if (perClass)
        m_metric->addItems({ QStringLiteral("count"), QStringLiteral("retained") });
    else if (m_source.leaks)
        m_metric->addItems({ QStringLiteral("leaks"), QStringLiteral("retained") });
    else
        m_metric->addItems({ QStringLiteral("retained"), QStringLiteral("count") });
    m_threshold->setRange(0, std::numeric_limits<int>::max());
    m_threshold->setPrefix(QStringLiteral("+"));
    m_command->setReadOnly(true);
    m_claim->setReadOnly(true);
    m_outcome->setWordWrap(true);
    auto* copy = new QPushButton(tr("Copy"), this);
    auto* copyClaim = new QPushButton(tr("Copy"), this);
    auto* form = new QFormLayout;
    form->addRow(tr("Applies to:"),
        new QLabel(
            perClass ? tr("class %1").arg(QString::fromStdString(m_source.className)) : tr("the whole heap"), this));
    form->addRow(tr("Fail when:"), m_metric);
    form->addRow(tr("grows by more than:"), m_threshold);
    auto* commandRow = new QHBoxLayout;
    commandRow->addWidget(m_command, 1);
    commandRow->addWidget(copy);
    form->addRow(tr("Command line:"), commandRow);
    auto* claimRow = new QHBoxLayout;
    claimRow->addWidget(m_claim, 1);
    claimRow->addWidget(copyClaim);
    form->addRow(tr("Claim for v8scope check:"), claimRow);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_outcome);
    layout->addWidget(buttons);
    resize(820, sizeHint().height());

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_command->text()); });
    connect(copyClaim, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_claim->text()); });
    connect(m_metric, &QComboBox::currentTextChanged, this, &GateDialog::update);
    connect(m_threshold, &QSpinBox::valueChanged, this, &GateDialog::update);
    update();
}

void GateDialog::setMetric(const QString& metric)
{
    m_metric->setCurrentText(metric);
}

void GateDialog::setThreshold(qint64 threshold)
{
    m_threshold->setValue(int(std::min<qint64>(threshold, std::numeric_limits<int>::max())));
}

QString GateDialog::gate() const
{
    const QString metric = m_metric->currentText();
    QString prefix;
    if (!m_source.className.empty()) {
        QString name = QString::fromStdString(m_source.className);
        // The gate language quotes names with the characters that end a name (see docs/diff.md).
        if (name.contains(QRegularExpression(QStringLiteral("[.<>=!\" ]"))))
            name = QLatin1Char('"') + name + QLatin1Char('"');
        prefix = QStringLiteral("class:") + name + QLatin1Char('.');
    }
    const QString sign = metric == QLatin1String("leaks") ? QString() : QStringLiteral("+");
    return prefix + metric + QLatin1Char('>') + sign + QString::number(m_threshold->value());
}

double GateDialog::measured() const
{
    const QString metric = m_metric->currentText();
    const bool perClass = !m_source.className.empty();
    double v = 0;
    if (const DiffResult* d = m_source.diff) {
        if (!perClass)
            return metric == QLatin1String("retained") ? double(d->retainedDelta()) : [&] {
                double n = 0;
                for (const ClassDiff& c : d->classes)
                    n += double(c.countDelta);
                return n;
            }();
        for (const ClassDiff& c : d->classes)
            if (c.name == m_source.className)
                v += metric == QLatin1String("retained") ? double(c.retainedDelta) : double(c.countDelta);
        return v;
    }
    if (const LeakResult* r = m_source.leaks) {
        if (!perClass)
            return metric == QLatin1String("leaks") ? double(r->clusters.size()) : double(r->retainedDelta());
        for (const GrowthSeries& g : r->classes)
            if (g.name == m_source.className)
                v += metric == QLatin1String("retained") ? double(g.retainedDelta()) : double(g.countDelta());
    }
    return v;
}

int GateDialog::expectedExitCode() const
{
    return measured() > double(m_threshold->value()) ? 1 : 0;
}

QString GateDialog::commandLine() const
{
    QString line = QStringLiteral("v8scope ") + (m_source.leaks ? QStringLiteral("leaks") : QStringLiteral("diff"));
    for (const std::string& f : m_source.files)
        line += QLatin1Char(' ') + shellQuote(QString::fromStdString(f));
    return line + QStringLiteral(" --fail-if ") + shellQuote(gate());
}

QString GateDialog::claimLine() const
{
    // `v8scope check` has one heap claim: the total size growth from the first to the last snapshot.
    if (!m_source.className.empty() || m_metric->currentText() != QLatin1String("retained"))
        return {};
    QString line = QStringLiteral("v8scope check");
    for (const std::string& f : m_source.files)
        line += QLatin1Char(' ') + shellQuote(QString::fromStdString(f));
    return line + QStringLiteral(" --claim ")
        + shellQuote(QStringLiteral("heap growth <= %1B").arg(m_threshold->value()));
}

void GateDialog::update()
{
    const QString metric = m_metric->currentText();
    m_threshold->setSuffix(isSizeMetric(metric) ? QStringLiteral(" B") : QString());
    m_threshold->setPrefix(metric == QLatin1String("leaks") ? QString() : QStringLiteral("+"));
    m_command->setText(commandLine());
    const QString claim = claimLine();
    m_claim->setText(
        claim.isEmpty() ? tr("(no claim: `v8scope check` only has heap growth; use the gate above)") : claim);
    const double v = measured();
    const QString value = isSizeMetric(metric) ? sizeText(qint64(v), true) : countText(qint64(v), true);
    m_outcome->setText(expectedExitCode()
            ? tr("On these snapshots the gate <b>trips</b>: it measures %1, more than the threshold; the command "
                 "exits with 1 and names the offending rows.")
                  .arg(value)
            : tr("On these snapshots the gate <b>holds</b>: it measures %1; the command exits with 0.").arg(value));
}

} // namespace v8scope::gui
