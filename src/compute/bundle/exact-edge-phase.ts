/**
 * `exact` edge phase: nn_vis's per-gap loop on the CPU (edge_sample.comp, sample_density_map.comp,
 * sample_advect.comp, sample_smooth.comp). Every segment is splatted with the integrated Epanechnikov
 * kernel of the ellipse-excess distance on nn_vis's grid (cell sample_length/3), with integer deposits.
 * Only cells that can receive a value are visited and stored (a sub-box of nn_vis's grid on the same
 * lattice), which changes no number. Slow by design: the reference for small networks.
 */
import type { NetworkArrays, ProcessingParams } from '../types';
import { attractiveness, nodeClassVectors, sampleClassVector } from './class-vectors';
import type { NodeClassVectors } from './class-vectors';
import { CELL_SCALE, DENSITY_STRENGTH } from './constants';
import type { AdvectionDirection, BundleLevelInfo } from './engine-types';
import { subCellSide } from './exact-node-phase';
import { concatPolylines, slicePolylines, splitByGap } from './gap-edges';
import type { GapEdges } from './gap-edges';
import { segmentKernelValue } from './integrated-kernel';
import { nnVisGrid } from './nn-vis-grid';
import type { NnVisGrid } from './nn-vis-grid';
import { maxAdjacentDistance, maxSamplePoints } from '../geometry-constants';
import type { Polylines } from '../polylines';
import { PolylineBuffer, resampleInto } from './polyline-buffer';
import { bundleSizes, edgeSchedule } from './schedule';
import { SmoothScratch, smoothPolylines } from './smooth';

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { ceil, floor, max, min, sqrt, trunc } = Math;

/** A sub-box [x0,x1)×[y0,y1)×[z0,z1) of nn_vis's grid (cell indices) with C channels per cell. */
interface DensityBox {
  x0: number; y0: number; z0: number;
  sx: number; sy: number; sz: number;
  data: Float64Array;
}

function boxFor(lines: Polylines, grid: NnVisGrid, zOffset: number, reachCells: number, C: number): DensityBox {
  const used = lines.pointOffsets[lines.pointOffsets.length - 1]!;
  let lx = Infinity, ly = Infinity, lz = Infinity, hx = -Infinity, hy = -Infinity, hz = -Infinity;
  for (let p = 0; p < used; p++) {
    const x = lines.points[p * 3]!, y = lines.points[p * 3 + 1]!, z = lines.points[p * 3 + 2]!;
    if (x < lx) lx = x; if (x > hx) hx = x;
    if (y < ly) ly = y; if (y > hy) hy = y;
    if (z < lz) lz = z; if (z > hz) hz = z;
  }
  const c = grid.cellSize;
  const x0 = max(floor((lx - grid.minX) / c) - reachCells, 0);
  const y0 = max(floor((ly - grid.minY) / c) - reachCells, 0);
  const z0 = max(floor((lz - grid.minZ - zOffset) / c) - reachCells, 0);
  const x1 = min(floor((hx - grid.minX) / c) + reachCells + 1, grid.nx);
  const y1 = min(floor((hy - grid.minY) / c) + reachCells + 1, grid.ny);
  const z1 = min(floor((hz - grid.minZ - zOffset) / c) + reachCells + 1, grid.nz);
  const sx = max(x1 - x0, 1), sy = max(y1 - y0, 1), sz = max(z1 - z0, 1);
  return { x0, y0, z0, sx, sy, sz, data: new Float64Array(sx * sy * sz * C) };
}

/** Offset of cell (ix,iy,iz) in the box, or −1 outside it. */
function cellOffset(box: DensityBox, ix: number, iy: number, iz: number, C: number): number {
  const x = ix - box.x0, y = iy - box.y0, z = iz - box.z0;
  if (x < 0 || y < 0 || z < 0 || x >= box.sx || y >= box.sy || z >= box.sz) return -1;
  return ((z * box.sy + y) * box.sx + x) * C;
}

/** nn_vis sample_density_map.comp for every segment of one gap. */
function splatGap(
  lines: Polylines, edges: GapEdges, vectors: NodeClassVectors, type: 0 | 1 | 2 | 3,
  grid: NnVisGrid, zOffset: number, bw: number, box: DensityBox, v: Float64Array,
): void {
  const C = vectors.classes, cell = grid.cellSize, halfLength = cell * CELL_SCALE;
  const r = ceil(bw / cell) + 1;
  const gminZ = grid.minZ + zOffset;
  const pts = lines.points;
  for (let e = 0; e < edges.sources.length; e++) {
    const first = lines.pointOffsets[e]!, n = lines.pointOffsets[e + 1]! - first;
    for (let j = 0; j + 1 < n; j++) {
      const a = (first + j) * 3;
      const ax = pts[a]!, ay = pts[a + 1]!, az = pts[a + 2]!, bx = pts[a + 3]!, by = pts[a + 4]!, bz = pts[a + 5]!;
      const mx = (ax + bx) / 2, my = (ay + by) / 2, mz = (az + bz) / 2;
      const gx = floor((mx - grid.minX) / cell), gy = floor((my - grid.minY) / cell), gz = floor((mz - gminZ) / cell);
      // nn_vis: the segment is splatted only if its midpoint's slice is in [0, slice_count = nz − 1).
      if (gz < 0 || gz >= grid.nz - 1) continue;
      const dxAB = bx - ax, dyAB = by - ay, dzAB = bz - az;
      const lengthAB = sqrt(dxAB * dxAB + dyAB * dyAB + dzAB * dzAB);
      // A non-zero value needs the excess < bw at a side point, so |P − M| < (|AB| + bw)/2 + halfLength.
      const reach = (lengthAB + bw) / 2 + halfLength + cell;
      const reachSq = reach * reach;
      sampleClassVector(vectors, type, edges.sources[e]!, edges.targets[e]!, j / n, v);
      const x0 = max(gx - r, 0, box.x0), x1 = min(gx + r + 1, grid.nx - 1, box.x0 + box.sx - 1);
      const y0 = max(gy - r, 0, box.y0), y1 = min(gy + r + 1, grid.ny - 1, box.y0 + box.sy - 1);
      const z0 = max(gz - r, 0, box.z0), z1 = min(gz + r + 1, grid.nz - 1, box.z0 + box.sz - 1);
      for (let iz = z0; iz <= z1; iz++) {
        const cz = (iz + 0.5) * cell + gminZ;
        const dz = cz - mz;
        for (let iy = y0; iy <= y1; iy++) {
          const cy = (iy + 0.5) * cell + grid.minY;
          const dy = cy - my;
          const rest = reachSq - dz * dz - dy * dy;
          if (rest <= 0) continue;
          const span = sqrt(rest);
          const xa = max(x0, floor((mx - span - grid.minX) / cell - 0.5));
          const xb = min(x1, ceil((mx + span - grid.minX) / cell - 0.5));
          for (let ix = xa; ix <= xb; ix++) {
            const cx = (ix + 0.5) * cell + grid.minX;
            const value = segmentKernelValue(cx, cy, cz, ax, ay, az, bx, by, bz, lengthAB, halfLength, bw) * DENSITY_STRENGTH;
            if (!(value >= 1)) continue;
            const o = cellOffset(box, ix, iy, iz, C);
            for (let c = 0; c < C; c++) box.data[o + c] = box.data[o + c]! + trunc(value * v[c]!);
          }
        }
      }
    }
  }
}

/** nn_vis sample_advect.comp for the interior samples of one gap (in place). */
function advectGap(
  lines: Polylines, edges: GapEdges, vectors: NodeClassVectors, type: 0 | 1 | 2 | 3,
  grid: NnVisGrid, zOffset: number, step: number, s: number, box: DensityBox, v: Float64Array,
): void {
  const C = vectors.classes, cell = grid.cellSize;
  const gminZ = grid.minZ + zOffset;
  const pts = lines.points;
  for (let e = 0; e < edges.sources.length; e++) {
    const first = lines.pointOffsets[e]!, n = lines.pointOffsets[e + 1]! - first;
    for (let j = 1; j + 1 < n; j++) {
      const p = (first + j) * 3;
      const x = pts[p]!, y = pts[p + 1]!, z = pts[p + 2]!;
      const gx = floor((x - grid.minX) / cell), gy = floor((y - grid.minY) / cell), gz = floor((z - gminZ) / cell);
      if (gz < 0 || gz >= grid.nz - 1) continue; // nn_vis: outside the slice range the sample is not written
      const sx = subCellSide(x, grid.minX, cell, gx), sy = subCellSide(y, grid.minY, cell, gy), sz = subCellSide(z, gminZ, cell, gz);
      const oHere = cellOffset(box, gx, gy, gz, C);
      const oX = cellOffset(box, gx + sx, gy, gz, C), oY = cellOffset(box, gx, gy + sy, gz, C), oZ = cellOffset(box, gx, gy, gz + sz, C);
      if (oHere < 0 || oX < 0 || oY < 0 || oZ < 0) continue;
      sampleClassVector(vectors, type, edges.sources[e]!, edges.targets[e]!, j / n, v);
      const here = attractiveness(box.data, oHere, v, C, s);
      const ax = (attractiveness(box.data, oX, v, C, s) - here) * sx;
      const ay = (attractiveness(box.data, oY, v, C, s) - here) * sy;
      const az = (attractiveness(box.data, oZ, v, C, s) - here) * sz;
      const strength = sqrt(ax * ax + ay * ay + az * az);
      // nn_vis normalises even a zero gradient (NaN); we leave such a sample where it is.
      if (!(strength > 0)) continue;
      pts[p] = x + (ax / strength) * step;
      pts[p + 1] = y + (ay / strength) * step;
      pts[p + 2] = z + (az / strength) * step;
    }
  }
}

/** Runs nn_vis's edge phase on every gap; yields after each level, returns the final resampled polylines. */
export function* exactEdgePhase(
  net: NetworkArrays, kept: Int32Array, positions: Float32Array, polylines: Polylines,
  params: ProcessingParams, direction: AdvectionDirection,
): Generator<BundleLevelInfo, Polylines, void> {
  const schedule = edgeSchedule(params);
  const { sampleLength } = bundleSizes(params);
  const grid = nnVisGrid(params, net.layerSizes.length);
  const vectors = nodeClassVectors(net);
  const C = vectors.classes;
  const maxPoints = maxSamplePoints(maxAdjacentDistance(net.layerOffsets, positions), sampleLength);
  const gaps = splitByGap(net, kept);
  const current = gaps.map((g) => slicePolylines(polylines, g.firstKept, g.sources.length));
  const spare = gaps.map((g, i) => new PolylineBuffer(g.sources.length, current[i]!.points.length / 3));
  const scratch = new SmoothScratch();
  const v = new Float64Array(C);
  const snapshot = (): Polylines => concatPolylines(current);
  for (let k = 0; k < schedule.levels; k++) {
    const bw = schedule.bandwidths[k]!, s = schedule.similarities[k]!;
    const reachCells = ceil(bw / grid.cellSize) + 3;
    for (let g = 0; g < gaps.length; g++) {
      const edges = gaps[g]!;
      resampleInto(current[g]!, spare[g]!, sampleLength, maxPoints);
      [current[g], spare[g]] = [spare[g]!, current[g]!];
      const lines = current[g]!;
      const zOffset = edges.gap * params.layerDistance;
      const box = boxFor(lines, grid, zOffset, reachCells, C);
      splatGap(lines, edges, vectors, params.edgeImportanceType, grid, zOffset, bw, box, v);
      advectGap(lines, edges, vectors, params.edgeImportanceType, grid, zOffset, bw * direction, s, box, v);
      if (params.smoothing) smoothPolylines(lines, params.smoothingIterations, schedule.reductionsAfter[k]!, scratch);
    }
    yield { phase: 'edges', level: k + 1, levels: schedule.levels, bandwidth: bw, similarity: s, snapshot };
  }
  for (let g = 0; g < gaps.length; g++) {
    resampleInto(current[g]!, spare[g]!, sampleLength, maxPoints);
    [current[g], spare[g]] = [spare[g]!, current[g]!];
  }
  return concatPolylines(current);
}
