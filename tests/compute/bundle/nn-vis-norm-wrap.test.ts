import { DENSITY_STRENGTH } from '../../../src/compute/bundle/constants';
import { segmentKernelValue } from '../../../src/compute/bundle/integrated-kernel';
import { nnVisDensityScale, nnVisSegmentMass, wrappedNorm } from '../../../src/compute/bundle/nn-vis-norm-wrap';

/** Every cell of the cube around the segment, in the same order: what nnVisSegmentMass must equal. */
function bruteForceMass(bandwidth: number, cell: number, length: number, halfLength: number): number {
  const reach = Math.ceil((bandwidth + length) / cell) + 2;
  const ax = 0.31 * cell, ay = 0.17 * cell, az = 0.23 * cell - length / 2, bz = az + length;
  let sum = 0;
  for (let i = -reach; i <= reach; i++) {
    for (let j = -reach; j <= reach; j++) {
      for (let k = -reach; k <= reach; k++) {
        const value = segmentKernelValue((i + 0.5) * cell, (j + 0.5) * cell, (k + 0.5) * cell, ax, ay, az, ax, ay, bz, length, halfLength, bandwidth) * DENSITY_STRENGTH;
        if (value >= 1) sum += value;
      }
    }
  }
  return sum;
}

describe('nn_vis\'s wrapped norm (E14, F12)', () => {
  it.each([
    [0.5, 1 / 45, 1 / 15, 1 / 45], [0.2, 1 / 45, 1 / 15, 1 / 90], [0.049, 1 / 45, 1 / 15, 1 / 45], [0.05, 0.02, 0.2, 0.02], [1, 0.05, 0.01, 0.05],
  ])('sums nn_vis\'s deposits of one segment (bw %f, cell %f, length %f) to the same bits as visiting every cell', (bw, cell, length, half) => {
    const mass = nnVisSegmentMass(bw, cell, length, half);
    expect(mass).toBeGreaterThan(0);
    expect(mass).toBe(bruteForceMass(bw, cell, length, half));
  });

  it('wraps the norm where its square passes 2³² in nn_vis\'s units, and leaves smaller norms alone', () => {
    const scale = nnVisDensityScale(1000, 0.02, 0.04);
    expect(scale).toBe(125);
    expect(wrappedNorm(100, scale)).toBeCloseTo(100, 9);
    // 65,536 / 125 = 524.288 is where the square reaches 2³²; just past it the norm starts again from 0.
    expect(wrappedNorm(524.288 * 1.0001, scale)).toBeLessThan(10);
  });
});
