// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// Loading sample profiles for the CPU view tests.
#include <cpu/profilereader.h>
#include <models/cpuanalysis.h>

#include <QDir>
#include <QStringList>
#include <QtTest>

namespace v8scope::gui::testing {

/// Every bundled sample profile (CPU and heap), as absolute paths.
inline QStringList sampleProfiles()
{
    QDir dir(QStringLiteral(V8SCOPE_SAMPLES "/cpu"));
    QStringList out;
    for (const QString& name :
        dir.entryList({ QStringLiteral("*.cpuprofile"), QStringLiteral("*.heapprofile") }, QDir::Files, QDir::Name))
        out << dir.absoluteFilePath(name);
    return out;
}

inline std::shared_ptr<const CpuProfile> readProfile(const QString& path)
{
    auto r = ProfileReader::read(path.toStdString());
    if (!r) {
        qWarning("%s", r.error().toString().c_str());
        return nullptr;
    }
    return r.value().profile;
}

inline CpuAnalysisPtr analyzed(const QString& path, const CpuViewOptions& options = {})
{
    auto profile = readProfile(path);
    if (!profile)
        return nullptr;
    auto a = analyzeProfile(profile, options);
    if (!a) {
        qWarning("%s", a.error().toString().c_str());
        return nullptr;
    }
    return a.value();
}

} // namespace v8scope::gui::testing
