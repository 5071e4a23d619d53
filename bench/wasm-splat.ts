/**
 * Does WASM SIMD pay for the fast engine's splat? Times the AssemblyScript kernel
 * (bench/wasm/splat-kernel.as.ts) against the same loop in plain JS on synthetic edges, checks they
 * agree, prints one JSON line. Build and run:
 *
 *   npx asc bench/wasm/splat-kernel.as.ts --enable simd -O3 --runtime stub --noAssert --initialMemory 2048 -o bench/out/splat-kernel.wasm
 *   npx tsc -p bench/tsconfig.json && node bench/out/bench/wasm-splat.js
 */
import { readFileSync } from 'fs';
import { join } from 'path';

const EDGES = 20000, PER_EDGE = 16, C = 10, CP = 12;
const NX = 64, NY = 64, NZ = 32, CELL = 2 / 64;
const POINTS = EDGES * PER_EDGE;
const { floor } = Math;

const wasmModule = new WebAssembly.Module(readFileSync(join(__dirname, '..', 'splat-kernel.wasm')));
const instance = new WebAssembly.Instance(wasmModule, { env: { abort: () => { throw new Error('wasm abort'); } } });
const memory = instance.exports.memory as WebAssembly.Memory;
const wasmSplat = instance.exports.splat as (...args: number[]) => void;

let top = 1024;
const alloc = (bytes: number): number => { const at = top; top += Math.ceil(bytes / 16) * 16; return at; };
const pPoints = alloc(POINTS * 12), pOffsets = alloc((EDGES + 1) * 4), pVecs = alloc(EDGES * 2 * CP * 4), pGrid = alloc(NX * NY * NZ * CP * 4);
const points = new Float32Array(memory.buffer, pPoints, POINTS * 3);
const offsets = new Int32Array(memory.buffer, pOffsets, EDGES + 1);
const vecs = new Float32Array(memory.buffer, pVecs, EDGES * 2 * CP);
const grid = new Float32Array(memory.buffer, pGrid, NX * NY * NZ * CP);

let seed = 1;
const random = (): number => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
for (let e = 0; e < EDGES; e++) {
  const ax = random() * 1.8 + 0.1, ay = random() * 1.8 + 0.1, bx = random() * 1.8 + 0.1, by = random() * 1.8 + 0.1;
  for (let j = 0; j < PER_EDGE; j++) {
    const t = j / (PER_EDGE - 1), o = (e * PER_EDGE + j) * 3;
    points[o] = ax + (bx - ax) * t; points[o + 1] = ay + (by - ay) * t; points[o + 2] = 0.1 + 0.8 * t;
  }
}
for (let e = 0; e <= EDGES; e++) offsets[e] = e * PER_EDGE;
for (let i = 0; i < vecs.length; i++) vecs[i] = i % CP < C ? random() : 0;

const gridJs = new Float32Array(NX * NY * NZ * C);
function splatJs(): void {
  const sy = NX * C, sz = NX * NY * C, inv = 1 / CELL;
  for (let e = 0; e < EDGES; e++) {
    const first = offsets[e]!, n = offsets[e + 1]! - first, vb = e * 2 * CP, vd = vb + CP;
    for (let j = 0; j < n; j++) {
      const o = (first + j) * 3;
      const u = points[o]! * inv, w = points[o + 1]! * inv;
      const i0 = floor(u), j0 = floor(w), k0 = floor(points[o + 2]! * inv + 0.5);
      if (i0 < 0 || j0 < 0 || k0 < 0 || i0 + 1 >= NX || j0 + 1 >= NY || k0 >= NZ) continue;
      const weight = j === 0 || j === n - 1 ? 0.5 : 1;
      const t = j === 0 ? 0 : j === n - 1 ? (n - 2) / n : (j - 0.5) / n;
      const a = u - i0, b = w - j0, wb0 = weight * (1 - b), wb1 = weight * b, a0 = 1 - a;
      const c00 = k0 * sz + j0 * sy + i0 * C, c01 = c00 + sy;
      const q00 = a0 * wb0, q10 = a * wb0, q01 = a0 * wb1, q11 = a * wb1;
      for (let ch = 0; ch < C; ch++) {
        const val = vecs[vb + ch]! + t * vecs[vd + ch]!;
        gridJs[c00 + ch] = gridJs[c00 + ch]! + q00 * val; gridJs[c00 + C + ch] = gridJs[c00 + C + ch]! + q10 * val;
        gridJs[c01 + ch] = gridJs[c01 + ch]! + q01 * val; gridJs[c01 + C + ch] = gridJs[c01 + C + ch]! + q11 * val;
      }
    }
  }
}

const wasmTimes: number[] = [], jsTimes: number[] = [];
for (let run = 0; run < 7; run++) {
  grid.fill(0);
  let start = performance.now();
  wasmSplat(pPoints, pOffsets, EDGES, pVecs, pGrid, NX, NY, NZ, CP, 0, 0, 0, 1 / CELL);
  wasmTimes.push(performance.now() - start);
  gridJs.fill(0);
  start = performance.now();
  splatJs();
  jsTimes.push(performance.now() - start);
}
let maxDiff = 0;
for (let v = 0; v < NX * NY * NZ; v++) for (let c = 0; c < C; c++) maxDiff = Math.max(maxDiff, Math.abs(grid[v * CP + c]! - gridJs[v * C + c]!));
const median = (xs: number[]): number => xs.slice(1).sort((a, b) => a - b)[(xs.length - 1) >> 1]!;
console.log(JSON.stringify({
  case: 'splat-kernel', points: POINTS, channels: C,
  wasm_simd_ns_per_point: Math.round((median(wasmTimes) * 1e6) / POINTS * 10) / 10,
  js_ns_per_point: Math.round((median(jsTimes) * 1e6) / POINTS * 10) / 10,
  max_abs_difference: maxDiff,
}));
