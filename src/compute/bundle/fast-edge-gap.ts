/**
 * The `fast` engine's edge phase for one set of edges of one layer gap (a whole gap, or a range of
 * it when two workers share a gap): splat into a shared grid, then advect + smooth + resample fused
 * per edge, so an edge's points stay in L1 between the steps. The grid is laid out, blurred and
 * (between workers) summed by the caller, which makes a gap splittable by points: partial grids add.
 * On a `WasmGrid` the same steps run in WASM (edge-kernels.as) on chunks of edges copied into its
 * memory, with the same bytes as the JS loops below.
 */
import { RESAMPLE_RESERVED_SLOTS, RESAMPLE_TOLERANCE, TAIL_DROP_FRACTION, TAIL_MIDPOINT_FRACTION } from '../geometry-constants';
import type { Polylines } from '../polylines';
import { resamplePolyline, resampledPointsBound } from '../resample';
import type { EdgeImportanceType, NodeClassVectors } from './class-vectors';
import { SMOOTHING_RADIUS_PERCENT } from './constants';
import { WasmGrid } from './edge-kernels-wasm';
import type { FastGrid } from './fast-grid';
import { InPlaceWriter } from './in-place-writer';
import { PolylineBuffer, resampleInto } from './polyline-buffer';
import { smoothingRadius } from './schedule';
import { SmoothScratch, smoothPolyline } from './smooth';

/** Points per staged chunk of the WASM path (3 MB): bounds the WASM memory beyond the grid. */
const CHUNK_POINTS = 1 << 18;

/** Rounds a byte offset up to 16. */
function align16(bytes: number): number {
  return (bytes + 15) & ~15;
}

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { floor, sqrt } = Math;

/** What a `FastEdgeGap` needs; arrays are read, not copied (keep them alive and unchanged). */
export interface FastEdgeGapSetup {
  readonly vectors: NodeClassVectors;
  readonly type: EdgeImportanceType;
  /** Global source / target node id per edge. */
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  /** Initial polylines (one per edge, source to target); copied by resampling. */
  readonly lines: Polylines;
  readonly sampleLength: number;
  /** nn_vis max_sample_points. */
  readonly maxPoints: number;
  /** nn_vis moves a sample only while its z is in [zLow, zHigh) (its grid's slice range). */
  readonly zLow: number;
  readonly zHigh: number;
}

/** Per-gap (or per-edge-range) state of the fast edge phase. */
export class FastEdgeGap {
  /** Current polylines (resampled, ready for the next level's splat). */
  private cur: PolylineBuffer;
  /** The JS path's resample target (the WASM path writes in place); allocated on first use. */
  private next: PolylineBuffer | null = null;
  /** Bounding box of the current points: [minX, minY, minZ, maxX, maxY, maxZ]. */
  readonly bounds = new Float64Array(6);
  private readonly smooth = new SmoothScratch();
  /**
   * nn_vis's class vector of edge e's samples is linear in t = slot/samples:
   * v(t) = table[a + c] + t·(table[b + c] − table[a + c]) with a = vecA[e], b = vecB[e].
   */
  private readonly table: Float64Array;
  private readonly vecA: Int32Array;
  private readonly vecB: Int32Array;

  /** Everything from the setup but the initial polylines (not kept: they may be large). */
  private readonly setup: Omit<FastEdgeGapSetup, 'lines'>;

  /** Resamples the initial polylines (nn_vis resamples before every level). */
  constructor(setup: FastEdgeGapSetup) {
    const { lines, ...rest } = setup;
    this.setup = rest;
    const count = setup.sources.length;
    const points = lines.pointOffsets[count]!;
    this.cur = new PolylineBuffer(count, points * 1.3 + count * 2);
    resampleInto(lines, this.cur, setup.sampleLength, setup.maxPoints);
    const v = edgeVectorTable(setup);
    this.table = v.table; this.vecA = v.a; this.vecB = v.b;
    this.updateBounds();
  }

  /** Number of points (a balancing weight for workers). */
  get pointCount(): number {
    return this.cur.pointOffsets[this.cur.count]!;
  }

  /** The current polylines (views, valid until the next `advect`). */
  get lines(): Polylines {
    return this.cur;
  }

  private updateBounds(): void {
    const b = this.bounds, p = this.cur.points, used = this.pointCount;
    b.set([Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity]);
    for (let i = 0; i < used * 3; i += 3) {
      const x = p[i]!, y = p[i + 1]!, z = p[i + 2]!;
      if (x < b[0]!) b[0] = x; if (x > b[3]!) b[3] = x;
      if (y < b[1]!) b[1] = y; if (y > b[4]!) b[4] = y;
      if (z < b[2]!) b[2] = z; if (z > b[5]!) b[5] = z;
    }
  }

  /**
   * Adds this set's density to `grid`: every point bilinearly in x/y and to the nearest z slice (edges
   * run along z; measured as accurate as trilinear and 2× cheaper), with the trapezoid weights of
   * nn_vis's per-segment deposits (½ per segment end; segment j carries the class vector at t = j/n).
   */
  splat(grid: FastGrid): void {
    const C = grid.channels, nx = grid.nx, ny = grid.ny, nz = grid.nz, inv = 1 / grid.cell;
    const ox = grid.ox, oy = grid.oy, oz = grid.oz;
    const { zLow, zHigh } = this.setup;
    if (grid instanceof WasmGrid) {
      const at = this.stageEdges(grid);
      for (let e0 = 0; e0 < this.cur.count;) {
        const e1 = this.chunkEnd(e0), points = this.stagePoints(grid, at.free, e0, e1);
        grid.kernels.splat(points, at.offsets + e0 * 4, e1 - e0, at.table, at.vecA + e0 * 4, at.vecB + e0 * 4,
          grid.dataAt, nx, ny, nz, C, ox, oy, oz, inv, zLow, zHigh);
        e0 = e1;
      }
      return;
    }
    const data = grid.data, sy = nx * C, sz = nx * ny * C;
    const p = this.cur.points, offsets = this.cur.pointOffsets;
    const table = this.table, vecA = this.vecA, vecB = this.vecB;
    for (let e = 0; e < this.cur.count; e++) {
      const first = offsets[e]!, n = offsets[e + 1]! - first;
      const va = vecA[e]!, vb = vecB[e]!;
      for (let j = 0; j < n; j++) {
        const o = (first + j) * 3;
        const z = p[o + 2]!;
        if (!(z >= zLow && z < zHigh)) continue; // nn_vis splats a segment only if its midpoint is in range
        const u = (p[o]! - ox) * inv, w = (p[o + 1]! - oy) * inv, q = (z - oz) * inv;
        const i0 = floor(u), j0 = floor(w), k0 = floor(q + 0.5);
        if (i0 < 0 || j0 < 0 || k0 < 0 || i0 + 1 >= nx || j0 + 1 >= ny || k0 >= nz) continue;
        const weight = j === 0 || j === n - 1 ? 0.5 : 1;
        const t = j === 0 ? 0 : j === n - 1 ? (n - 2) / n : (j - 0.5) / n;
        const a = u - i0, b = w - j0;
        const wb0 = weight * (1 - b), wb1 = weight * b;
        const a0 = 1 - a;
        const c00 = k0 * sz + j0 * sy + i0 * C, c01 = c00 + sy;
        const q00 = a0 * wb0, q10 = a * wb0, q01 = a0 * wb1, q11 = a * wb1;
        for (let ch = 0; ch < C; ch++) {
          const v0 = table[va + ch]!, val = v0 + t * (table[vb + ch]! - v0);
          data[c00 + ch] = data[c00 + ch]! + q00 * val; data[c00 + C + ch] = data[c00 + C + ch]! + q10 * val;
          data[c01 + ch] = data[c01 + ch]! + q01 * val; data[c01 + C + ch] = data[c01 + C + ch]! + q11 * val;
        }
      }
    }
  }

  /**
   * Copies the offsets and class-vector rows into `grid`'s WASM memory and reserves room for the output
   * offsets and the smoothing scratch; returns their byte offsets and the first free byte after them.
   */
  private stageEdges(grid: WasmGrid): { offsets: number; table: number; vecA: number; vecB: number; outOffsets: number; prev: number; free: number } {
    const [offsets, table, vecA, vecB] = grid.kernels.stage(grid.freeAt, [this.cur.pointOffsets, this.table, this.vecA, this.vecB]);
    const outOffsets = align16(vecB! + this.vecB.byteLength), prev = align16(outOffsets + this.cur.pointOffsets.byteLength);
    const free = align16(prev + resampledPointsBound(this.setup.maxPoints) * 24);
    grid.kernels.reserve(free);
    return { offsets: offsets!, table: table!, vecA: vecA!, vecB: vecB!, outOffsets, prev, free };
  }

  /** The end of the edge chunk starting at e0: at most CHUNK_POINTS points, at least one edge. */
  private chunkEnd(e0: number): number {
    const offsets = this.cur.pointOffsets, count = this.cur.count, start = offsets[e0]!;
    let e1 = e0 + 1;
    while (e1 < count && offsets[e1 + 1]! - start <= CHUNK_POINTS) e1++;
    return e1;
  }

  /** Copies the points of edges [e0, e1) to byte `at`; returns the pointer the kernels index from point 0. */
  private stagePoints(grid: WasmGrid, at: number, e0: number, e1: number): number {
    const p0 = this.cur.pointOffsets[e0]!, p1 = this.cur.pointOffsets[e1]!;
    grid.kernels.reserve(at + (p1 - p0) * 12);
    new Float32Array(grid.kernels.memory.buffer, at, (p1 - p0) * 3).set(this.cur.points.subarray(p0 * 3, p1 * 3));
    return at - p0 * 12;
  }

  /**
   * One level's motion, fused per edge: move interior samples `step` (= bw·direction) along the
   * normalised one-sided class gradient read from `grid` (blurred, norms computed), then
   * `smoothingPasses` passes of nn_vis's moving average (window from `reductionAfter`), then resample.
   */
  advect(grid: FastGrid, step: number, similarity: number, smoothingPasses: number, reductionAfter: number): void {
    const nx = grid.nx, ny = grid.ny, nz = grid.nz, inv = 1 / grid.cell, C = grid.channels;
    const lx = grid.ox - grid.cell / 2, ly = grid.oy - grid.cell / 2, lz = grid.oz - grid.cell / 2;
    const { zLow, zHigh } = this.setup;
    if (grid instanceof WasmGrid) {
      const at = this.stageEdges(grid), writer = new InPlaceWriter(this.cur), offsets = this.cur.pointOffsets;
      new Int32Array(grid.kernels.memory.buffer, at.outOffsets, 1)[0] = 0;
      for (let e0 = 0; e0 < this.cur.count;) {
        const e1 = this.chunkEnd(e0), points = this.stagePoints(grid, at.free, e0, e1);
        grid.kernels.gradient(points, at.offsets + e0 * 4, e1 - e0, at.table, at.vecA + e0 * 4, at.vecB + e0 * 4,
          grid.dataAt, grid.normsAt, nx, ny, nz, C, lx, ly, lz, inv, step, similarity, zLow, zHigh);
        this.finishInWasm(grid, at, points, e0, e1, smoothingPasses, reductionAfter, writer);
        e0 = e1;
      }
      writer.finish();
      offsets.set(new Int32Array(grid.kernels.memory.buffer, at.outOffsets, this.cur.count + 1));
      this.updateBounds();
      return;
    }
    const data = grid.data, norms = grid.norms;
    const p = this.cur.points, offsets = this.cur.pointOffsets;
    const table = this.table, vecA = this.vecA, vecB = this.vecB;
    for (let e = 0; e < this.cur.count; e++) {
      const first = offsets[e]!, n = offsets[e + 1]! - first;
      const va = vecA[e]!, vb = vecB[e]!;
      for (let j = 1; j + 1 < n; j++) {
        const o = (first + j) * 3;
        const x = p[o]!, y = p[o + 1]!, z = p[o + 2]!;
        if (!(z >= zLow && z < zHigh)) continue;
        const fu = (x - lx) * inv, fw = (y - ly) * inv, fq = (z - lz) * inv;
        const i = floor(fu), k = floor(fw), m = floor(fq);
        // nn_vis gridDirection: difference towards the side of the cell centre the sample is on.
        const si = fu - i < 0.5 ? -1 : 1, sk = fw - k < 0.5 ? -1 : 1, sm = fq - m < 0.5 ? -1 : 1;
        if (i < 1 || k < 1 || m < 1 || i + 1 >= nx || k + 1 >= ny || m + 1 >= nz) continue;
        const t = j / n;
        const here = (m * ny + k) * nx + i;
        const hx = here + si, hy = here + sk * nx, hz = here + sm * nx * ny;
        // f = v·D − s·‖D‖ at the voxel and its three one-sided neighbours; an empty voxel has f = 0.
        let d0 = 0, dx = 0, dy = 0, dz = 0;
        const o0 = here * C, ox = hx * C, oy = hy * C, oz = hz * C;
        for (let ch = 0; ch < C; ch++) {
          const v0 = table[va + ch]!, val = v0 + t * (table[vb + ch]! - v0);
          d0 += val * data[o0 + ch]!; dx += val * data[ox + ch]!; dy += val * data[oy + ch]!; dz += val * data[oz + ch]!;
        }
        const n0 = norms[here]!, nX = norms[hx]!, nY = norms[hy]!, nZ = norms[hz]!;
        const f0 = n0 > 0 ? d0 - similarity * n0 : 0;
        const gx = ((nX > 0 ? dx - similarity * nX : 0) - f0) * si;
        const gy = ((nY > 0 ? dy - similarity * nY : 0) - f0) * sk;
        const gz = ((nZ > 0 ? dz - similarity * nZ : 0) - f0) * sm;
        const strength = sqrt(gx * gx + gy * gy + gz * gz);
        if (!(strength > 0)) continue;
        const scale = step / strength;
        p[o] = x + gx * scale; p[o + 1] = y + gy * scale; p[o + 2] = z + gz * scale;
      }
    }
    this.smoothAndResample(smoothingPasses, reductionAfter);
  }

  /**
   * The WASM `finish` for edges [e0, e1) after their gradient step (points indexed from `points`): per
   * edge the smoothing and the resample into WASM memory after the staged chunk, handed to `writer`
   * (back into the current buffer) whenever that room is full.
   */
  private finishInWasm(
    grid: WasmGrid, at: { offsets: number; outOffsets: number; prev: number }, points: number, e0: number, e1: number,
    smoothingPasses: number, reductionAfter: number, writer: InPlaceWriter,
  ): void {
    const { kernels } = grid;
    const { sampleLength, maxPoints } = this.setup;
    const bound = resampledPointsBound(maxPoints), offsets = this.cur.pointOffsets;
    const outAt = align16(points + offsets[e1]! * 12);
    const capacity = Math.ceil((offsets[e1]! - offsets[e0]!) * 1.3) + 2 * (e1 - e0) + bound;
    kernels.reserve(outAt + capacity * 12);
    let base = new Int32Array(kernels.memory.buffer, at.outOffsets + e0 * 4, 1)[0]!;
    for (let e = e0; e < e1;) {
      e = kernels.finish(points, at.offsets, e, e1, smoothingPasses, SMOOTHING_RADIUS_PERCENT, reductionAfter, at.prev,
        sampleLength, maxPoints, outAt, at.outOffsets, base, capacity, bound,
        RESAMPLE_RESERVED_SLOTS, RESAMPLE_TOLERANCE, TAIL_DROP_FRACTION, TAIL_MIDPOINT_FRACTION);
      const end = new Int32Array(kernels.memory.buffer, at.outOffsets + e * 4, 1)[0]!;
      writer.push(new Float32Array(kernels.memory.buffer, outAt, (end - base) * 3), offsets[e1]!);
      base = end;
    }
  }

  /** Per edge (its points stay in L1): nn_vis's smoothing passes, then the resample into `next`. */
  private smoothAndResample(smoothingPasses: number, reductionAfter: number): void {
    const { sampleLength, maxPoints } = this.setup;
    const bound = resampledPointsBound(maxPoints);
    const p = this.cur.points, offsets = this.cur.pointOffsets;
    const next = this.next ?? new PolylineBuffer(this.cur.count, this.pointCount * 1.3 + this.cur.count * 2);
    let cursor = 0;
    next.pointOffsets[0] = 0;
    for (let e = 0; e < this.cur.count; e++) {
      const first = offsets[e]!, n = offsets[e + 1]! - first;
      if (smoothingPasses > 0) smoothPolyline(p, first, n, smoothingRadius(n, reductionAfter), smoothingPasses, this.smooth);
      next.reserve(cursor + bound, cursor);
      cursor += resamplePolyline(p, first, n, sampleLength, maxPoints, next.points, cursor);
      next.pointOffsets[e + 1] = cursor;
    }
    this.next = this.cur;
    this.cur = next;
    this.updateBounds();
  }

  /** Trimmed copy of the current polylines. */
  snapshot(): Polylines {
    return this.cur.toPolylines();
  }
}

/**
 * Per-edge class-vector rows for `FastEdgeGap` (see its `table`): type 0 interpolates the unit vectors
 * of source and target, types 1 and 3 use one of them (a = b, so dv/dt = 0), type 2 gets its own row
 * (s + e)/(‖s‖ + ‖e‖) per edge.
 */
function edgeVectorTable(setup: FastEdgeGapSetup): { table: Float64Array; a: Int32Array; b: Int32Array } {
  const { vectors, type, sources, targets } = setup;
  const C = vectors.classes, count = sources.length;
  const a = new Int32Array(count), b = new Int32Array(count);
  if (type !== 2) {
    for (let e = 0; e < count; e++) {
      const so = sources[e]! * C, to = targets[e]! * C;
      a[e] = type === 3 ? to : so;
      b[e] = type === 0 ? to : a[e]!;
    }
    return { table: vectors.unit, a, b };
  }
  const table = new Float64Array(count * C), raw = vectors.raw;
  for (let e = 0; e < count; e++) {
    const so = sources[e]! * C, to = targets[e]! * C, d = vectors.length[sources[e]!]! + vectors.length[targets[e]!]!;
    for (let c = 0; c < C; c++) table[e * C + c] = d > 0 ? (raw[so + c]! + raw[to + c]!) / d : 0;
    a[e] = e * C; b[e] = e * C;
  }
  return { table, a, b };
}
