/**
 * `exact` node phase: nn_vis's grid/node_density_map.comp and grid/node_advect.comp on the CPU.
 * One 2D density slice (z = 0) shared by every layer, the integrated-Epanechnikov splat of each node's
 * raw class importance with nn_vis's integer truncation, then a move of 0.2·bw in x/y along the
 * normalised one-sided class gradient, clamped inside the grid.
 */
import type { NetworkArrays, ProcessingParams } from '../types';
import { nodeClassVectors, attractiveness } from './class-vectors';
import { CELL_SCALE, DENSITY_STRENGTH, NODE_CLAMP_CELLS, NODE_STEP_FACTOR } from './constants';
import type { AdvectionDirection, BundleLevelInfo } from './engine-types';
import { pointKernelValue } from './integrated-kernel';
import { nnVisGrid } from './nn-vis-grid';
import { nodeSchedule } from './schedule';

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { abs, ceil, floor, max, min, sqrt, trunc } = Math;

/** nn_vis gridDirection: the side of the cell centre the coordinate lies on (0 counts as +). */
export function subCellSide(coordinate: number, min: number, cell: number, index: number): number {
  return (coordinate - min) / cell - index - 0.5 < 0 ? -1 : 1;
}

/** Runs nn_vis's node phase level by level, moving `positions` (N·3) in place. */
export function* exactNodePhase(
  net: NetworkArrays, positions: Float32Array, params: ProcessingParams, direction: AdvectionDirection,
): Generator<BundleLevelInfo, void, void> {
  const schedule = nodeSchedule(params);
  const grid = nnVisGrid(params, net.layerSizes.length);
  const vectors = nodeClassVectors(net);
  const C = vectors.classes;
  const N = vectors.length.length;
  const { nx, ny, cellSize: cell, minX, minY, maxX, maxY } = grid;
  const density = new Float64Array(nx * ny * C);
  const v = new Float64Array(C);
  const halfLength = cell * CELL_SCALE;
  for (let k = 0; k < schedule.levels; k++) {
    const bw = schedule.bandwidths[k]!, s = schedule.similarities[k]!;
    density.fill(0);
    const r = ceil(bw / cell) + 1;
    const reach = bw + halfLength + cell; // no cell farther than this from the node gets a value
    for (let n = 0; n < N; n++) {
      if (vectors.length[n] === 0) continue;
      const px = positions[n * 3]!, py = positions[n * 3 + 1]!;
      const gx = floor((px - minX) / cell), gy = floor((py - minY) / cell);
      const x0 = max(gx - r, 0), x1 = min(gx + r + 1, nx - 1);
      const y0 = max(gy - r, 0), y1 = min(gy + r + 1, ny - 1);
      for (let iy = y0; iy <= y1; iy++) {
        const cy = (iy + 0.5) * cell + minY;
        for (let ix = x0; ix <= x1; ix++) {
          const cx = (ix + 0.5) * cell + minX;
          const dx = cx - px, dy = cy - py;
          if (dx * dx + dy * dy >= reach * reach) continue;
          const value = pointKernelValue(cx, cy, 0, px, py, 0, halfLength, bw) * DENSITY_STRENGTH;
          if (!(value >= 1)) continue;
          const o = (iy * nx + ix) * C;
          // nn_vis atomicAdd of int(value·i_c): deposits are truncated integers.
          for (let c = 0; c < C; c++) density[o + c] = density[o + c]! + trunc(value * vectors.raw[n * C + c]!);
        }
      }
    }
    const step = bw * direction * NODE_STEP_FACTOR;
    const margin = abs(step) + NODE_CLAMP_CELLS * cell;
    for (let n = 0; n < N; n++) {
      if (vectors.length[n] === 0) continue; // nn_vis: i/‖i‖ is NaN, the NaN gradient never moves the node
      const px = positions[n * 3]!, py = positions[n * 3 + 1]!;
      const gx = floor((px - minX) / cell), gy = floor((py - minY) / cell);
      const sx = subCellSide(px, minX, cell, gx), sy = subCellSide(py, minY, cell, gy);
      if (gx < 0 || gy < 0 || gx >= nx || gy >= ny || gx + sx < 0 || gx + sx >= nx || gy + sy < 0 || gy + sy >= ny) continue;
      for (let c = 0; c < C; c++) v[c] = vectors.unit[n * C + c]!;
      const here = attractiveness(density, (gy * nx + gx) * C, v, C, s);
      const ax = (attractiveness(density, (gy * nx + gx + sx) * C, v, C, s) - here) * sx;
      const ay = (attractiveness(density, ((gy + sy) * nx + gx) * C, v, C, s) - here) * sy;
      const strength = sqrt(ax * ax + ay * ay);
      if (!(strength > 0)) continue;
      let x = px + (ax / strength) * step, y = py + (ay / strength) * step;
      x = min(max(x, minX + margin), maxX - margin);
      y = min(max(y, minY + margin), maxY - margin);
      positions[n * 3] = x;
      positions[n * 3 + 1] = y;
    }
    yield { phase: 'nodes', level: k + 1, levels: schedule.levels, bandwidth: bw, similarity: s };
  }
}
