/**
 * Bundling quality measures (reference/performance.md §6), used by tests and benchmarks to make
 * sure speed is never bought by bundling less: distortion, ink ratio, endpoint fidelity,
 * agreement between two engines, and class separation.
 */
import type { Polylines } from '../polylines';
import type { NetworkArrays } from '../types';
import { nodeClassVectors, sampleClassVector } from './class-vectors';
import type { EdgeImportanceType } from './class-vectors';

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { abs, ceil, floor, hypot, imul, max, min, round, sqrt } = Math;

/** Length of polyline k. */
export function polylineLength(lines: Polylines, k: number): number {
  const p = lines.points;
  let sum = 0;
  for (let i = lines.pointOffsets[k]!; i + 1 < lines.pointOffsets[k + 1]!; i++) {
    const dx = p[i * 3 + 3]! - p[i * 3]!, dy = p[i * 3 + 4]! - p[i * 3 + 1]!, dz = p[i * 3 + 5]! - p[i * 3 + 2]!;
    sum += sqrt(dx * dx + dy * dy + dz * dz);
  }
  return sum;
}

/** Mean over polylines of length ÷ straight end-to-end distance (1 = straight; gate ≤ 1.3). */
export function meanDistortion(lines: Polylines): number {
  const count = lines.pointOffsets.length - 1;
  let sum = 0, used = 0;
  for (let k = 0; k < count; k++) {
    const a = lines.pointOffsets[k]! * 3, b = (lines.pointOffsets[k + 1]! - 1) * 3;
    const p = lines.points;
    const straight = hypot(p[b]! - p[a]!, p[b + 1]! - p[a + 1]!, p[b + 2]! - p[a + 2]!);
    if (straight > 0) { sum += polylineLength(lines, k) / straight; used++; }
  }
  return used > 0 ? sum / used : 1;
}

/**
 * How far interior samples leave their gap, in z: the share of interior points outside the z interval
 * between polyline k's own end points, and the largest distance outside it. nn_vis's own runs leave
 * about 1 % of them out, by up to ~0.2 (reference/nn_vis.md §14).
 */
export function gapExcursion(lines: Polylines): { outsideShare: number; maxOutside: number } {
  const p = lines.points, offsets = lines.pointOffsets;
  let interior = 0, outside = 0, maxOutside = 0;
  for (let k = 0; k + 1 < offsets.length; k++) {
    const first = offsets[k]!, last = offsets[k + 1]! - 1;
    if (last - first < 2) continue;
    const za = p[first * 3 + 2]!, zb = p[last * 3 + 2]!;
    const lo = min(za, zb), hi = max(za, zb);
    for (let i = first + 1; i < last; i++) {
      const z = p[i * 3 + 2]!;
      const d = max(lo - z, z - hi, 0);
      interior++;
      if (d > 0) outside++;
      if (d > maxOutside) maxOutside = d;
    }
  }
  return { outsideShare: interior > 0 ? outside / interior : 0, maxOutside };
}

/** True when every coordinate is finite. */
export function allFinite(lines: Polylines): boolean {
  const used = lines.pointOffsets[lines.pointOffsets.length - 1]! * 3;
  for (let i = 0; i < used; i++) if (!Number.isFinite(lines.points[i]!)) return false;
  return true;
}

/** True when polyline k starts at node source[k] and ends at node target[k], bit for bit. */
export function endpointsFixed(lines: Polylines, positions: Float32Array, sources: Int32Array, targets: Int32Array): boolean {
  for (let k = 0; k + 1 < lines.pointOffsets.length; k++) {
    const a = lines.pointOffsets[k]! * 3, b = (lines.pointOffsets[k + 1]! - 1) * 3;
    for (let d = 0; d < 3; d++) {
      if (!Object.is(lines.points[a + d], positions[sources[k]! * 3 + d])) return false;
      if (!Object.is(lines.points[b + d], positions[targets[k]! * 3 + d])) return false;
    }
  }
  return true;
}

/** Writes `m` points evenly spaced by arc length along polyline k into out[0 .. 3m). */
export function resampleUniform(lines: Polylines, k: number, m: number, out: Float64Array): void {
  const total = polylineLength(lines, k);
  const p = lines.points;
  const first = lines.pointOffsets[k]!, last = lines.pointOffsets[k + 1]! - 1;
  let seg = first, walked = 0;
  for (let i = 0; i < m; i++) {
    const target = m > 1 ? (total * i) / (m - 1) : 0;
    let segLen = 0;
    while (seg < last) {
      segLen = hypot(p[seg * 3 + 3]! - p[seg * 3]!, p[seg * 3 + 4]! - p[seg * 3 + 1]!, p[seg * 3 + 5]! - p[seg * 3 + 2]!);
      if (walked + segLen >= target || seg + 1 === last) break;
      walked += segLen;
      seg++;
    }
    const t = segLen > 0 ? min(max((target - walked) / segLen, 0), 1) : 0;
    const a = seg * 3, b = min(seg + 1, last) * 3;
    for (let d = 0; d < 3; d++) out[i * 3 + d] = p[a + d]! + (p[b + d]! - p[a + d]!) * t;
  }
}

/**
 * Mean distance between corresponding points of two polyline sets (same edges, same order), each
 * polyline resampled to max(n_a, n_b) points evenly by arc length; divide by layer_width for the
 * fidelity gate.
 */
export function meanPointDistance(a: Polylines, b: Polylines): number {
  const count = a.pointOffsets.length - 1;
  let sum = 0, n = 0;
  let pa = new Float64Array(0), pb = new Float64Array(0);
  for (let k = 0; k < count; k++) {
    const m = max(a.pointOffsets[k + 1]! - a.pointOffsets[k]!, b.pointOffsets[k + 1]! - b.pointOffsets[k]!);
    if (pa.length < m * 3) { pa = new Float64Array(m * 3); pb = new Float64Array(m * 3); }
    resampleUniform(a, k, m, pa);
    resampleUniform(b, k, m, pb);
    for (let i = 0; i < m; i++) sum += hypot(pa[i * 3]! - pb[i * 3]!, pa[i * 3 + 1]! - pb[i * 3 + 1]!, pa[i * 3 + 2]! - pb[i * 3 + 2]!);
    n += m;
  }
  return n > 0 ? sum / n : 0;
}

/** Pixels covered in the three axis projections (xy, xz, yz) at `resolution`² over the given box. */
function coveredPixels(lines: Polylines, box: Float64Array, resolution: number): number {
  let covered = 0;
  const bitmap = new Uint8Array(resolution * resolution);
  const axes = [[0, 1], [0, 2], [1, 2]] as const;
  const p = lines.points;
  for (const [u, w] of axes) {
    bitmap.fill(0);
    const su = (resolution - 1) / max(box[u + 3]! - box[u]!, 1e-9), sw = (resolution - 1) / max(box[w + 3]! - box[w]!, 1e-9);
    for (let k = 0; k + 1 < lines.pointOffsets.length; k++) {
      for (let i = lines.pointOffsets[k]!; i + 1 < lines.pointOffsets[k + 1]!; i++) {
        const u0 = (p[i * 3 + u]! - box[u]!) * su, w0 = (p[i * 3 + w]! - box[w]!) * sw;
        const u1 = (p[i * 3 + 3 + u]! - box[u]!) * su, w1 = (p[i * 3 + 3 + w]! - box[w]!) * sw;
        const steps = max(1, ceil(2 * max(abs(u1 - u0), abs(w1 - w0))));
        for (let s = 0; s <= steps; s++) {
          const x = round(u0 + ((u1 - u0) * s) / steps), y = round(w0 + ((w1 - w0) * s) / steps);
          bitmap[y * resolution + x] = 1;
        }
      }
    }
    for (let i = 0; i < bitmap.length; i++) covered += bitmap[i]!;
  }
  return covered;
}

/**
 * Ink ratio: covered pixels of the three orthographic projections of `bundled` ÷ those of
 * `straight`, both drawn into the same box (their joint bounding box). Below 1 means less ink.
 */
export function inkRatio(bundled: Polylines, straight: Polylines, resolution = 256): number {
  const box = new Float64Array([Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity]);
  for (const lines of [bundled, straight]) {
    const used = lines.pointOffsets[lines.pointOffsets.length - 1]!;
    for (let i = 0; i < used; i++) {
      for (let d = 0; d < 3; d++) {
        const v = lines.points[i * 3 + d]!;
        if (v < box[d]!) box[d] = v;
        if (v > box[d + 3]!) box[d + 3] = v;
      }
    }
  }
  return coveredPixels(bundled, box, resolution) / max(coveredPixels(straight, box, resolution), 1);
}

/**
 * Mean distance between points whose dominant class (argmax of the edge's class vector at that
 * point, nn_vis's `edge_importance_type` rule) differs, over `pairs` seeded random pairs per gap.
 */
export function differentClassDistance(
  net: NetworkArrays, kept: Int32Array, lines: Polylines, type: EdgeImportanceType, pairs = 20000, seed = 1,
): number {
  const vectors = nodeClassVectors(net);
  const C = vectors.classes;
  const used = lines.pointOffsets[lines.pointOffsets.length - 1]!;
  const dominant = new Int32Array(used), gapOf = new Int32Array(used);
  const v = new Float64Array(C);
  for (let k = 0; k < kept.length; k++) {
    const first = lines.pointOffsets[k]!, n = lines.pointOffsets[k + 1]! - first;
    const e = kept[k]!;
    for (let j = 0; j < n; j++) {
      sampleClassVector(vectors, type, net.edgeSource[e]!, net.edgeTarget[e]!, j / n, v);
      let best = 0;
      for (let c = 1; c < C; c++) if (v[c]! > v[best]!) best = c;
      dominant[first + j] = best;
      gapOf[first + j] = net.edgeGap[e]!;
    }
  }
  let state = seed >>> 0;
  const next = (): number => { state = (imul(state, 1664525) + 1013904223) >>> 0; return state / 4294967296; };
  let sum = 0, n = 0;
  for (let t = 0; t < pairs * 8 && n < pairs; t++) {
    const i = floor(next() * used), j = floor(next() * used);
    if (gapOf[i] !== gapOf[j] || dominant[i] === dominant[j]) continue;
    sum += hypot(lines.points[i * 3]! - lines.points[j * 3]!, lines.points[i * 3 + 1]! - lines.points[j * 3 + 1]!, lines.points[i * 3 + 2]! - lines.points[j * 3 + 2]!);
    n++;
  }
  return n > 0 ? sum / n : 0;
}
