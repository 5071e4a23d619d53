// AssemblyScript (not TypeScript): the fast engine's edge splat with WASM SIMD, f32x4 over the class
// channels. A measurement prototype for bench/wasm-splat.ts (session 2), superseded by the engine's
// edge-kernels.as. Build:
//   npx asc bench/wasm/splat-kernel.as.ts --enable simd -O3 --runtime stub --noAssert --initialMemory 2048 -o bench/out/splat-kernel.wasm
// The arithmetic FastEdgeGap.splat had then: bilinear in x/y, nearest z slice, trapezoid weights, class
// vector base + t·delta per edge. All pointers are byte offsets into this module's memory; `cp` is the
// channel count padded to a multiple of 4 (grid voxels and edge vectors use that stride).

export function splat(points: usize, offsets: usize, edges: i32, vecs: usize, grid: usize,
  nx: i32, ny: i32, nz: i32, cp: i32, ox: f32, oy: f32, oz: f32, inv: f32): void {
  const sy = nx * cp, sz = nx * ny * cp;
  const nv = cp >> 2;
  for (let e = 0; e < edges; e++) {
    const first = load<i32>(offsets + (<usize>e << 2));
    const n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const base = vecs + <usize>(e * 2 * cp) * 4;
    const delta = base + <usize>cp * 4;
    for (let j = 0; j < n; j++) {
      const o = points + <usize>((first + j) * 3) * 4;
      const u = (load<f32>(o) - ox) * inv, w = (load<f32>(o, 4) - oy) * inv, q = (load<f32>(o, 8) - oz) * inv;
      const i0 = <i32>Mathf.floor(u), j0 = <i32>Mathf.floor(w), k0 = <i32>Mathf.floor(q + 0.5);
      if (i0 < 0 || j0 < 0 || k0 < 0 || i0 + 1 >= nx || j0 + 1 >= ny || k0 >= nz) continue;
      const weight: f32 = j == 0 || j == n - 1 ? 0.5 : 1.0;
      const t: f32 = j == 0 ? 0 : j == n - 1 ? <f32>(n - 2) / <f32>n : (<f32>j - 0.5) / <f32>n;
      const a = u - <f32>i0, b = w - <f32>j0;
      const wb0 = weight * (1 - b), wb1 = weight * b, a0: f32 = 1 - a;
      const q00 = f32x4.splat(a0 * wb0), q10 = f32x4.splat(a * wb0), q01 = f32x4.splat(a0 * wb1), q11 = f32x4.splat(a * wb1);
      const tv = f32x4.splat(t);
      const c00 = grid + <usize>(k0 * sz + j0 * sy + i0 * cp) * 4;
      const c10 = c00 + <usize>cp * 4, c01 = c00 + <usize>sy * 4, c11 = c01 + <usize>cp * 4;
      for (let v = 0; v < nv; v++) {
        const off = <usize>v << 4;
        const val = f32x4.add(v128.load(base + off), f32x4.mul(tv, v128.load(delta + off)));
        v128.store(c00 + off, f32x4.add(v128.load(c00 + off), f32x4.mul(q00, val)));
        v128.store(c10 + off, f32x4.add(v128.load(c10 + off), f32x4.mul(q10, val)));
        v128.store(c01 + off, f32x4.add(v128.load(c01 + off), f32x4.mul(q01, val)));
        v128.store(c11 + off, f32x4.add(v128.load(c11 + off), f32x4.mul(q11, val)));
      }
    }
  }
}
