import { nodeClassVectors } from '../../../src/compute/bundle/class-vectors';
import { FastEdgeGap } from '../../../src/compute/bundle/fast-edge-gap';
import { GridStore } from '../../../src/compute/bundle/fast-grid';
import { COARSE_FACTOR, coarseSmoothingPasses, levelSpacings } from '../../../src/compute/bundle/fast-tuning';
import { edgeSchedule } from '../../../src/compute/bundle/schedule';
import { validateParams } from '../../../src/compute/params';
import { randomNetwork } from '../../../src/compute/random-network';

// docs/deviations.md F14: the early levels, whose kernel spans several samples, move polylines with
// half of nn_vis's points and splat them as the fine polylines they stand for.
describe('coarse early levels (F14)', () => {
  const params = validateParams({ engine: 'fast' });
  const h = params.layerWidth / params.samplingRate;

  it('run the 13 levels whose bandwidth is at least the coarse spacing at twice nn_vis\'s spacing, the other 10 at its own', () => {
    const schedule = edgeSchedule(params);
    const spacings = levelSpacings(schedule.bandwidths, h);
    expect(schedule.levels).toBe(23);
    expect(Array.from(spacings).filter((s) => s === COARSE_FACTOR * h)).toHaveLength(13);
    expect(spacings[12]).toBe(2 * h);
    expect(spacings[13]).toBe(h);
    expect(schedule.bandwidths[12]!).toBeGreaterThanOrEqual(2 * h);
    expect(schedule.bandwidths[13]!).toBeLessThan(2 * h);
  });

  it('divide the smoothing passes by the square of the spacing ratio (same spread), keeping at least one', () => {
    expect(coarseSmoothingPasses(8, 2)).toBe(2);
    expect(coarseSmoothingPasses(16, 2)).toBe(4);
    expect(coarseSmoothingPasses(1, 2)).toBe(1);
    expect(coarseSmoothingPasses(0, 2)).toBe(0);
    expect(coarseSmoothingPasses(8, 1)).toBe(8);
  });

  // One straight edge along z, 16 sample lengths long, splatted once as a coarse and once as a fine polyline.
  const net = randomNetwork([1, 1], 3);
  const gap = (spacing: number): FastEdgeGap => new FastEdgeGap({
    vectors: nodeClassVectors(net), type: 0, sources: Int32Array.of(0), targets: Int32Array.of(1),
    lines: { points: Float32Array.of(0.1, -0.05, -8 * h, 0.1, -0.05, 8 * h), pointOffsets: Int32Array.of(0, 2) },
    sampleLength: h, spacings: Float64Array.of(spacing), maxPoints: 200, zLow: -10, zHigh: 10,
  });
  const splatted = (g: FastEdgeGap): { mass: number; z: number } => {
    const store = new GridStore(false);
    const grid = store.grid(0.05, -1, -1, -1, 41, 41, 41, net.numClasses);
    g.splat(grid);
    let mass = 0, z = 0;
    for (let v = 0; v < grid.nx * grid.ny * grid.nz; v++) {
      let m = 0;
      for (let c = 0; c < grid.channels; c++) m += grid.data[v * grid.stride + c]!;
      mass += m;
      z += m * (grid.oz + Math.floor(v / (grid.nx * grid.ny)) * grid.cell);
    }
    return { mass, z: z / mass };
  };

  it('keep half the points and splat, with twice the weights, the fine polyline\'s mass and centre', () => {
    const fine = gap(h), coarse = gap(2 * h);
    expect(fine.pointCount).toBe(17);
    expect(coarse.pointCount).toBe(9);
    const a = splatted(fine), b = splatted(coarse);
    expect(b.mass).toBeCloseTo(a.mass, 4);
    expect(b.z).toBeCloseTo(a.z, 2);
  });
});
