// AssemblyScript (not TypeScript; the extension keeps tsc away): the fast engine's edge-grid kernels
// (splat, binomial blur, norms, gradient step) in WASM. Each does the JS version's arithmetic
// operation for operation — float32 storage, float64 arithmetic, rounded to float32 on store, sums in
// the same order — so the WASM and JS paths give the same bytes. Build with the command in
// edge-kernels-wasm.ts. Pointers are byte offsets into this module's memory; a `points` pointer may
// lie before the staged chunk it addresses (point i at points + 12·i; i32 addresses wrap).

// In place [1,2,1]/4 over n steps of `width` floats from `at`, steps `block` floats apart (zero outside);
// `prev` (width floats) keeps the previous step's unblurred values.
function line(at: usize, n: i32, width: i32, block: i32, prev: usize): void {
  const pairs = width & ~1;
  const step = <usize>block << 2;
  memory.fill(prev, 0, <usize>width << 2);
  const half = f64x2.splat(0.5), quarter = f64x2.splat(0.25);
  let o = at;
  for (let i = 0; i < n; i++, o += step) {
    const last = i + 1 == n;
    let q = 0;
    for (; q < pairs; q += 2) {
      const off = <usize>q << 2;
      const raw = v128.load64_zero(o + off);
      const c = f64x2.promote_low_f32x4(raw);
      const r = last ? f64x2.splat(0) : f64x2.promote_low_f32x4(v128.load64_zero(o + step + off));
      const l = f64x2.promote_low_f32x4(v128.load64_zero(prev + off));
      const out = f64x2.add(f64x2.mul(half, c), f64x2.mul(quarter, f64x2.add(l, r)));
      v128.store64_lane(o + off, f32x4.demote_f64x2_zero(out), 0);
      v128.store64_lane(prev + off, raw, 0);
    }
    for (; q < width; q++) {
      const off = <usize>q << 2;
      const c = <f64>load<f32>(o + off);
      const r = last ? 0.0 : <f64>load<f32>(o + step + off);
      store<f32>(o + off, <f32>(0.5 * c + 0.25 * (<f64>load<f32>(prev + off) + r)));
      store<f32>(prev + off, <f32>c);
    }
  }
}

/**
 * `passes` binomial passes along x, y (and z if nz > 1) of the nx·ny·nz·C grid at `data`, in place:
 * x and y slab by slab, z over column chunks of `chunk` floats; `prev` is scratch of
 * max(nx·C, chunk) floats.
 */
export function blur(data: usize, nx: i32, ny: i32, nz: i32, C: i32, passes: i32, chunk: i32, prev: usize): void {
  const row = nx * C, slab = row * ny;
  for (let p = 0; p < passes; p++) {
    for (let k = 0; k < nz; k++) {
      const s = data + (<usize>(k * slab) << 2);
      for (let r = 0; r < ny; r++) line(s + (<usize>(r * row) << 2), nx, C, C, prev);
      line(s, ny, row, row, prev);
    }
    if (nz > 1) {
      for (let q = 0; q < slab; q += chunk) line(data + (<usize>q << 2), nz, min(chunk, slab - q), slab, prev);
    }
  }
}

/** ‖D‖ per voxel of the `voxels`·C grid at `data` into `norms` (float64 sum of squares in channel order). */
export function norms(data: usize, out: usize, voxels: i32, C: i32): void {
  let o = data;
  for (let v = 0; v < voxels; v++) {
    let sq = 0.0;
    for (let c = 0; c < C; c++, o += 4) { const x = <f64>load<f32>(o); sq += x * x; }
    store<f32>(out + (<usize>v << 2), <f32>Math.sqrt(sq));
  }
}

/**
 * FastEdgeGap.splat: the points of edges [0, edgeCount) (xyz at `points`, edge e's from offsets[e])
 * whose z is in [zLow, zHigh), each bilinearly in x/y and to the nearest z slice, trapezoid weights,
 * class vector table[a + c] + t·(table[b + c] − table[a + c]) with a = vecA[e], b = vecB[e] (float64).
 */
export function splat(points: usize, offsets: usize, edgeCount: i32, table: usize, vecA: usize, vecB: usize,
  grid: usize, nx: i32, ny: i32, nz: i32, C: i32, ox: f64, oy: f64, oz: f64, inv: f64, zLow: f64, zHigh: f64): void {
  const sy = nx * C, sz = nx * ny * C, pairs = C & ~1;
  for (let e = 0; e < edgeCount; e++) {
    const first = load<i32>(offsets + (<usize>e << 2)), n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const va = table + (<usize>load<i32>(vecA + (<usize>e << 2)) << 3), vb = table + (<usize>load<i32>(vecB + (<usize>e << 2)) << 3);
    for (let j = 0; j < n; j++) {
      const o = points + <usize>(first + j) * 12;
      const z = <f64>load<f32>(o, 8);
      if (!(z >= zLow && z < zHigh)) continue;
      const u = (<f64>load<f32>(o) - ox) * inv, w = (<f64>load<f32>(o, 4) - oy) * inv, q = (z - oz) * inv;
      const fi = Math.floor(u), fj = Math.floor(w), fk = Math.floor(q + 0.5);
      if (!(fi >= 0 && fj >= 0 && fk >= 0 && fi + 1 < <f64>nx && fj + 1 < <f64>ny && fk < <f64>nz)) continue;
      const i0 = <i32>fi, j0 = <i32>fj, k0 = <i32>fk;
      const weight = j == 0 || j == n - 1 ? 0.5 : 1.0;
      const t = j == 0 ? 0.0 : j == n - 1 ? <f64>(n - 2) / <f64>n : (<f64>j - 0.5) / <f64>n;
      const a = u - fi, b = w - fj;
      const wb0 = weight * (1 - b), wb1 = weight * b, a0 = 1 - a;
      const q00 = a0 * wb0, q10 = a * wb0, q01 = a0 * wb1, q11 = a * wb1;
      const c00 = grid + (<usize>(k0 * sz + j0 * sy + i0 * C) << 2), c10 = c00 + (<usize>C << 2);
      const c01 = c00 + (<usize>sy << 2), c11 = c01 + (<usize>C << 2);
      const tv = f64x2.splat(t), v00 = f64x2.splat(q00), v10 = f64x2.splat(q10), v01 = f64x2.splat(q01), v11 = f64x2.splat(q11);
      let ch = 0;
      for (; ch < pairs; ch += 2) {
        const v0 = v128.load(va + (<usize>ch << 3));
        const val = f64x2.add(v0, f64x2.mul(tv, f64x2.sub(v128.load(vb + (<usize>ch << 3)), v0)));
        const off = <usize>ch << 2;
        v128.store64_lane(c00 + off, f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(v128.load64_zero(c00 + off)), f64x2.mul(v00, val))), 0);
        v128.store64_lane(c10 + off, f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(v128.load64_zero(c10 + off)), f64x2.mul(v10, val))), 0);
        v128.store64_lane(c01 + off, f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(v128.load64_zero(c01 + off)), f64x2.mul(v01, val))), 0);
        v128.store64_lane(c11 + off, f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(v128.load64_zero(c11 + off)), f64x2.mul(v11, val))), 0);
      }
      for (; ch < C; ch++) {
        const v0 = load<f64>(va + (<usize>ch << 3)), val = v0 + t * (load<f64>(vb + (<usize>ch << 3)) - v0);
        const off = <usize>ch << 2;
        store<f32>(c00 + off, <f32>(<f64>load<f32>(c00 + off) + q00 * val));
        store<f32>(c10 + off, <f32>(<f64>load<f32>(c10 + off) + q10 * val));
        store<f32>(c01 + off, <f32>(<f64>load<f32>(c01 + off) + q01 * val));
        store<f32>(c11 + off, <f32>(<f64>load<f32>(c11 + off) + q11 * val));
      }
    }
  }
}

/**
 * FastEdgeGap.advect's gradient step for the interior points of edges [0, edgeCount) whose z is in
 * [zLow, zHigh), moved in place: f = v·D − s·‖D‖ at the sample's voxel and its three one-sided
 * neighbours (‖D‖ from `norm`, filled by `norms`), `step` along the normalised gradient.
 */
export function gradient(points: usize, offsets: usize, edgeCount: i32, table: usize, vecA: usize, vecB: usize,
  grid: usize, norm: usize, nx: i32, ny: i32, nz: i32, C: i32, lx: f64, ly: f64, lz: f64, inv: f64, step: f64, similarity: f64,
  zLow: f64, zHigh: f64): void {
  for (let e = 0; e < edgeCount; e++) {
    const first = load<i32>(offsets + (<usize>e << 2)), n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const va = table + (<usize>load<i32>(vecA + (<usize>e << 2)) << 3), vb = table + (<usize>load<i32>(vecB + (<usize>e << 2)) << 3);
    for (let j = 1; j + 1 < n; j++) {
      const o = points + <usize>(first + j) * 12;
      const x = <f64>load<f32>(o), y = <f64>load<f32>(o, 4), z = <f64>load<f32>(o, 8);
      if (!(z >= zLow && z < zHigh)) continue;
      const fu = (x - lx) * inv, fw = (y - ly) * inv, fq = (z - lz) * inv;
      const fi = Math.floor(fu), fk = Math.floor(fw), fm = Math.floor(fq);
      if (!(fi >= 1 && fk >= 1 && fm >= 1 && fi + 1 < <f64>nx && fk + 1 < <f64>ny && fm + 1 < <f64>nz)) continue;
      const si = fu - fi < 0.5 ? -1 : 1, sk = fw - fk < 0.5 ? -1 : 1, sm = fq - fm < 0.5 ? -1 : 1;
      const t = <f64>j / <f64>n;
      const here = (<i32>fm * ny + <i32>fk) * nx + <i32>fi;
      const hx = here + si, hy = here + sk * nx, hz = here + sm * nx * ny;
      const o0 = grid + (<usize>(here * C) << 2), ox = grid + (<usize>(hx * C) << 2);
      const oy = grid + (<usize>(hy * C) << 2), oz = grid + (<usize>(hz * C) << 2);
      let d0 = 0.0, dx = 0.0, dy = 0.0, dz = 0.0;
      for (let ch = 0; ch < C; ch++) {
        const v0 = load<f64>(va + (<usize>ch << 3)), val = v0 + t * (load<f64>(vb + (<usize>ch << 3)) - v0);
        const off = <usize>ch << 2;
        d0 += val * <f64>load<f32>(o0 + off); dx += val * <f64>load<f32>(ox + off);
        dy += val * <f64>load<f32>(oy + off); dz += val * <f64>load<f32>(oz + off);
      }
      const n0 = <f64>load<f32>(norm + (<usize>here << 2)), nX = <f64>load<f32>(norm + (<usize>hx << 2));
      const nY = <f64>load<f32>(norm + (<usize>hy << 2)), nZ = <f64>load<f32>(norm + (<usize>hz << 2));
      const f0 = n0 > 0 ? d0 - similarity * n0 : 0.0;
      const gx = ((nX > 0 ? dx - similarity * nX : 0.0) - f0) * <f64>si;
      const gy = ((nY > 0 ? dy - similarity * nY : 0.0) - f0) * <f64>sk;
      const gz = ((nZ > 0 ? dz - similarity * nZ : 0.0) - f0) * <f64>sm;
      const strength = Math.sqrt(gx * gx + gy * gy + gz * gz);
      if (!(strength > 0)) continue;
      const scale = step / strength;
      store<f32>(o, <f32>(x + gx * scale)); store<f32>(o, <f32>(y + gy * scale), 4); store<f32>(o, <f32>(z + gz * scale), 8);
    }
  }
}

// smooth.ts smoothThree: R = 1 without copies, the old left neighbour kept in registers.
function smoothThree(at: usize, n: i32, passes: i32): void {
  const end = at + <usize>(n - 1) * 12;
  for (let pass = 0; pass < passes; pass++) {
    let px = <f64>load<f32>(at), py = <f64>load<f32>(at, 4), pz = <f64>load<f32>(at, 8);
    for (let o = at + 12; o < end; o += 12) {
      const cx = <f64>load<f32>(o), cy = <f64>load<f32>(o, 4), cz = <f64>load<f32>(o, 8);
      store<f32>(o, <f32>((px + cx + <f64>load<f32>(o, 12)) / 3));
      store<f32>(o, <f32>((py + cy + <f64>load<f32>(o, 16)) / 3), 4);
      store<f32>(o, <f32>((pz + cz + <f64>load<f32>(o, 20)) / 3), 8);
      px = cx; py = cy; pz = cz;
    }
  }
}

// smooth.ts smoothPolyline: Jacobi passes of the clipped moving average of radius R; `prev` holds
// 3·n float64.
function smooth(at: usize, n: i32, radius: i32, passes: i32, prev: usize): void {
  if (n < 3 || passes <= 0) return;
  if (radius == 1) { smoothThree(at, n, passes); return; }
  const last = n - 1;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < n * 3; i++) store<f64>(prev + (<usize>i << 3), <f64>load<f32>(at + (<usize>i << 2)));
    let sx = 0.0, sy = 0.0, sz = 0.0;
    let hi = min(last, 1 + radius);
    for (let k = 0; k <= hi; k++) {
      const q = prev + <usize>k * 24;
      sx += load<f64>(q); sy += load<f64>(q, 8); sz += load<f64>(q, 16);
    }
    let lo = 0;
    for (let j = 1; j < last; j++) {
      if (j > 1) {
        const nextHi = j + radius;
        if (nextHi <= last) {
          hi = nextHi;
          const q = prev + <usize>hi * 24;
          sx += load<f64>(q); sy += load<f64>(q, 8); sz += load<f64>(q, 16);
        }
        const drop = j - radius - 1;
        if (drop >= 0) {
          lo = drop + 1;
          const q = prev + <usize>drop * 24;
          sx -= load<f64>(q); sy -= load<f64>(q, 8); sz -= load<f64>(q, 16);
        }
      }
      const inv = 1 / <f64>(hi - lo + 1);
      const o = at + <usize>j * 12;
      store<f32>(o, <f32>(sx * inv)); store<f32>(o, <f32>(sy * inv), 4); store<f32>(o, <f32>(sz * inv), 8);
    }
  }
}

function dist(ax: f64, ay: f64, az: f64, bx: f64, by: f64, bz: f64): f64 {
  const dx = ax - bx, dy = ay - by, dz = az - bz;
  return Math.sqrt(dx * dx + dy * dy + dz * dz);
}

// compute/resample.ts resamplePolyline, operation for operation: returns the points written at `dst`.
function resample(src: usize, count: i32, sampleLen: f64, maxPoints: i32, dst: usize,
  reserved: i32, tolerance: f64, tailDrop: f64, tailMid: f64): i32 {
  const limit = maxPoints - reserved;
  const emitAt = tolerance * sampleLen;
  const sz = src + <usize>(count - 1) * 12;
  let out = dst;
  store<f32>(out, load<f32>(src)); store<f32>(out, load<f32>(src, 4), 4); store<f32>(out, load<f32>(src, 8), 8);
  let written = 1;
  let lx = <f64>load<f32>(src), ly = <f64>load<f32>(src, 4), lz = <f64>load<f32>(src, 8);
  let px = lx, py = ly, pz = lz, cx = lx, cy = ly, cz = lz;
  let dChecked = 0.0;
  for (let j = 1; j < count && written < limit; j++) {
    const at = src + <usize>j * 12;
    const nx = <f64>load<f32>(at), ny = <f64>load<f32>(at, 4), nz = <f64>load<f32>(at, 8);
    let dNext = dist(nx, ny, nz, lx, ly, lz);
    while (dNext >= emitAt && written < limit) {
      const span = dNext - dChecked;
      let t = span > 0 ? (sampleLen - dChecked) / span : 1.0;
      t = t < 0 ? 0.0 : t > 1 ? 1.0 : t;
      px = lx; py = ly; pz = lz;
      out += 12;
      store<f32>(out, <f32>(cx + (nx - cx) * t)); store<f32>(out, <f32>(cy + (ny - cy) * t), 4); store<f32>(out, <f32>(cz + (nz - cz) * t), 8);
      lx = <f64>load<f32>(out); ly = <f64>load<f32>(out, 4); lz = <f64>load<f32>(out, 8);
      written++;
      dNext = dist(nx, ny, nz, lx, ly, lz);
      cx = lx; cy = ly; cz = lz;
      dChecked = 0;
    }
    cx = nx; cy = ny; cz = nz;
    dChecked = dNext;
  }
  const ex = <f64>load<f32>(sz), ey = <f64>load<f32>(sz, 4), ez = <f64>load<f32>(sz, 8);
  if (written > 1) {
    const dEnd = dist(ex, ey, ez, lx, ly, lz);
    if (dEnd < tailDrop * sampleLen) {
      out -= 12;
      written--;
    } else if (dEnd < tailMid * sampleLen) {
      store<f32>(out, <f32>((px + ex) / 2)); store<f32>(out, <f32>((py + ey) / 2), 4); store<f32>(out, <f32>((pz + ez) / 2), 8);
    }
  }
  out += 12;
  store<f32>(out, load<f32>(sz)); store<f32>(out, load<f32>(sz, 4), 4); store<f32>(out, load<f32>(sz, 8), 8);
  return written + 1;
}

/**
 * After `gradient`, per edge from `firstEdge` on (its points stay in L1): smoothing (schedule.ts window
 * ⌊n·percent·reductionAfter/100⌋, at least 1) and the resample into `out` (offsets into
 * `outOffsets`, point cursor starting at outOffsets[firstEdge]; point p is written at out + (p − outBase)·12),
 * while the next edge's worst case (`bound` points) fits in `capacity` points. Returns the first edge not done (= edgeCount when all are).
 */
export function finish(points: usize, offsets: usize, firstEdge: i32, edgeCount: i32,
  passes: i32, percent: f64, reductionAfter: f64, prev: usize, sampleLen: f64, maxPoints: i32, out: usize, outOffsets: usize, outBase: i32, capacity: i32, bound: i32,
  reserved: i32, tolerance: f64, tailDrop: f64, tailMid: f64): i32 {
  let cursor = load<i32>(outOffsets + (<usize>firstEdge << 2));
  for (let e = firstEdge; e < edgeCount; e++) {
    if (cursor - outBase + bound > capacity) return e;
    const first = load<i32>(offsets + (<usize>e << 2)), n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const at = points + <usize>first * 12;
    if (passes > 0) smooth(at, n, max(<i32>Math.floor((<f64>n * percent * reductionAfter) / 100), 1), passes, prev);
    cursor += resample(at, n, sampleLen, maxPoints, out + <usize>(cursor - outBase) * 12, reserved, tolerance, tailDrop, tailMid);
    store<i32>(outOffsets + (<usize>(e + 1) << 2), cursor);
  }
  return edgeCount;
}
