import { gridLayout, layerZ } from '../../src/compute/layout';
import { buildNetwork, denseSpec } from '../helpers/network-spec';

const params = { layerWidth: 1, layerDistance: 0.4 };
const f = Math.fround;

/** xyz of node `id`. */
function at(positions: Float32Array, id: number): number[] {
  return Array.from(positions.subarray(3 * id, 3 * id + 3));
}

test('a layer of one node sits at the centre', () => {
  const pos = gridLayout(buildNetwork(denseSpec([1, 4])), params);
  expect(at(pos, 0)).toEqual([0, 0, f(-0.2)]);
});

test('4 nodes fill a 2×2 grid, row-major, centred, spacing w/s', () => {
  const pos = gridLayout(buildNetwork(denseSpec([1, 4])), params);
  expect([1, 2, 3, 4].map((id) => at(pos, id))).toEqual([
    [-0.25, -0.25, f(0.2)],
    [0.25, -0.25, f(0.2)],
    [-0.25, 0.25, f(0.2)],
    [0.25, 0.25, f(0.2)],
  ]);
});

test('10 nodes use a 4×4 grid centred as if full, so the partial third row leaves the layer off-centre towards −y', () => {
  const pos = gridLayout(buildNetwork(denseSpec([10, 1])), params);
  expect(at(pos, 0)).toEqual([-0.375, -0.375, f(-0.2)]);
  expect(at(pos, 3)).toEqual([0.375, -0.375, f(-0.2)]);
  expect(at(pos, 9)).toEqual([-0.125, 0.125, f(-0.2)]);
  const ys = Array.from({ length: 10 }, (_, i) => pos[3 * i + 1]!);
  expect(new Set(ys)).toEqual(new Set([-0.375, -0.125, 0.125]));
  expect(ys.reduce((a, b) => a + b) / 10).toBeLessThan(0);
});

test('784 inputs form a 28×28 image: pixel (r, c) at x ∝ c, y ∝ r, spanning ±27/56', () => {
  const pos = gridLayout(buildNetwork(denseSpec([784, 1])), params);
  const h = 27 / 56;
  expect(at(pos, 0).slice(0, 2)).toEqual([f(-h), f(-h)]);
  expect(at(pos, 783).slice(0, 2)).toEqual([f(h), f(h)]);
  // Row 1, column 2 = node 30.
  expect(at(pos, 30).slice(0, 2)).toEqual([f((2 - 13.5) / 28), f((1 - 13.5) / 28)]);
});

test('layers are centred on z = 0, layerDistance apart: −0.6, −0.2, 0.2, 0.6 for L = 4, ld 0.4', () => {
  const pos = gridLayout(buildNetwork(denseSpec([1, 1, 1, 1])), params);
  expect([0, 1, 2, 3].map((l) => pos[3 * l + 2])).toEqual([f(-0.6), f(-0.2), f(0.2), f(0.6)]);
  [-0.6, -0.2, 0.2, 0.6].forEach((z, l) => expect(layerZ(l, 4, 0.4)).toBeCloseTo(z, 12));
});

test('layerWidth scales x and y, layerDistance scales z', () => {
  const net = buildNetwork(denseSpec([4, 1]));
  const pos = gridLayout(net, { layerWidth: 2, layerDistance: 1 });
  expect(at(pos, 0)).toEqual([-0.5, -0.5, -0.5]);
  expect(at(pos, 4)).toEqual([0, 0, 0.5]);
});

test('writes into a caller buffer; a short one is refused', () => {
  const net = buildNetwork(denseSpec([4, 1]));
  const out = new Float32Array(15);
  expect(gridLayout(net, params, out)).toBe(out);
  expect(at(out, 4)).toEqual([0, 0, f(0.2)]);
  expect(() => gridLayout(net, params, new Float32Array(14))).toThrow('needs 15');
});
