import { attractiveness, nodeClassVectors, sampleClassVector } from '../../../src/compute/bundle/class-vectors';
import { randomNetwork } from '../../../src/compute/random-network';
import type { NetworkArrays } from '../../../src/compute/types';

function twoNodeNet(a: number[], b: number[]): NetworkArrays {
  const net = randomNetwork([1, 2], 1);
  return { ...net, nodeImportance: Float32Array.from([...a, ...b, 0, 0]) };
}

describe('class vectors of nodes and edge samples', () => {
  const net = twoNodeNet([3, 4], [0, 2]);
  const vectors = nodeClassVectors(net);
  const out = new Float64Array(2);

  it('normalises node importance and keeps its L2 length', () => {
    expect(Array.from(vectors.unit.subarray(0, 2))).toEqual([0.6, 0.8]);
    expect(vectors.length[0]).toBe(5);
    expect(vectors.length[2]).toBe(0);
    expect(Array.from(vectors.unit.subarray(4, 6))).toEqual([0, 0]); // all-zero node: no NaN
  });

  it('follows edge_importance_type 0 (interpolate), 1 (start), 2 (sum), 3 (end)', () => {
    sampleClassVector(vectors, 0, 0, 1, 0.25, out);
    expect(out[0]).toBeCloseTo(0.75 * 0.6, 12);
    expect(out[1]).toBeCloseTo(0.75 * 0.8 + 0.25 * 1, 12);
    sampleClassVector(vectors, 1, 0, 1, 0.9, out);
    expect(Array.from(out)).toEqual([0.6, 0.8]);
    sampleClassVector(vectors, 2, 0, 1, 0.5, out);
    expect(out[0]).toBeCloseTo(3 / 7, 12);
    expect(out[1]).toBeCloseTo(6 / 7, 12);
    sampleClassVector(vectors, 3, 0, 1, 0.1, out);
    expect(Array.from(out)).toEqual([0, 1]);
  });

  it("scores a cell by ‖D‖·(cos − s) and an empty cell by NaN (nn_vis's 0/0, which leaves the point in place)", () => {
    const grid = new Float64Array([3, 4, 0, 0]);
    const v = new Float64Array([1, 0]);
    expect(attractiveness(grid, 0, v, 2, 0.5)).toBeCloseTo(5 * (0.6 - 0.5), 12);
    expect(attractiveness(grid, 2, v, 2, 0.5)).toBeNaN();
    // The gradient over it is NaN too, so a `strength > 0` test skips the move.
    const strength = Math.hypot(attractiveness(grid, 2, v, 2, 0.5) - attractiveness(grid, 0, v, 2, 0.5));
    expect(strength > 0).toBe(false);
  });

  it("sums the squared densities in uint32 as nn_vis does, so ‖D‖ wraps once it reaches 65,536", () => {
    const v = new Float64Array([1, 0]);
    // 60,000² + 30,000² = 4.5·10⁹ > 2³²: nn_vis's norm is √(4.5·10⁹ − 2³²) = √205,032,704.
    const dense = new Float64Array([60000, 30000]);
    expect(attractiveness(dense, 0, v, 2, 0.5)).toBeCloseTo(60000 - 0.5 * Math.sqrt(4.5e9 - 2 ** 32), 6);
    // Below the wrap it is the plain norm.
    const light = new Float64Array([300, 400]);
    expect(attractiveness(light, 0, v, 2, 0.5)).toBeCloseTo(300 - 0.5 * 500, 9);
    // 65,536² is exactly 2³²: the wrapped sum is 0, nn_vis's 0/0.
    expect(attractiveness(new Float64Array([65536, 0]), 0, v, 2, 0.5)).toBeNaN();
  });
});
