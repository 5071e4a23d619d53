/**
 * `fast` edge phase, single-threaded driver: per level and per gap, lay out a grid over the gap's
 * points, splat, blur, take norms, then advect + smooth + resample. The worker layer can drive the
 * same steps itself with `FastEdgeGap`, `createFastEdgeGaps` and `fastGapGrid` to split a gap over
 * two workers (each splats its edge range; blurred partial grids are summed with `addGrid`).
 */
import type { ArrayReuse } from '../array-reuse';
import type { Polylines } from '../polylines';
import { maxAdjacentDistance, maxSamplePoints } from '../geometry-constants';
import type { NetworkArrays, ProcessingParams } from '../types';
import { nodeClassVectors } from './class-vectors';
import type { AdvectionDirection, BundleLevelInfo } from './engine-types';
import { FastEdgeGap, type FastEdgeGapSetup } from './fast-edge-gap';
import { blurGrid, computeNorms, GridStore, layoutGrid } from './fast-grid';
import type { FastGrid } from './fast-grid';
import { cellForSpread, EDGE_BLUR_PASSES, edgeKernelSpread, gridVoxelBudget, kernelReach, levelSpacings } from './fast-tuning';
import { concatPolylines, slicePolylines, splitByGap } from './gap-edges';
import { nnVisGrid } from './nn-vis-grid';
import { nnVisDensityScale, nnVisSegmentMass } from './nn-vis-norm-wrap';
import { CELL_SCALE } from './constants';
import type { BandwidthSchedule } from './schedule';
import { bundleSizes, edgeSchedule } from './schedule';

/** Everything the fast edge phase derives from the network and parameters once. */
export interface FastEdgePlan {
  readonly schedule: BandwidthSchedule;
  readonly sampleLength: number;
  /** Gap index and its first position in `kept`, one per gap with kept edges. */
  readonly gaps: readonly { readonly gap: number; readonly firstKept: number; readonly count: number }[];
  /** nn_vis's padded grid box of each gap, [minX,minY,minZ,maxX,maxY,maxZ] (the fast grid is clipped to it). */
  readonly clips: readonly Float64Array[];
  /** nn_vis's cell size, and its deposit mass per segment at each level's bandwidth (for its wrapped norm). */
  readonly nnCell: number;
  readonly segmentMasses: Float64Array;
}

/**
 * The initial polylines of the edges: all of them (in kept order, or the range's), or a function giving
 * those of range-relative kept edges [first, first + count) (e.g. made chunk by chunk).
 */
export type EdgeSeeds = Polylines | ((first: number, count: number) => FastEdgeGapSetup['lines']);

/**
 * Builds one `FastEdgeGap` per gap with kept edges. With `range`, only kept[first .. first+count) are
 * built (a worker's share, e.g. half of a big gap) and `polylines` holds exactly those edges' polylines.
 * `positions` must hold every node (nn_vis's max_sample_points looks at all adjacent-layer pairs).
 * With `reuse`, gap i keeps its points in `reuse.arrays` under the name `${reuse.prefix}.${i}`.
 */
export function createFastEdgeGaps(
  net: NetworkArrays, kept: Int32Array, positions: Float32Array, polylines: EdgeSeeds, params: ProcessingParams,
  range?: { readonly first: number; readonly count: number },
  reuse?: { readonly arrays: ArrayReuse; readonly prefix: string },
): { plan: FastEdgePlan; gaps: FastEdgeGap[] } {
  const { sampleLength } = bundleSizes(params);
  const schedule = edgeSchedule(params);
  const grid = nnVisGrid(params, net.layerSizes.length);
  const vectors = nodeClassVectors(net);
  const maxPoints = maxSamplePoints(maxAdjacentDistance(net.layerOffsets, positions), sampleLength);
  const spacings = levelSpacings(schedule.bandwidths, sampleLength);
  const first = range?.first ?? 0, count = range?.count ?? kept.length;
  const split = splitByGap(net, kept.subarray(first, first + count));
  const gaps: FastEdgeGap[] = [];
  const clips: Float64Array[] = [];
  for (const g of split) {
    const zOffset = g.gap * params.layerDistance;
    gaps.push(new FastEdgeGap({
      vectors, type: params.edgeImportanceType, sources: g.sources, targets: g.targets,
      lines: typeof polylines === 'function' ? polylines(g.firstKept, g.sources.length) : slicePolylines(polylines, g.firstKept, g.sources.length),
      sampleLength, spacings, maxPoints,
      // nn_vis's slice range: z cells [0, nz − 1) of this gap's grid.
      zLow: grid.minZ + zOffset, zHigh: grid.minZ + zOffset + (grid.nz - 1) * grid.cellSize,
      ...(reuse === undefined ? {} : { reuse: { arrays: reuse.arrays, name: `${reuse.prefix}.${gaps.length}` } }),
    }));
    clips.push(new Float64Array([grid.minX, grid.minY, grid.minZ + zOffset, grid.maxX, grid.maxY, grid.maxZ + zOffset]));
  }
  const segmentMasses = Float64Array.from(schedule.bandwidths, (bw) => cachedSegmentMass(bw, grid.cellSize, sampleLength));
  const plan = {
    schedule, sampleLength, clips, nnCell: grid.cellSize, segmentMasses,
    gaps: split.map((g) => ({ gap: g.gap, firstKept: first + g.firstKept, count: g.sources.length })),
  };
  return { plan, gaps };
}

const segmentMassCache = new Map<string, number>();

/** nnVisSegmentMass, computed once per (bandwidth, cell, length) in this thread (~100k kernel values at the first level). */
function cachedSegmentMass(bandwidth: number, cell: number, length: number): number {
  const key = `${bandwidth} ${cell} ${length}`;
  let mass = segmentMassCache.get(key);
  if (mass === undefined) {
    mass = nnVisSegmentMass(bandwidth, cell, length, cell * CELL_SCALE);
    segmentMassCache.set(key, mass);
  }
  return mass;
}

/** The scale at which level `level`'s norms wrap as nn_vis's uint32 norms do (nn-vis-norm-wrap.ts). */
export function fastNormScale(plan: FastEdgePlan, level: number, grid: FastGrid): number {
  return nnVisDensityScale(plan.segmentMasses[level]!, plan.nnCell, grid.cell);
}

/** Cell size of the fast grid at level `level`. */
export function fastEdgeCell(plan: FastEdgePlan, level: number): number {
  return cellForSpread(edgeKernelSpread(plan.schedule.bandwidths[level]!, plan.sampleLength), EDGE_BLUR_PASSES);
}

/**
 * The (zeroed) grid for level `level` over `bounds` (the union of every share's `FastEdgeGap.bounds`
 * when a gap is split), clipped to `clip`, sized for `points` points (the whole gap's); backed by `store`.
 */
export function fastGapGrid(
  store: GridStore, plan: FastEdgePlan, level: number, bounds: Float64Array, clip: Float64Array, channels: number, points: number,
): FastGrid {
  const cell = fastEdgeCell(plan, level);
  return layoutGrid(store, bounds, kernelReach(cell, EDGE_BLUR_PASSES), clip, cell, channels, false, gridVoxelBudget(points));
}

/**
 * Runs the whole fast edge phase on one thread; yields after each level. The gaps are built (the
 * straight `polylines` resampled into their own buffers) at the call, so the generator does not keep
 * `polylines` alive: the caller may drop them after the first level.
 */
export function fastEdgePhase(
  net: NetworkArrays, kept: Int32Array, positions: Float32Array, polylines: Polylines,
  params: ProcessingParams, direction: AdvectionDirection,
): Generator<BundleLevelInfo, Polylines, void> {
  const { plan, gaps } = createFastEdgeGaps(net, kept, positions, polylines, params);
  return fastEdgeLevels(net.numClasses, plan, gaps, params, direction);
}

function* fastEdgeLevels(
  C: number, plan: FastEdgePlan, gaps: FastEdgeGap[], params: ProcessingParams, direction: AdvectionDirection,
): Generator<BundleLevelInfo, Polylines, void> {
  const store = new GridStore();
  const { schedule } = plan;
  const snapshot = (): Polylines => concatPolylines(gaps.map((g) => g.lines));
  for (let k = 0; k < schedule.levels; k++) {
    const bw = schedule.bandwidths[k]!, s = schedule.similarities[k]!;
    for (let g = 0; g < gaps.length; g++) {
      const gap = gaps[g]!;
      const grid = fastGapGrid(store, plan, k, gap.bounds, plan.clips[g]!, C, gap.pointCount);
      gap.splat(grid);
      blurGrid(store, grid, EDGE_BLUR_PASSES);
      computeNorms(grid, fastNormScale(plan, k, grid));
      gap.advect(grid, bw * direction, s, params.smoothing ? params.smoothingIterations : 0, schedule.reductionsAfter[k]!);
    }
    yield { phase: 'edges', level: k + 1, levels: schedule.levels, bandwidth: bw, similarity: s, snapshot };
  }
  return snapshot();
}
