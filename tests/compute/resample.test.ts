import { resampledPointsBound, resamplePolyline, resamplePolyline32, resamplePolylines } from '../../src/compute/resample';

/** Resamples the polyline `xyz` (flat) and returns its points as [x, y, z] triples. */
function resample(xyz: number[], sampleLen: number, maxPoints = 100): number[][] {
  const dst = new Float32Array(resampledPointsBound(maxPoints) * 3);
  const count = resamplePolyline(Float32Array.from(xyz), 0, xyz.length / 3, sampleLen, maxPoints, dst, 0);
  return Array.from({ length: count }, (_, k) => Array.from(dst.subarray(3 * k, 3 * k + 3)));
}

/** x coordinates of a resampled straight segment from x = 0 to x = `length`. */
function xs(length: number, maxPoints = 100): number[] {
  return resample([0, 0, 0, length, 0, 0], 1, maxPoints).map((p) => p[0]!);
}

const f = Math.fround;

test('points are emitted one sample length apart', () => {
  expect(xs(3.8)).toEqual([0, 1, 2, 3, f(3.8)]);
});

test('tail rule: a last point within 0.3·L of the end is dropped', () => {
  expect(xs(3.2)).toEqual([0, 1, 2, f(3.2)]);
});

test('tail rule: a last point within 0.7·L is replaced by the midpoint of its predecessor and the end', () => {
  expect(xs(3.5)).toEqual([0, 1, 2, 2.75, 3.5]);
});

test('a point emitted at 0.99·L or more lands on the input point, and then the tail rule drops it', () => {
  expect(xs(3.995)).toEqual([0, 1, 2, 3, f(3.995)]);
});

test('across a corner, spacing follows nn_vis: distance interpolated linearly along the segment', () => {
  const out = resample([0, 0, 0, 1.5, 0, 0, 1.5, 1.5, 0], 1);
  const t = (1 - 0.5) / (Math.sqrt(2.5) - 0.5);
  expect(out.length).toBe(4);
  expect(out[1]).toEqual([1, 0, 0]);
  expect(out[2]![0]).toBe(1.5);
  expect(out[2]![1]).toBeCloseTo(1.5 * t, 6);
  expect(out[3]).toEqual([1.5, 1.5, 0]);
});

test('at most maxPoints − 3 points are emitted, then the edge jumps to its end', () => {
  expect(resampledPointsBound(5)).toBe(3);
  expect(xs(3.5, 5)).toEqual([0, 1, 3.5]);
  expect(xs(50, 10).length).toBe(resampledPointsBound(10));
});

test('edges shorter than the sample length keep both end points (nn_vis would drop the start below 0.3·L)', () => {
  expect(xs(0.2)).toEqual([0, f(0.2)]);
  expect(xs(0.5)).toEqual([0, 0.5]);
  expect(xs(0)).toEqual([0, 0]);
});

test('end points are copied bit for bit', () => {
  const a = [f(0.1234567), f(-0.7654321), f(-0.2)];
  const b = [f(0.3333333), f(0.1111111), f(0.2)];
  const out = resample([...a, ...b], 1 / 15);
  expect(out[0]).toEqual(a);
  expect(out[out.length - 1]).toEqual(b);
});

test('resamplePolylines fills the flat layout polyline by polyline', () => {
  const src = { points: Float32Array.of(0, 0, 0, 3.8, 0, 0, 0, 1, 0, 0, 1, 3.2), pointOffsets: Int32Array.of(0, 2, 4) };
  const dst = { points: new Float32Array(2 * resampledPointsBound(100) * 3), pointOffsets: new Int32Array(3) };
  expect(resamplePolylines(src, 1, 100, dst)).toBe(9);
  expect(Array.from(dst.pointOffsets)).toEqual([0, 5, 9]);
  expect(Array.from(dst.points.subarray(15, 27))).toEqual([0, 1, 0, 0, 1, 1, 0, 1, 2, 0, 1, f(3.2)]);
});

test('resamplePolylines refuses buffers that could overflow', () => {
  const src = { points: Float32Array.of(0, 0, 0, 1, 0, 0), pointOffsets: Int32Array.of(0, 2) };
  expect(() => resamplePolylines(src, 1, 100, { points: new Float32Array(293), pointOffsets: new Int32Array(2) })).toThrow('needs 294');
  expect(() => resamplePolylines(src, 1, 100, { points: new Float32Array(294), pointOffsets: new Int32Array(1) })).toThrow('needs 2');
});

// The fast engine walks in float32 (four polylines per WASM f32x4 vector): the same rules, rounded
// to float32 at every step.
describe('resamplePolyline32', () => {
  /** A wiggly polyline of `n` points, 0.03–0.09 apart, from a fixed seed. */
  function wiggly(n: number, seed: number): Float32Array {
    let s = seed;
    const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const xyz = new Float32Array(n * 3);
    for (let i = 1; i < n; i++) {
      const step = 0.03 + 0.06 * rand();
      xyz[3 * i] = xyz[3 * i - 3]! + step * (rand() - 0.5);
      xyz[3 * i + 1] = xyz[3 * i - 2]! + step * (rand() - 0.5);
      xyz[3 * i + 2] = xyz[3 * i - 1]! + step;
    }
    return xyz;
  }

  it.each([[7, 1], [30, 2], [60, 3], [90, 4]])('follows resamplePolyline within float32 rounding (%i points, seed %i)', (n, seed) => {
    const src = wiggly(n, seed), maxPoints = 120;
    const a = new Float32Array(resampledPointsBound(maxPoints) * 3), b = a.slice();
    const count = resamplePolyline(src, 0, n, 0.0667, maxPoints, a, 0);
    expect(resamplePolyline32(src, 0, n, 0.0667, maxPoints, b, 0)).toBe(count);
    for (let i = 0; i < count * 3; i++) expect(Math.abs(b[i]! - a[i]!)).toBeLessThan(1e-5);
    // The end points are copied bit for bit.
    expect(Array.from(b.subarray(0, 3))).toEqual(Array.from(src.subarray(0, 3)));
    expect(Array.from(b.subarray(3 * count - 3, 3 * count))).toEqual(Array.from(src.subarray(3 * n - 3)));
  });

  it('keeps nn_vis\'s rules: spacing, the tail rule and the emission limit', () => {
    const run = (xyz: number[], sampleLen: number, maxPoints = 100): number[] => {
      const dst = new Float32Array(resampledPointsBound(maxPoints) * 3);
      const count = resamplePolyline32(Float32Array.from(xyz), 0, xyz.length / 3, sampleLen, maxPoints, dst, 0);
      return Array.from({ length: count }, (_, k) => dst[3 * k]!);
    };
    expect(run([0, 0, 0, 3.8, 0, 0], 1)).toEqual([0, 1, 2, 3, f(3.8)]);
    expect(run([0, 0, 0, 3.2, 0, 0], 1)).toEqual([0, 1, 2, f(3.2)]); // 3 is within 0.3 of the end: dropped
    expect(run([0, 0, 0, 3.5, 0, 0], 1)).toEqual([0, 1, 2, f(2.75), f(3.5)]); // within 0.7: the midpoint of 2 and the end
    expect(run([0, 0, 0, 50, 0, 0], 1, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 50]); // maxPoints − 3 emitted, then the end
  });
});
