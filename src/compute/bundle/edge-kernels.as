// AssemblyScript (not TypeScript; the extension keeps tsc away): the fast engine's edge-grid kernels
// (splat, binomial blur, norms, gradient step, smoothing, resample) and the node grid's Epanechnikov
// blur in WASM. Each does the JS version's arithmetic operation for operation — float32 storage;
// float32 lanes in the splat, the gradient's dot products and the 3-point smoothing, float64
// elsewhere; sums in the same order — so the WASM and JS paths give the same bytes. Build with the
// command in edge-kernels-wasm.ts. Pointers are byte offsets into this module's memory; a `points` pointer may
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

/** dst[i] += src[i] for `floats` floats (a multiple of 4), float32 lanes: FastGrid's addGrid. */
export function add(dst: usize, src: usize, floats: i32): void {
  const end = dst + (<usize>floats << 2);
  for (let d = dst, s = src; d < end; d += 16, s += 16) v128.store(d, f32x4.add(v128.load(d), v128.load(s)));
}

/**
 * ‖D‖ of each of the `voxels` voxels (S floats each) at `data` into its lane C (float64 sum of squares
 * in channel order); with `scale` > 0 nn_vis's uint32-wrapped norm (nn-vis-norm-wrap.ts wrappedNorm).
 */
export function norms(data: usize, voxels: i32, C: i32, S: i32, scale: f64): void {
  const step = <usize>S << 2;
  let o = data;
  for (let v = 0; v < voxels; v++, o += step) {
    let sq = 0.0;
    for (let c = 0; c < C; c++) { const x = <f64>load<f32>(o + (<usize>c << 2)); sq += x * x; }
    let norm = Math.sqrt(sq);
    if (scale > 0) {
      const x = norm * scale, q = x * x;
      norm = Math.sqrt(q - Math.floor(q / 4294967296.0) * 4294967296.0) / scale;
    }
    store<f32>(o + (<usize>C << 2), <f32>norm);
  }
}

// One deposit of `splat`: the class vector a + t·(b − a) at (x, y, z) with `weight`, bilinearly in x/y
// and to the nearest z slice, if z is in [zLow, zHigh) and the cell is inside the grid.
// @ts-ignore: decorator
@inline function deposit(grid: usize, nx: i32, ny: i32, nz: i32, S: i32, ox: f64, oy: f64, oz: f64, inv: f64, zLow: f64, zHigh: f64,
  x: f64, y: f64, z: f64, weight: f64, t: f64, va: usize, vb: usize): void {
  if (!(z >= zLow && z < zHigh)) return;
  const u = (x - ox) * inv, w = (y - oy) * inv, q = (z - oz) * inv;
  const fi = Math.floor(u), fj = Math.floor(w), fk = Math.floor(q + 0.5);
  if (!(fi >= 0 && fj >= 0 && fk >= 0 && fi + 1 < <f64>nx && fj + 1 < <f64>ny && fk < <f64>nz)) return;
  const i0 = <i32>fi, j0 = <i32>fj, k0 = <i32>fk;
  const sy = nx * S, sz = nx * ny * S, bytes = <usize>S << 2;
  const a = u - fi, b = w - fj;
  const wb0 = weight * (1 - b), wb1 = weight * b, a0 = 1 - a;
  const c00 = grid + (<usize>(k0 * sz + j0 * sy + i0 * S) << 2), c10 = c00 + bytes;
  const c01 = c00 + (<usize>sy << 2), c11 = c01 + bytes;
  const tv = f32x4.splat(<f32>t);
  const v00 = f32x4.splat(<f32>(a0 * wb0)), v10 = f32x4.splat(<f32>(a * wb0));
  const v01 = f32x4.splat(<f32>(a0 * wb1)), v11 = f32x4.splat(<f32>(a * wb1));
  for (let off: usize = 0; off < bytes; off += 16) {
    const lo = v128.load(va + off);
    const val = f32x4.add(lo, f32x4.mul(tv, f32x4.sub(v128.load(vb + off), lo)));
    v128.store(c00 + off, f32x4.add(v128.load(c00 + off), f32x4.mul(v00, val)));
    v128.store(c10 + off, f32x4.add(v128.load(c10 + off), f32x4.mul(v10, val)));
    v128.store(c01 + off, f32x4.add(v128.load(c01 + off), f32x4.mul(v01, val)));
    v128.store(c11 + off, f32x4.add(v128.load(c11 + off), f32x4.mul(v11, val)));
  }
}

/**
 * FastEdgeGap.splat: the points of edges [0, edgeCount) (xyz at `points`, edge e's from offsets[e])
 * whose z is in [zLow, zHigh), each bilinearly in x/y and to the nearest z slice, trapezoid weights;
 * with `midpoints` also the midpoint of every segment, weight 1 (a coarse polyline splatted as the
 * fine one it stands for). Class vector rows (S float32 each, zero past C) at table + 4·vecA[e] and
 * table + 4·vecB[e]; the sample's vector a + t·(b − a) and the deposits are float32, four lanes at a time.
 */
export function splat(points: usize, offsets: usize, edgeCount: i32, table: usize, vecA: usize, vecB: usize,
  grid: usize, nx: i32, ny: i32, nz: i32, S: i32, ox: f64, oy: f64, oz: f64, inv: f64, zLow: f64, zHigh: f64, midpoints: i32): void {
  for (let e = 0; e < edgeCount; e++) {
    const first = load<i32>(offsets + (<usize>e << 2)), n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const va = table + (<usize>load<i32>(vecA + (<usize>e << 2)) << 2), vb = table + (<usize>load<i32>(vecB + (<usize>e << 2)) << 2);
    for (let j = 0; j < n; j++) {
      const o = points + <usize>(first + j) * 12;
      const x = <f64>load<f32>(o), y = <f64>load<f32>(o, 4), z = <f64>load<f32>(o, 8);
      const weight = j == 0 || j == n - 1 ? 0.5 : 1.0;
      const t = j == 0 ? 0.0 : j == n - 1 ? <f64>(n - 2) / <f64>n : (<f64>j - 0.5) / <f64>n;
      deposit(grid, nx, ny, nz, S, ox, oy, oz, inv, zLow, zHigh, x, y, z, weight, t, va, vb);
      if (midpoints != 0 && j + 1 < n) {
        const mx = (x + <f64>load<f32>(o, 12)) * 0.5, my = (y + <f64>load<f32>(o, 16)) * 0.5, mz = (z + <f64>load<f32>(o, 20)) * 0.5;
        deposit(grid, nx, ny, nz, S, ox, oy, oz, inv, zLow, zHigh, mx, my, mz, 1.0, <f64>j / <f64>n, va, vb);
      }
    }
  }
}

/**
 * FastEdgeGap.advect's gradient step for the interior points of edges [0, edgeCount) whose z is in
 * [zLow, zHigh), moved in place. The sample's vector v = a + t·(b − a) (float32, rows as in `splat`)
 * plus the row at `similarity` (zeros, −s in lane C) dotted with a voxel (C densities, ‖D‖) is
 * f = v·D − s·‖D‖; f at the sample's voxel and its three one-sided neighbours gives the gradient,
 * and the sample moves `step` along it (float64).
 */
export function gradient(points: usize, offsets: usize, edgeCount: i32, table: usize, vecA: usize, vecB: usize, similarity: usize,
  grid: usize, nx: i32, ny: i32, nz: i32, C: i32, S: i32, lx: f64, ly: f64, lz: f64, inv: f64, step: f64,
  zLow: f64, zHigh: f64): void {
  const bytes = <usize>S << 2;
  for (let e = 0; e < edgeCount; e++) {
    const first = load<i32>(offsets + (<usize>e << 2)), n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const va = table + (<usize>load<i32>(vecA + (<usize>e << 2)) << 2), vb = table + (<usize>load<i32>(vecB + (<usize>e << 2)) << 2);
    for (let j = 1; j + 1 < n; j++) {
      const o = points + <usize>(first + j) * 12;
      const x = <f64>load<f32>(o), y = <f64>load<f32>(o, 4), z = <f64>load<f32>(o, 8);
      if (!(z >= zLow && z < zHigh)) continue;
      const fu = (x - lx) * inv, fw = (y - ly) * inv, fq = (z - lz) * inv;
      const fi = Math.floor(fu), fk = Math.floor(fw), fm = Math.floor(fq);
      if (!(fi >= 1 && fk >= 1 && fm >= 1 && fi + 1 < <f64>nx && fk + 1 < <f64>ny && fm + 1 < <f64>nz)) continue;
      const si = fu - fi < 0.5 ? -1 : 1, sk = fw - fk < 0.5 ? -1 : 1, sm = fq - fm < 0.5 ? -1 : 1;
      const tv = f32x4.splat(<f32>(<f64>j / <f64>n));
      const here = (<i32>fm * ny + <i32>fk) * nx + <i32>fi;
      const o0 = grid + (<usize>(here * S) << 2);
      const ox = o0 + (<usize>(si * S) << 2), oy = o0 + (<usize>(sk * nx * S) << 2), oz = o0 + (<usize>(sm * nx * ny * S) << 2);
      // nn_vis divides by ‖D‖ (lane C): an empty voxel among the four makes the gradient NaN; the sample stays.
      const nc = <usize>C << 2;
      if (!(load<f32>(o0 + nc) > 0 && load<f32>(ox + nc) > 0 && load<f32>(oy + nc) > 0 && load<f32>(oz + nc) > 0)) continue;
      let d0 = f32x4.splat(0), dx = d0, dy = d0, dz = d0;
      for (let off: usize = 0; off < bytes; off += 16) {
        const lo = v128.load(va + off);
        const v = f32x4.add(f32x4.add(lo, f32x4.mul(tv, f32x4.sub(v128.load(vb + off), lo))), v128.load(similarity + off));
        d0 = f32x4.add(d0, f32x4.mul(v, v128.load(o0 + off)));
        dx = f32x4.add(dx, f32x4.mul(v, v128.load(ox + off)));
        dy = f32x4.add(dy, f32x4.mul(v, v128.load(oy + off)));
        dz = f32x4.add(dz, f32x4.mul(v, v128.load(oz + off)));
      }
      // The four dot products' horizontal sums at once, each (l0 + l1) + (l2 + l3) as the JS path adds them.
      const s01 = f32x4.add(v128.shuffle<f32>(d0, dx, 0, 2, 4, 6), v128.shuffle<f32>(d0, dx, 1, 3, 5, 7));
      const s23 = f32x4.add(v128.shuffle<f32>(dy, dz, 0, 2, 4, 6), v128.shuffle<f32>(dy, dz, 1, 3, 5, 7));
      const f = f32x4.add(v128.shuffle<f32>(s01, s23, 0, 2, 4, 6), v128.shuffle<f32>(s01, s23, 1, 3, 5, 7));
      const f0 = <f64>f32x4.extract_lane(f, 0);
      const gx = (<f64>f32x4.extract_lane(f, 1) - f0) * <f64>si, gy = (<f64>f32x4.extract_lane(f, 2) - f0) * <f64>sk, gz = (<f64>f32x4.extract_lane(f, 3) - f0) * <f64>sm;
      const strength = Math.sqrt(gx * gx + gy * gy + gz * gz);
      if (!(strength > 0)) continue;
      const scale = step / strength;
      store<f32>(o, <f32>(x + gx * scale)); store<f32>(o, <f32>(y + gy * scale), 4); store<f32>(o, <f32>(z + gz * scale), 8);
    }
  }
}

// smooth.ts smoothThree32: R = 1 in float32, x/y/z as three lanes (a point's 16-byte load also reads the
// next point's x, which is never stored); the old left neighbour is kept in a register.
function smoothThree(at: usize, n: i32, passes: i32): void {
  const end = at + <usize>(n - 1) * 12;
  const third = f32x4.splat(<f32>(1.0 / 3.0));
  for (let pass = 0; pass < passes; pass++) {
    let p = v128.load(at), c = v128.load(at + 12);
    for (let o = at + 12; o < end; o += 12) {
      const next = v128.load(o + 12);
      const r = f32x4.mul(f32x4.add(f32x4.add(p, c), next), third);
      v128.store64_lane(o, r, 0);
      v128.store32_lane(o + 8, r, 2);
      p = c; c = next;
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
 * while the next edge's worst case (`bound` points) fits in `capacity` points, widening the box at
 * `bounds` (f32x4 minima, then maxima; lane 3 unused) by every point written. Returns the first edge
 * not done (= edgeCount when all are).
 */
export function finish(points: usize, offsets: usize, firstEdge: i32, edgeCount: i32,
  passes: i32, percent: f64, reductionAfter: f64, prev: usize, sampleLen: f64, maxPoints: i32, out: usize, outOffsets: usize, outBase: i32, capacity: i32, bound: i32,
  reserved: i32, tolerance: f64, tailDrop: f64, tailMid: f64, bounds: usize): i32 {
  let cursor = load<i32>(outOffsets + (<usize>firstEdge << 2));
  // The running bounding box of the output (FastEdgeGap.bounds): x/y/z minima, then maxima, as f32x4.
  let lo = v128.load(bounds), hi = v128.load(bounds + 16);
  let e = firstEdge;
  for (; e < edgeCount; e++) {
    if (cursor - outBase + bound > capacity) break;
    const first = load<i32>(offsets + (<usize>e << 2)), n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const at = points + <usize>first * 12;
    if (passes > 0) smooth(at, n, max(<i32>Math.floor((<f64>n * percent * reductionAfter) / 100), 1), passes, prev);
    const dst = out + <usize>(cursor - outBase) * 12;
    const written = resample(at, n, sampleLen, maxPoints, dst, reserved, tolerance, tailDrop, tailMid);
    for (let o = dst, end = dst + <usize>written * 12; o < end; o += 12) {
      const p = v128.load32_lane(o + 8, v128.load64_zero(o), 2);
      lo = f32x4.pmin(lo, p); hi = f32x4.pmax(hi, p);
    }
    cursor += written;
    store<i32>(outOffsets + (<usize>(e + 1) << 2), cursor);
  }
  v128.store(bounds, lo); v128.store(bounds + 16, hi);
  return e;
}

// fast-grid.ts epanechnikovLine, operation for operation, two lanes at a time (float64): one pass over
// n steps of `block` floats (a multiple of 2) from `at`, neighbours `block` apart; `copy` receives the
// line's unblurred floats, s0/s1/t2 hold `block` float64 running sums.
function epanechnikovLine(at: usize, n: i32, block: i32, radius: f64, reach: i32,
  s0: usize, s1: usize, t2: usize, copy: usize): void {
  const step = <usize>block << 2;
  memory.copy(copy, at, <usize>n * step);
  const inv = f64x2.splat(1 / (radius * radius));
  const r2 = f64x2.splat(<f64>reach * <f64>reach), r1 = f64x2.splat(<f64>(reach + 1) * <f64>(reach + 1));
  const vReach = f64x2.splat(<f64>reach), vReach1 = f64x2.splat(<f64>(reach + 1)), two = f64x2.splat(2);
  for (let q = 0; q < block; q += 2) {
    let a = f64x2.splat(0), b = a, c = a;
    for (let d = 0; d <= reach && d < n; d++) {
      const f = f64x2.promote_low_f32x4(v128.load64_zero(copy + <usize>d * step + (<usize>q << 2)));
      const dd = f64x2.splat(<f64>d);
      a = f64x2.add(a, f);
      b = f64x2.add(b, f64x2.mul(dd, f));
      c = f64x2.add(c, f64x2.mul(f64x2.mul(dd, dd), f));
    }
    const o8 = <usize>q << 3;
    v128.store(s0 + o8, a); v128.store(s1 + o8, b); v128.store(t2 + o8, c);
  }
  const zero = f64x2.splat(0);
  for (let i = 0; i < n; i++) {
    const o = at + <usize>i * step;
    const hasIn = i + 1 + reach < n, hasOut = i - reach >= 0;
    const inAt = copy + <usize>(i + 1 + reach) * step, outAt = copy + <usize>(i - reach) * step;
    for (let q = 0; q < block; q += 2) {
      const o4 = <usize>q << 2, o8 = <usize>q << 3;
      const sa = v128.load(s0 + o8), sb = v128.load(s1 + o8), tc = v128.load(t2 + o8);
      v128.store64_lane(o + o4, f32x4.demote_f64x2_zero(f64x2.sub(sa, f64x2.mul(tc, inv))), 0);
      const fin = hasIn ? f64x2.promote_low_f32x4(v128.load64_zero(inAt + o4)) : zero;
      const fout = hasOut ? f64x2.promote_low_f32x4(v128.load64_zero(outAt + o4)) : zero;
      const a = f64x2.add(f64x2.sub(sa, fout), fin);
      const b = f64x2.sub(f64x2.add(f64x2.add(sb, f64x2.mul(vReach, fout)), f64x2.mul(vReach1, fin)), a);
      const c = f64x2.sub(f64x2.sub(f64x2.add(f64x2.sub(tc, f64x2.mul(r2, fout)), f64x2.mul(r1, fin)), f64x2.mul(two, b)), a);
      v128.store(s0 + o8, a); v128.store(s1 + o8, b); v128.store(t2 + o8, c);
    }
  }
}

/**
 * fast-grid.ts epanechnikovBlur2d of the flat nx·ny grid of S floats per voxel at `data`: along x row by
 * row, then along y; `scratch` holds nx·ny·S floats of copy, then 3·nx·S float64 running sums (16-aligned).
 */
export function epanechnikov2d(data: usize, nx: i32, ny: i32, S: i32, radius: f64, reach: i32, scratch: usize): void {
  const block = nx * S;
  const copy = scratch, sums = scratch + ((<usize>(nx * ny * S) << 2) + 15 & ~15);
  const s0 = sums, s1 = s0 + (<usize>block << 3), t2 = s1 + (<usize>block << 3);
  for (let r = 0; r < ny; r++) epanechnikovLine(data + (<usize>(r * block) << 2), nx, S, radius, reach, s0, s1, t2, copy);
  epanechnikovLine(data, ny, block, radius, reach, s0, s1, t2, copy);
}
