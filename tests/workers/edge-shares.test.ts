import type { Polylines } from '../../src/compute/polylines';
import { randomNetwork } from '../../src/compute/random-network';
import { gatherShares, packShares, planEdgeShares, SPLIT_ABOVE, unpackShares, type EdgeShare } from '../../src/workers/edge-shares';

/** Every kept edge as a polyline of `points(k)` points whose x is its kept index (so gathering is checkable). */
function lines(count: number, points: (k: number) => number): Polylines {
  const pointOffsets = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) pointOffsets[k + 1] = pointOffsets[k]! + points(k);
  const p = new Float32Array(pointOffsets[count]! * 3);
  for (let k = 0; k < count; k++) for (let i = pointOffsets[k]!; i < pointOffsets[k + 1]!; i++) p[i * 3] = k;
  return { points: p, pointOffsets };
}

function load(shares: readonly EdgeShare[], straight: Polylines, worker: number): number {
  return shares.filter((s) => s.worker === worker).reduce((sum, s) => sum + straight.pointOffsets[s.first + s.count]! - straight.pointOffsets[s.first]!, 0);
}

describe('planEdgeShares', () => {
  // MNIST's shape scaled down: the first gap holds 93 % of the edges (performance.md §3).
  const net = randomNetwork([98, 10, 7, 3], 1);
  const kept = Int32Array.from({ length: net.edgeSource.length }, (_, i) => i);
  const straight = lines(kept.length, (k) => 10 + (k % 7));

  it('splits the heaviest gap between two workers and balances their points within one edge', () => {
    const shares = planEdgeShares(net, kept, straight.pointOffsets, 2);
    expect(shares.filter((s) => s.split).map((s) => s.worker)).toEqual([0, 1]);
    expect(shares.reduce((n, s) => n + s.count, 0)).toBe(kept.length);
    shares.forEach((s, i) => i > 0 && expect(s.first).toBe(shares[i - 1]!.first + shares[i - 1]!.count));
    expect(Math.abs(load(shares, straight, 0) - load(shares, straight, 1))).toBeLessThanOrEqual(16);
    expect(unpackShares(packShares(shares))).toEqual(shares);
  });

  it('deals whole gaps, heaviest first to the less loaded worker, when that leaves neither more than SPLIT_ABOVE of the points', () => {
    // 100-81-49-36-10's shape scaled down: 57 % of the edges in the first gap.
    const small = randomNetwork([20, 16, 10, 7, 2], 1);
    const all = Int32Array.from({ length: small.edgeSource.length }, (_, i) => i);
    const even = lines(all.length, () => 12);
    const shares = planEdgeShares(small, all, even.pointOffsets, 2);
    expect(shares.map((s) => [s.worker, s.count, s.split])).toEqual([[0, 320, false], [1, 160, false], [1, 70, false], [1, 14, false]]);
    expect(load(shares, even, 0) / (load(shares, even, 0) + load(shares, even, 1))).toBeLessThanOrEqual(SPLIT_ABOVE);
    // Past SPLIT_ABOVE the heaviest gap is split (the MNIST shape above holds 93 % in its first gap).
    expect(planEdgeShares(net, kept, straight.pointOffsets, 2).some((s) => s.split)).toBe(true);
  });

  it('gives everything to worker 0 with one worker', () => {
    const shares = planEdgeShares(net, kept, straight.pointOffsets, 1);
    expect(shares.map((s) => [s.worker, s.count, s.split])).toEqual([[0, 980, false], [0, 70, false], [0, 21, false]]);
  });

  it('gathers the workers\' polylines back into kept-edge order', () => {
    const shares = planEdgeShares(net, kept, straight.pointOffsets, 2);
    const parts = [0, 1].map((w) => {
      const mine = shares.filter((s) => s.worker === w).flatMap((s) => Array.from({ length: s.count }, (_, i) => s.first + i));
      const part = lines(mine.length, (i) => straight.pointOffsets[mine[i]! + 1]! - straight.pointOffsets[mine[i]!]!);
      for (let i = 0; i < mine.length; i++) for (let q = part.pointOffsets[i]!; q < part.pointOffsets[i + 1]!; q++) part.points[q * 3] = mine[i]!;
      return part;
    });
    const joined = gatherShares(shares, parts);
    expect(Array.from(joined.pointOffsets)).toEqual(Array.from(straight.pointOffsets));
    expect(Array.from(joined.points)).toEqual(Array.from(straight.points));
  });
});
