import { moveByNeighbours, sparseGradient } from '../../../src/compute/bundle/sparse-gradient';
import { levelSpacings } from '../../../src/compute/bundle/fast-tuning';
import { edgeSchedule, bundleSizes } from '../../../src/compute/bundle/schedule';
import { validateParams } from '../../../src/compute/params';

// The fine edge levels read the density gradient at every other interior point; the points between
// move by the mean of their neighbours' moves (docs/deviations.md F15).
describe('sparse gradient', () => {
  it('runs on the fine levels only: the 10 of 23 at nn_vis defaults', () => {
    const params = validateParams({});
    const { sampleLength } = bundleSizes(params);
    const spacings = levelSpacings(edgeSchedule(params).bandwidths, sampleLength);
    const sparse = Array.from(spacings, (h) => sparseGradient(h, sampleLength));
    expect(sparse.filter(Boolean)).toHaveLength(10);
    expect(sparse.slice(0, 13).some(Boolean)).toBe(false);
  });

  it('moves each even interior point by the mean of its neighbours\' moves, the endpoints by nothing', () => {
    // Seven points on a line (one polyline after a leading one of 2 points: `first` = 2).
    const before = Float32Array.from({ length: 21 }, (_, i) => (i % 3 === 2 ? 0.1 * (i / 3) : 0));
    const points = new Float32Array(27);
    points.set([9, 9, 9, 8, 8, 8]);
    points.set(before, 6);
    // The gradient step moved the odd points 1, 3 and 5.
    const moves = [[0, 0, 0], [0.2, 0, 0], [0, 0, 0], [0.4, -0.2, 0], [0, 0, 0], [0, 0.6, 0.02], [0, 0, 0]];
    moves.forEach((m, j) => { if (j % 2 === 1) for (let d = 0; d < 3; d++) points[6 + 3 * j + d] = before[3 * j + d]! + m[d]!; });
    moveByNeighbours(points, 2, 7, before, -1, 1);
    const at = (j: number, d: number): number => points[6 + 3 * j + d]! - before[3 * j + d]!;
    expect([at(2, 0), at(2, 1), at(2, 2)].map((v) => Math.fround(v))).toEqual([0.3, -0.1, 0].map(Math.fround));
    expect(at(4, 0)).toBeCloseTo(0.2, 6);
    expect(at(4, 1)).toBeCloseTo(0.2, 6);
    expect(at(4, 2)).toBeCloseTo(0.01, 6);
    for (const j of [0, 6]) for (let d = 0; d < 3; d++) expect(at(j, d)).toBe(0);
    for (let d = 0; d < 3; d++) expect(at(1, d)).toBeCloseTo(moves[1]![d]!, 6); // the odd points keep their own moves
    expect(Array.from(points.subarray(0, 6))).toEqual([9, 9, 9, 8, 8, 8]); // the other polyline is untouched
  });

  it('leaves an even point outside nn_vis\'s slice range where it is', () => {
    const before = Float32Array.from([0, 0, 0, 0, 0, 0.5, 0, 0, 2, 0, 0, 2.5]);
    const points = before.slice();
    points[3] = 0.4; // point 1 moved
    moveByNeighbours(points, 0, 4, before, 0, 1.5); // point 2 (z = 2) is outside [0, 1.5)
    expect(Array.from(points.subarray(6, 9))).toEqual([0, 0, 2]);
    moveByNeighbours(points, 0, 4, before, 0, 3);
    expect(points[6]).toBeCloseTo(0.2, 6);
  });
});
