// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "workerpool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace v8scope::gui {

QThreadPool* workerPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool; // lives until exit: workers may still be finishing when statics are destroyed
        p->setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
        p->setObjectName(QStringLiteral("v8scope workers"));
        return p;
    }();
    return pool;
}

} // namespace v8scope::gui
