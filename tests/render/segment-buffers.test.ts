import {
  ENDS_STRIDE,
  indicesPerSegment,
  packSegmentEnds,
  segmentCount,
  shuffledOrder,
  VERTICES_PER_SEGMENT,
  writeCoarseLineIndex,
  writeSegmentIndex,
} from '../../src/render/segment-buffers';

// Polyline 0: points 0,1,2 (2 segments); polyline 1: a single point (no segment); polyline 2: points 3,4,5,6 (3 segments).
const offsets = Int32Array.of(0, 3, 3, 7);
const points = Float32Array.from({ length: 24 }, (_, k) => k);

describe('segment buffers (one merged, non-instanced buffer for every edge mode)', () => {
  test('segments are consecutive points within a polyline, never across polylines', () => {
    expect(segmentCount(offsets)).toBe(5);
    const out = new Float32Array(5 * VERTICES_PER_SEGMENT * ENDS_STRIDE);
    expect(packSegmentEnds(points, Int32Array.of(0, 3, 4, 8), out)).toBe(5);
    const ends = (s: number, v: number) => Array.from(out.subarray((s * VERTICES_PER_SEGMENT + v) * ENDS_STRIDE, (s * VERTICES_PER_SEGMENT + v + 1) * ENDS_STRIDE));
    // polyline 0: 0→1, 1→2; polyline 1 (point 3 alone) none; polyline 2: 4→5, 5→6, 6→7
    const pairs = [[0, 1], [1, 2], [4, 5], [5, 6], [6, 7]];
    pairs.forEach(([a, b], s) => {
      const expected = [3 * (a as number), 3 * (a as number) + 1, 3 * (a as number) + 2, 3 * (b as number), 3 * (b as number) + 1, 3 * (b as number) + 2];
      for (let v = 0; v < VERTICES_PER_SEGMENT; v++) expect(ends(s, v)).toEqual(expected);
    });
  });

  test('quad, line and point index lists name the right corners of each segment', () => {
    const quads = new Uint32Array(2 * indicesPerSegment('quads'));
    expect(writeSegmentIndex('quads', 2, null, quads)).toBe(12);
    expect(Array.from(quads)).toEqual([0, 1, 2, 0, 2, 3, 4, 5, 6, 4, 6, 7]);
    const lines = new Uint32Array(4);
    writeSegmentIndex('lines', 2, null, lines);
    expect(Array.from(lines)).toEqual([0, 1, 4, 5]);
    const pts = new Uint32Array(2);
    writeSegmentIndex('points', 2, null, pts);
    expect(Array.from(pts)).toEqual([0, 4]);
  });

  test('a draw order permutes whole segments', () => {
    const lines = new Uint32Array(6);
    writeSegmentIndex('lines', 3, Int32Array.of(2, 0, 1), lines);
    expect(Array.from(lines)).toEqual([8, 9, 0, 1, 4, 5]);
  });

  test('coarse lines join runs of segments of one polyline, from the first A to the last B', () => {
    // polyline 0: segments 0,1; polyline 1: none; polyline 2: segments 2,3,4
    const out = new Uint32Array(16);
    const weights = Float32Array.of(0.5, 0.9, 0.7);
    const m = writeCoarseLineIndex(offsets, weights, 2, 100, out);
    // heaviest first: polyline 1 has no segment, then polyline 2, then polyline 0
    expect(Array.from(out.subarray(0, m))).toEqual([2 * 4, 3 * 4 + 1, 4 * 4, 4 * 4 + 1, 0, 1 * 4 + 1]);
    expect(writeCoarseLineIndex(offsets, weights, 1, 100, out)).toBe(10);
  });

  test('coarse lines stop at the line budget, keeping the most important polylines; hidden ones never show', () => {
    const out = new Uint32Array(16);
    // budget 2 lines: polyline 2 needs 2 (stride 2), polyline 0 would need 1 more
    expect(Array.from(out.subarray(0, writeCoarseLineIndex(offsets, Float32Array.of(0.5, 0, 0.7), 2, 2, out)))).toEqual([8, 13, 16, 17]);
    expect(Array.from(out.subarray(0, writeCoarseLineIndex(offsets, Float32Array.of(0.5, 0, -1), 2, 100, out)))).toEqual([0, 5]);
  });

  test('shuffled orders are seeded permutations', () => {
    const a = shuffledOrder(1000, 7);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(shuffledOrder(1000, 7))).toEqual(Array.from(a));
    expect(Array.from(shuffledOrder(1000, 8))).not.toEqual(Array.from(a));
  });
});
