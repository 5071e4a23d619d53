/**
 * `fast` node phase: nn_vis's node dynamics (shared 2D density of raw class importance, step
 * 0.2·bw in x/y along the normalised one-sided class gradient, clamp inside nn_vis's grid) on a
 * cropped bilinear-splat + separable Epanechnikov-blur grid whose cell follows the bandwidth.
 */
import type { NetworkArrays, ProcessingParams } from '../types';
import { nodeClassVectors } from './class-vectors';
import { NODE_CLAMP_CELLS, NODE_STEP_FACTOR } from './constants';
import type { AdvectionDirection, BundleLevelInfo } from './engine-types';
import { computeNorms, epanechnikovBlur2d, GridStore, layoutGrid } from './fast-grid';
import type { FastGrid } from './fast-grid';
import { NODE_CELLS_PER_BANDWIDTH } from './fast-tuning';
import { nnVisGrid } from './nn-vis-grid';
import { nodeSchedule } from './schedule';

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { abs, floor, max, min, sqrt } = Math;

function splatNodes(grid: FastGrid, positions: Float32Array, raw: Float64Array, count: number): void {
  const C = grid.channels, S = grid.stride, data = grid.data, nx = grid.nx, ny = grid.ny, inv = 1 / grid.cell;
  for (let n = 0; n < count; n++) {
    const u = (positions[n * 3]! - grid.ox) * inv, w = (positions[n * 3 + 1]! - grid.oy) * inv;
    const i0 = floor(u), j0 = floor(w);
    if (i0 < 0 || j0 < 0 || i0 + 1 >= nx || j0 + 1 >= ny) continue;
    const a = u - i0, b = w - j0;
    const base = (j0 * nx + i0) * S;
    for (let corner = 0; corner < 4; corner++) {
      const dx = corner & 1, dy = corner >> 1;
      const cw = (dx ? a : 1 - a) * (dy ? b : 1 - b);
      const at = base + (dy * nx + dx) * S;
      for (let c = 0; c < C; c++) data[at + c] = data[at + c]! + cw * raw[n * C + c]!;
    }
  }
}

function attract(grid: FastGrid, voxel: number, unit: Float64Array, uo: number, s: number): number {
  const C = grid.channels, data = grid.data, o = voxel * grid.stride;
  const norm = data[o + C]!;
  // An empty voxel: nn_vis's 0/0 = NaN, which leaves the node in place (class-vectors.ts attractiveness).
  if (!(norm > 0)) return NaN;
  let dot = 0;
  for (let c = 0; c < C; c++) dot += unit[uo + c]! * data[o + c]!;
  return dot - s * norm;
}

/** Runs the node phase level by level, moving `positions` (N·3) in place. */
export function* fastNodePhase(
  net: NetworkArrays, positions: Float32Array, params: ProcessingParams, direction: AdvectionDirection,
): Generator<BundleLevelInfo, void, void> {
  const schedule = nodeSchedule(params);
  const nnGrid = nnVisGrid(params, net.layerSizes.length);
  const vectors = nodeClassVectors(net);
  const C = vectors.classes, N = vectors.length.length;
  const store = new GridStore();
  const clip = new Float64Array([nnGrid.minX, nnGrid.minY, 0, nnGrid.maxX, nnGrid.maxY, 0]);
  const bounds = new Float64Array(6);
  for (let k = 0; k < schedule.levels; k++) {
    const bw = schedule.bandwidths[k]!, s = schedule.similarities[k]!;
    bounds.set([Infinity, Infinity, 0, -Infinity, -Infinity, 0]);
    for (let n = 0; n < N; n++) {
      const x = positions[n * 3]!, y = positions[n * 3 + 1]!;
      if (x < bounds[0]!) bounds[0] = x; if (x > bounds[3]!) bounds[3] = x;
      if (y < bounds[1]!) bounds[1] = y; if (y > bounds[4]!) bounds[4] = y;
    }
    // nn_vis's node kernel is a 2D Epanechnikov of radius bw; its shape matters (a Gaussian-like blur
    // spreads the layers ~60 % wider), so blur with its separable product on a grid fine enough for it.
    const cell = max(bw / NODE_CELLS_PER_BANDWIDTH, nnGrid.cellSize);
    const grid = layoutGrid(store, bounds, bw + 2 * cell, clip, cell, C, true);
    splatNodes(grid, positions, vectors.raw, N);
    epanechnikovBlur2d(store, grid, bw / cell);
    computeNorms(grid);
    const step = bw * direction * NODE_STEP_FACTOR;
    // nn_vis node_advect.comp clamp: inside its grid by the step plus two (nn_vis) cells.
    const margin = abs(step) + NODE_CLAMP_CELLS * nnGrid.cellSize;
    const inv = 1 / grid.cell, lx = grid.ox - grid.cell / 2, ly = grid.oy - grid.cell / 2;
    for (let n = 0; n < N; n++) {
      if (vectors.length[n] === 0) continue;
      const x = positions[n * 3]!, y = positions[n * 3 + 1]!;
      const fu = (x - lx) * inv, fw = (y - ly) * inv;
      const i = floor(fu), j = floor(fw);
      if (i < 1 || j < 1 || i + 1 >= grid.nx || j + 1 >= grid.ny) continue;
      const si = fu - i < 0.5 ? -1 : 1, sj = fw - j < 0.5 ? -1 : 1;
      const here = j * grid.nx + i;
      const f0 = attract(grid, here, vectors.unit, n * C, s);
      const gx = (attract(grid, here + si, vectors.unit, n * C, s) - f0) * si;
      const gy = (attract(grid, here + sj * grid.nx, vectors.unit, n * C, s) - f0) * sj;
      const strength = sqrt(gx * gx + gy * gy);
      if (!(strength > 0)) continue;
      positions[n * 3] = min(max(x + (gx / strength) * step, nnGrid.minX + margin), nnGrid.maxX - margin);
      positions[n * 3 + 1] = min(max(y + (gy / strength) * step, nnGrid.minY + margin), nnGrid.maxY - margin);
    }
    yield { phase: 'nodes', level: k + 1, levels: schedule.levels, bandwidth: bw, similarity: s };
  }
}
