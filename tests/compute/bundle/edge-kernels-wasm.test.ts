import { EdgeKernels, WasmGrid } from '../../../src/compute/bundle/edge-kernels-wasm';
import { createFastEdgeGaps, fastGapGrid, fastNormScale } from '../../../src/compute/bundle/fast-edge-phase';
import { addGrid, blurGrid, computeNorms, epanechnikovBlur2d, GridStore } from '../../../src/compute/bundle/fast-grid';
import { EDGE_BLUR_PASSES } from '../../../src/compute/bundle/fast-tuning';
import { meanDistortion } from '../../../src/compute/bundle/quality';
import { sampleLength } from '../../../src/compute/geometry-constants';
import { gridLayout } from '../../../src/compute/layout';
import { validateParams } from '../../../src/compute/params';
import type { Polylines } from '../../../src/compute/polylines';
import { randomNetwork } from '../../../src/compute/random-network';
import { straightEdges } from '../../../src/compute/straight-edges';
import type { EdgeImportanceType } from '../../../src/compute/bundle/class-vectors';
import { allEdges } from './run-engine';

// The WASM kernels must give the same bytes as the JS ones, so a picture never depends on whether the
// browser has WebAssembly SIMD.
function bundle(wasm: boolean, type: EdgeImportanceType, smoothingIterations = 8, layers = [12, 9, 6, 4]): Polylines[] {
  const params = validateParams({ engine: 'fast', edgeImportanceType: type, smoothingIterations });
  const net = randomNetwork(layers, 7);
  const kept = allEdges(net);
  const positions = gridLayout(net, params);
  const straight = straightEdges(net, kept, positions, sampleLength(params));
  const { plan, gaps } = createFastEdgeGaps(net, kept, positions, straight, params);
  const store = new GridStore(wasm);
  const { schedule } = plan;
  for (let k = 0; k < schedule.levels; k++) {
    gaps.forEach((gap, g) => {
      const grid = fastGapGrid(store, plan, k, gap.bounds, plan.clips[g]!, net.numClasses, gap.pointCount);
      expect(grid instanceof WasmGrid).toBe(wasm);
      gap.splat(grid);
      blurGrid(store, grid, EDGE_BLUR_PASSES);
      computeNorms(grid, fastNormScale(plan, k, grid));
      gap.advect(grid, schedule.bandwidths[k]!, schedule.similarities[k]!, params.smoothingIterations, schedule.reductionsAfter[k]!);
    });
  }
  // The WASM path takes the bounding box from its resample kernel, the JS path from a loop: same floats.
  const expected = gaps.map((g) => {
    const lines = g.snapshot(), box = [Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity];
    for (let i = 0; i < lines.points.length; i += 3) {
      for (let d = 0; d < 3; d++) {
        box[d] = Math.min(box[d]!, lines.points[i + d]!);
        box[d + 3] = Math.max(box[d + 3]!, lines.points[i + d]!);
      }
    }
    return box;
  });
  gaps.forEach((g, i) => expect(Array.from(g.bounds)).toEqual(expected[i]));
  return gaps.map((g) => g.snapshot());
}

describe('WASM edge kernels', () => {
  it('are available in Node (WebAssembly SIMD)', () => {
    expect(EdgeKernels.create()).not.toBeNull();
  });

  // 8 smoothing passes run as two 4-pass sweeps in WASM (n ≥ 5), 9 and 5 add single passes, 3 has none.
  it.each([[0, 8], [2, 8], [3, 8], [0, 9], [0, 5], [0, 3]] as const)('bundle to the same bytes as the JS kernels (edge importance type %i, %i smoothing passes)', (type, passes) => {
    const js = bundle(false, type, passes), wasm = bundle(true, type, passes);
    expect(wasm).toHaveLength(js.length);
    js.forEach((lines, g) => {
      expect(Array.from(wasm[g]!.pointOffsets)).toEqual(Array.from(lines.pointOffsets));
      expect(Buffer.from(wasm[g]!.points.buffer).equals(Buffer.from(lines.points.buffer))).toBe(true);
    });
    // The edges did bundle (two straight results would prove nothing).
    for (const lines of js) expect(meanDistortion(lines)).toBeGreaterThan(1.005);
  });

  it('bundle to the same bytes over several staged chunks of points (120-60-10: over 65,536 points in its first gap)', () => {
    const js = bundle(false, 0, 8, [120, 60, 10]), wasm = bundle(true, 0, 8, [120, 60, 10]);
    expect(js[0]!.pointOffsets[js[0]!.pointOffsets.length - 1]).toBeGreaterThan(65536); // more than one chunk in the first gap
    js.forEach((lines, g) => {
      expect(Array.from(wasm[g]!.pointOffsets)).toEqual(Array.from(lines.pointOffsets));
      expect(Buffer.from(wasm[g]!.points.buffer).equals(Buffer.from(lines.points.buffer))).toBe(true);
    });
  });

  it('add a partner grid with the same bytes as the JS loop, also from a view of their own memory', () => {
    const values = (seed: number, n: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 1e3);
    const js = new GridStore(false).grid(0.1, 0, 0, 0, 5, 4, 3, 10);
    const store = new GridStore(true);
    const wasm = store.grid(0.1, 0, 0, 0, 5, 4, 3, 10);
    expect(wasm instanceof WasmGrid).toBe(true);
    const a = values(1, js.data.length), b = values(2, js.data.length);
    js.data.set(a); wasm.data.set(a);
    addGrid(js, b); addGrid(wasm, b);
    expect(Buffer.from(wasm.data.slice().buffer).equals(Buffer.from(js.data.slice().buffer))).toBe(true);
    expect(wasm.data[7]).toBe(Math.fround(a[7]! + b[7]!));
    // A source that lives in the same WASM memory (which the add may grow) is copied out first.
    addGrid(wasm, wasm.data);
    addGrid(js, js.data.slice());
    expect(Buffer.from(wasm.data.slice().buffer).equals(Buffer.from(js.data.slice().buffer))).toBe(true);
    expect(() => addGrid(wasm, new Float32Array(3))).toThrow('grid add: 3 floats into a grid of 720');
  });

  it.each([[0.7, 9, 7], [2.5, 9, 7], [8, 23, 17], [8, 5, 4]])(
    'blur a flat node grid with the Epanechnikov kernel (radius %f cells, %i×%i voxels) to the same bytes as JS',
    (radius, nx, ny) => {
      const js = new GridStore(false), wasm = new GridStore(true);
      const a = js.grid(0.1, 0, 0, 0, nx, ny, 1, 10), b = wasm.grid(0.1, 0, 0, 0, nx, ny, 1, 10);
      expect(b instanceof WasmGrid).toBe(true);
      const values = Float32Array.from({ length: a.data.length }, (_, i) => (i % 12 < 10 ? Math.abs(Math.sin(i * 7.31)) * 100 : 0));
      a.data.set(values); b.data.set(values);
      epanechnikovBlur2d(js, a, radius);
      epanechnikovBlur2d(wasm, b, radius);
      expect(Buffer.from(b.data.slice().buffer).equals(Buffer.from(a.data.slice().buffer))).toBe(true);
      // It did blur: a voxel took its neighbours' mass (radius > 1) or kept its own (radius ≤ 1).
      expect(a.data.some((v, i) => v !== values[i])).toBe(radius > 1);
    },
  );
});
