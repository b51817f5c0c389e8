// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The Retained-size map's layout (a pure function) on a hand-built tree with the rectangles derived by hand,
// then its invariants on a real dominator tree.
#include "guitestmain.h"

#include <heap/heapanalysis.h>
#include <heap/heaploader.h>
#include <models/treemaplayout.h>

#include <unordered_map>

using namespace v8scope;
using namespace v8scope::gui;

namespace {

// root(0): size 100, self 0, children A(1) 60, B(2) 40. A: self 10, child C(3) 50. B, C: leaves.
const uint32_t kFirst[] = { 0, 2, 3, 3, 3 };
const uint32_t kChildren[] = { 1, 2, 3 };
const uint64_t kSize[] = { 100, 60, 40, 50 };
const uint64_t kSelf[] = { 0, 10, 40, 50 };
const TreemapTree kTree { kFirst, kChildren, kSize, kSelf };

QString dump(const std::vector<TreemapRect>& rects)
{
    QStringList lines;
    for (const auto& r : rects)
        lines << QStringLiteral("%1 d%2 %3,%4 %5x%6").arg(r.node).arg(r.depth).arg(r.x).arg(r.y).arg(r.w).arg(r.h);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestTreemapLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handBuiltTree()
    {
        // 100 x 50, no padding: scale 5000 px^2 / 100 bytes = 50 px^2 a byte, so A 3000, B 2000 px^2.
        // The rectangle is wide, so the first row is a column on the left along the 50 px side:
        //   [A] alone: worst ratio max(50^2*3000/3000^2, 3000^2/(50^2*3000)) = max(0.83, 1.2) = 1.2;
        //   [A, B]: max(2500*3000/5000^2, 5000^2/(2500*2000)) = max(0.3, 5) = 5, worse: A stays alone,
        //   3000 / 50 = 60 px wide: A = (0,0) 60x50. B fills the 40x50 left: (60,0) 40x50.
        // Inside A (60x50, 50 px^2 a byte): C 2500 px^2 and A's own 10 bytes = 500 px^2 of free space. Column on
        //   the 50 px side: [C] ratio 1; [C, self] max(2500*2500/3000^2, 3000^2/(2500*500)) = 7.2, worse:
        //   C = (0,0) 50x50, and A's own bytes are the 10x50 strip on its right (not a frame).
        // Breadth-first: root, A, B, then C.
        const auto rects = layoutTreemap(kTree, 0, 100, 50, { 1.0, 12, 0.0, 0.0 });
        QCOMPARE(dump(rects), QStringLiteral("0 d0 0,0 100x50\n1 d1 0,0 60x50\n2 d1 60,0 40x50\n3 d2 0,0 50x50"));
    }

    void smallFramesAreNotDrawn()
    {
        // minSide 45: B is 40 px wide and is dropped; C (50x50) is kept.
        const auto rects = layoutTreemap(kTree, 0, 100, 50, { 45.0, 12, 0.0, 0.0 });
        QCOMPARE(dump(rects), QStringLiteral("0 d0 0,0 100x50\n1 d1 0,0 60x50\n3 d2 0,0 50x50"));
        // maxDepth 1: C is two levels down.
        QCOMPARE(dump(layoutTreemap(kTree, 0, 100, 50, { 1.0, 1, 0.0, 0.0 })),
            QStringLiteral("0 d0 0,0 100x50\n1 d1 0,0 60x50\n2 d1 60,0 40x50"));
        // Zooming: the focus fills the whole area.
        QCOMPARE(dump(layoutTreemap(kTree, 1, 60, 50, { 1.0, 12, 0.0, 0.0 })),
            QStringLiteral("1 d0 0,0 60x50\n3 d1 0,0 50x50"));
        QVERIFY(layoutTreemap(kTree, 0, 0.5, 50).empty());
    }

    void realDominatorTreeNestsAndTiles()
    {
        auto r = loadHeap(V8SCOPE_SAMPLES "/heap/leak_s3.heapsnapshot.gz", {}, {});
        QVERIFY(r.ok());
        const HeapAnalysis& a = *r.value().analysis;
        const TreemapTree tree { a.firstDominated.data(), a.dominated.data(), a.retainedSize, a.selfSize };
        TreemapOptions o;
        o.padding = 1;
        o.headerHeight = 14;
        const auto rects = layoutTreemap(tree, a.root(), 1200, 800, o);
        QVERIFY(rects.size() > 50);
        QCOMPARE(layoutTreemap(tree, a.root(), 1200, 800, o).size(), rects.size()); // pure: same again
        std::unordered_map<uint32_t, size_t> at;
        for (size_t i = 0; i < rects.size(); ++i) {
            const auto& rc = rects[i];
            QVERIFY(rc.w >= o.minSide && rc.h >= o.minSide);
            at[rc.node] = i;
            if (rc.depth == 0)
                continue;
            // Every frame lies inside its dominator's frame, which was emitted before it.
            const auto parent = at.find(a.dominator[rc.node]);
            QVERIFY(parent != at.end() && parent->second < i);
            const auto& p = rects[parent->second];
            QVERIFY(rc.x >= p.x - 1e-6 && rc.y >= p.y - 1e-6);
            QVERIFY(rc.x + rc.w <= p.x + p.w + 1e-6 && rc.y + rc.h <= p.y + p.h + 1e-6);
        }
        // Siblings never overlap (checked on the root's children).
        std::vector<const TreemapRect*> top;
        for (const auto& rc : rects)
            if (rc.depth == 1)
                top.push_back(&rc);
        for (size_t i = 0; i < top.size(); ++i)
            for (size_t j = i + 1; j < top.size(); ++j) {
                const double ox
                    = std::min(top[i]->x + top[i]->w, top[j]->x + top[j]->w) - std::max(top[i]->x, top[j]->x);
                const double oy
                    = std::min(top[i]->y + top[i]->h, top[j]->y + top[j]->h) - std::max(top[i]->y, top[j]->y);
                QVERIFY(ox <= 1e-6 || oy <= 1e-6);
            }
    }
};

V8SCOPE_GUI_TEST_MAIN(TestTreemapLayout)
#include "tst_treemaplayout.moc"
