/**
 * The `fast` engine's edge phase for one set of edges of one layer gap (a whole gap, or a range of
 * it when two workers share a gap): splat into a shared grid, then advect + smooth + resample fused
 * per edge, so an edge's points stay in L1 between the steps. The grid is laid out, blurred and
 * (between workers) summed by the caller, which makes a gap splittable by points: partial grids add.
 */
import type { Polylines } from '../polylines';
import type { EdgeImportanceType, NodeClassVectors } from './class-vectors';
import type { FastGrid } from './fast-grid';
import { PolylineBuffer, resampleInto } from './polyline-buffer';
import { resamplePolyline, resampledPointsBound } from '../resample';
import { smoothingRadius } from './schedule';
import { SmoothScratch, smoothPolyline } from './smooth';

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
  private next: PolylineBuffer;
  /** Bounding box of the current points: [minX, minY, minZ, maxX, maxY, maxZ]. */
  readonly bounds = new Float64Array(6);
  private readonly smooth = new SmoothScratch();
  /** Class vector of the current edge at t = 0, and its change per unit t. */
  private readonly base: Float64Array;
  private readonly delta: Float64Array;

  /** Everything from the setup but the initial polylines (not kept: they may be large). */
  private readonly setup: Omit<FastEdgeGapSetup, 'lines'>;

  /** Resamples the initial polylines (nn_vis resamples before every level). */
  constructor(setup: FastEdgeGapSetup) {
    const { lines, ...rest } = setup;
    this.setup = rest;
    const count = setup.sources.length;
    const points = lines.pointOffsets[count]!;
    this.cur = new PolylineBuffer(count, points * 1.3 + count * 2);
    this.next = new PolylineBuffer(count, points * 1.3 + count * 2);
    resampleInto(lines, this.cur, setup.sampleLength, setup.maxPoints);
    this.base = new Float64Array(setup.vectors.classes);
    this.delta = new Float64Array(setup.vectors.classes);
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
   * nn_vis's class vector of edge e's samples is linear in t = slot/samples: writes v(0) into `base`
   * and dv/dt into `delta` (zero for types 1–3).
   */
  private edgeVectors(e: number): void {
    const { vectors, type, sources, targets } = this.setup;
    const C = vectors.classes, unit = vectors.unit, base = this.base, delta = this.delta;
    const so = sources[e]! * C, to = targets[e]! * C;
    if (type === 0) {
      for (let c = 0; c < C; c++) { base[c] = unit[so + c]!; delta[c] = unit[to + c]! - unit[so + c]!; }
    } else if (type === 1 || type === 3) {
      const from = type === 1 ? so : to;
      for (let c = 0; c < C; c++) { base[c] = unit[from + c]!; delta[c] = 0; }
    } else {
      const raw = vectors.raw, d = vectors.length[sources[e]!]! + vectors.length[targets[e]!]!;
      for (let c = 0; c < C; c++) { base[c] = d > 0 ? (raw[so + c]! + raw[to + c]!) / d : 0; delta[c] = 0; }
    }
  }

  /**
   * Adds this set's density to `grid`: every point bilinearly in x/y and to the nearest z slice (edges
   * run along z; measured as accurate as trilinear and 2× cheaper), with the trapezoid weights of
   * nn_vis's per-segment deposits (½ per segment end; segment j carries the class vector at t = j/n).
   */
  splat(grid: FastGrid): void {
    const C = grid.channels, data = grid.data, nx = grid.nx, ny = grid.ny, nz = grid.nz;
    const inv = 1 / grid.cell, sy = nx * C, sz = nx * ny * C;
    const ox = grid.ox, oy = grid.oy, oz = grid.oz;
    const { zLow, zHigh } = this.setup;
    const p = this.cur.points, offsets = this.cur.pointOffsets, base = this.base, delta = this.delta;
    for (let e = 0; e < this.cur.count; e++) {
      const first = offsets[e]!, n = offsets[e + 1]! - first;
      this.edgeVectors(e);
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
          const val = base[ch]! + t * delta[ch]!;
          data[c00 + ch] = data[c00 + ch]! + q00 * val; data[c00 + C + ch] = data[c00 + C + ch]! + q10 * val;
          data[c01 + ch] = data[c01 + ch]! + q01 * val; data[c01 + C + ch] = data[c01 + C + ch]! + q11 * val;
        }
      }
    }
  }

  /**
   * One level's motion, fused per edge: move interior samples `step` (= bw·direction) along the
   * normalised one-sided class gradient read from `grid` (blurred, norms computed), then
   * `smoothingPasses` passes of nn_vis's moving average (window from `reductionAfter`), then resample.
   */
  advect(grid: FastGrid, step: number, similarity: number, smoothingPasses: number, reductionAfter: number): void {
    const nx = grid.nx, ny = grid.ny, nz = grid.nz, inv = 1 / grid.cell, C = grid.channels;
    const data = grid.data, norms = grid.norms, base = this.base, delta = this.delta;
    const lx = grid.ox - grid.cell / 2, ly = grid.oy - grid.cell / 2, lz = grid.oz - grid.cell / 2;
    const { zLow, zHigh, sampleLength, maxPoints } = this.setup;
    const bound = resampledPointsBound(maxPoints);
    const p = this.cur.points, offsets = this.cur.pointOffsets;
    const next = this.next;
    let cursor = 0;
    next.pointOffsets[0] = 0;
    for (let e = 0; e < this.cur.count; e++) {
      const first = offsets[e]!, n = offsets[e + 1]! - first;
      this.edgeVectors(e);
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
          const val = base[ch]! + t * delta[ch]!;
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
