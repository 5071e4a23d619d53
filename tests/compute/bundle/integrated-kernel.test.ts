import { CELL_SCALE } from '../../../src/compute/bundle/constants';
import { ellipseExcess, epanechnikovIntegral, integratedValue, pointKernelValue, segmentKernelValue } from '../../../src/compute/bundle/integrated-kernel';

describe("nn_vis's integrated Epanechnikov kernel", () => {
  it('integrates 1 − u²: F(u) = u − u³/3', () => {
    expect(epanechnikovIntegral(0)).toBe(0);
    expect(epanechnikovIntegral(1)).toBeCloseTo(2 / 3, 15);
    expect(epanechnikovIntegral(0.5)).toBeCloseTo(0.5 - 0.125 / 3, 15);
    expect(epanechnikovIntegral(-0.5)).toBeCloseTo(-(0.5 - 0.125 / 3), 15);
  });

  it('clamps both sides to the bandwidth and sums across the centre', () => {
    // Both sides beyond the bandwidth: nothing.
    expect(integratedValue(0.6, 0.55, false, 0.5)).toBe(0);
    // One side inside: |F(0.8) − F(1)|.
    expect(integratedValue(0.6, 0.4, false, 0.5)).toBeCloseTo(Math.abs(epanechnikovIntegral(0.8) - 2 / 3), 15);
    // Centre between the sides: F(e) + F(s).
    expect(integratedValue(0.1, 0.1, true, 0.5)).toBeCloseTo(2 * epanechnikovIntegral(0.2), 15);
  });

  it('gives a point kernel of radius bw + the cell half-length, with the hand-computed value in between', () => {
    const cell = 1 / 45, h = cell * CELL_SCALE, bw = 0.2;
    expect(pointKernelValue(0.3, 0, 0, 0, 0, 0, h, bw)).toBe(0);
    // Cell centre at distance 0.1 on the x axis: sides at 0.1 ± h.
    const v = pointKernelValue(0.1, 0, 0, 0, 0, 0, h, bw);
    expect(v).toBeCloseTo(Math.abs(epanechnikovIntegral((0.1 - h) / bw) - epanechnikovIntegral((0.1 + h) / bw)), 12);
    expect(pointKernelValue(0, 0, 0, 0, 0, 0, h, bw)).toBe(0); // nn_vis normalises a zero vector: no deposit
  });

  it('measures segment distance by the ellipse excess: 0 on the segment, 2d beyond an end', () => {
    const L = 0.1;
    expect(ellipseExcess(0, 0, 0.03, 0, 0, 0, 0, 0, L, L)).toBeCloseTo(0, 15);
    expect(ellipseExcess(0, 0, L + 0.05, 0, 0, 0, 0, 0, L, L)).toBeCloseTo(0.1, 15);
    const d = 0.2;
    expect(ellipseExcess(d, 0, L / 2, 0, 0, 0, 0, 0, L, L)).toBeCloseTo(2 * (Math.hypot(d, L / 2) - L / 2), 15);
  });

  it('reaches about bw/2 beyond a segment end and bw/2 + |AB|/2 sideways', () => {
    const cell = 1 / 45, h = cell * CELL_SCALE, bw = 0.5, L = 1 / 15;
    const along = (z: number): number => segmentKernelValue(0, 0, z, 0, 0, 0, 0, 0, L, L, h, bw);
    expect(along(L + 0.2)).toBeGreaterThan(0);
    expect(along(L + bw / 2 + h + 0.01)).toBe(0);
    const side = (x: number): number => segmentKernelValue(x, 0, L / 2, 0, 0, 0, 0, 0, L, L, h, bw);
    expect(side(0.27)).toBeGreaterThan(0);
    expect(side(0.33)).toBe(0);
  });
});
