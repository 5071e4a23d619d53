/**
 * The `fast` engine's kernel model: how wide its blurred grid kernel is for a given bandwidth, chosen
 * so that its per-axis spread matches nn_vis's integrated-Epanechnikov kernels (measured against the
 * `exact` engine: docs/deviations.md). All values are per-axis standard deviations in world units.
 */
import { kernelVarianceCells } from './fast-grid';

/** Binomial blur passes per level for the edge grid. More passes: finer cells, smoother field. */
export const EDGE_BLUR_PASSES = 1;

/** Node grid cells per bandwidth (never finer than nn_vis's cell): the Epanechnikov blur spans 2× this. */
export const NODE_CELLS_PER_BANDWIDTH = 5;

/** Scale on the matched spreads below: 1 (matched second moment) measured best against `exact` (0.8 and 1.2 are ~25 % worse). */
export const EDGE_SPREAD_SCALE = 1;

/**
 * nn_vis's edge kernel (ellipse excess of a segment of length L, bandwidth bw) swept along an edge has a
 * perpendicular profile with standard deviation ≈ (bw + L)/(2√6): a radial Epanechnikov of radius
 * (bw + L)/2 integrated along the line.
 */
export function edgeKernelSpread(bandwidth: number, sampleLength: number): number {
  return (EDGE_SPREAD_SCALE * (bandwidth + sampleLength)) / (2 * Math.sqrt(6));
}

/** Cell size that gives the splat + `passes` binomial passes the spread `spread` (kernelVarianceCells). */
export function cellForSpread(spread: number, passes: number): number {
  return spread / Math.sqrt(kernelVarianceCells(passes));
}

/** How far (world units) the discrete kernel reaches: the splat's cell plus one cell per pass, plus one to read. */
export function kernelReach(cell: number, passes: number): number {
  return (passes + 2) * cell;
}

/**
 * Voxel budget of one gap's grid per level: at least MIN_GRID_VOXELS, else VOXELS_PER_POINT per point of
 * the gap. Past it the cell grows beyond the kernel-matched size (late levels of big networks, whose
 * bounding box grows as nn_vis's class repulsion spreads the samples); keeps grid work ≤ point work.
 */
export const MIN_GRID_VOXELS = 32768;
/** Voxels allowed per point of the gap above MIN_GRID_VOXELS (docs/deviations.md F5: speed against quality). */
export const VOXELS_PER_POINT = 4;

/** The voxel budget for a grid serving `points` points. */
export function gridVoxelBudget(points: number): number {
  return Math.max(MIN_GRID_VOXELS, Math.round(points * VOXELS_PER_POINT));
}

/**
 * Early levels run on coarser polylines (docs/deviations.md F14): a level whose bandwidth is at least
 * COARSE_MIN_BANDWIDTH coarse spacings keeps its points COARSE_FACTOR times farther apart than
 * nn_vis's sample length. Its splat weights are scaled by COARSE_FACTOR, so the density has the fine
 * polyline's mass, and it smooths with the passes divided by COARSE_FACTOR² (the same spread along the
 * edge in world units). The gradient, smoothing and resampling then touch half the points.
 */
export const COARSE_FACTOR = 2;
/** Bandwidth, in coarse spacings, down to which a level stays coarse (13 of the 23 levels at the defaults; 0.5 gives 19 but 5 % more ink). */
export const COARSE_MIN_BANDWIDTH = 1;

/** Point spacing of each level (nn_vis's `sampleLength`, or COARSE_FACTOR× it on the early levels). */
export function levelSpacings(bandwidths: Float64Array, sampleLength: number): Float64Array {
  const coarse = COARSE_FACTOR * sampleLength;
  return bandwidths.map((bw) => (bw >= COARSE_MIN_BANDWIDTH * coarse ? coarse : sampleLength));
}

/** Smoothing passes on points `ratio`× farther apart than nn_vis's: the same spread (variance) per level. */
export function coarseSmoothingPasses(passes: number, ratio: number): number {
  return passes > 0 && ratio > 1 ? Math.max(1, Math.round(passes / (ratio * ratio))) : passes;
}
