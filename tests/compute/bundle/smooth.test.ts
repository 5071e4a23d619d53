import { SmoothScratch, smoothPolyline, smoothThree32 } from '../../../src/compute/bundle/smooth';

function line(values: number[]): Float32Array {
  return Float32Array.from(values.flatMap((x) => [x, 0, 0]));
}
const xs = (p: Float32Array): number[] => Array.from(p.filter((_, i) => i % 3 === 0));

describe("nn_vis's Laplacian smoothing", () => {
  const scratch = new SmoothScratch();

  it('replaces each interior point by the mean of ±R neighbours, Jacobi style, end points fixed', () => {
    const p = line([0, 3, 0, 3, 9]);
    smoothPolyline(p, 0, 5, 1, 1, scratch);
    expect(xs(p)).toEqual([0, 1, 2, 4, 9]);
    smoothPolyline(p, 0, 5, 1, 1, scratch);
    expect(xs(p)).toEqual([0, 1, 7 / 3, 5, 9].map(Math.fround));
  });

  it('clips a wider window at the edge, counting each end point once', () => {
    const p = line([0, 6, 0, 6, 0, 12]);
    smoothPolyline(p, 0, 6, 2, 1, scratch);
    // j=1: mean(0,6,0,6) = 3; j=2: mean(0,6,0,6,0) = 2.4; j=3: mean(6,0,6,0,12) = 4.8; j=4: mean(0,6,0,12) = 4.5
    expect(xs(p)).toEqual([0, 3, 2.4, 4.8, 4.5, 12].map(Math.fround));
  });

  it('leaves the end points bit for bit and touches only its own polyline', () => {
    const p = line([1.1, 5, 7, 2.3, 100, 200]);
    smoothPolyline(p, 0, 4, 1, 8, scratch);
    expect(p[0]).toBe(Math.fround(1.1));
    expect(p[9]).toBe(Math.fround(2.3));
    expect(p[12]).toBe(100);
    expect(p[15]).toBe(200);
  });

  it('has a float32 3-point variant (the fast engine\'s) within float32 rounding of the float64 one', () => {
    const values = Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.7) * 3 + i * 0.1);
    const a = line(values), b = line(values);
    smoothPolyline(a, 0, 40, 1, 8, scratch);
    smoothThree32(b, 0, 40, 8);
    expect(b[0]).toBe(a[0]);
    expect(b[39 * 3]).toBe(a[39 * 3]);
    xs(a).forEach((x, i) => expect(xs(b)[i]).toBeCloseTo(x, 5));
    // Every operation rounds to float32: one pass of (0.1 + 0.2 + 0.3) is the float32 sum times fround(1/3).
    const c = line([0.1, 0.2, 0.3]);
    smoothThree32(c, 0, 3, 1);
    const f = Math.fround;
    expect(c[3]).toBe(f(f(f(f(0.1) + f(0.2)) + f(0.3)) * f(1 / 3)));
  });
});
