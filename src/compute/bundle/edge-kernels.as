// AssemblyScript (not TypeScript; the extension keeps tsc away): the fast engine's edge-grid kernels
// (splat, binomial blur, norms, gradient step, smoothing, resample) and the node grid's Epanechnikov
// blur in WASM. Each does the JS version's arithmetic operation for operation — float32 storage;
// float32 lanes in the splat, the blur, the gradient's dot products, the 3-point smoothing and the
// resample, float64 elsewhere; sums in the same order — so the WASM and JS paths give the same bytes. Build with the
// command in edge-kernels-wasm.ts. Pointers are byte offsets into this module's memory; a `points` pointer may
// lie before the staged chunk it addresses (point i at points + 12·i; i32 addresses wrap).

// In place [1,2,1]/4 over n steps of `width` floats from `at`, steps `block` floats apart (zero outside),
// in float32: out = 0.5·c + 0.25·(l + r), each operation rounded to float32 (fast-grid.ts binomialLine);
// `prev` (width floats) keeps the previous step's unblurred values.
function line(at: usize, n: i32, width: i32, block: i32, prev: usize): void {
  const quads = width & ~3;
  const step = <usize>block << 2;
  memory.fill(prev, 0, <usize>width << 2);
  const half = f32x4.splat(0.5), quarter = f32x4.splat(0.25), zero = f32x4.splat(0);
  let o = at;
  for (let i = 0; i < n; i++, o += step) {
    const last = i + 1 == n;
    let q = 0;
    for (; q < quads; q += 4) {
      const off = <usize>q << 2;
      const c = v128.load(o + off);
      const r = last ? zero : v128.load(o + step + off);
      v128.store(o + off, f32x4.add(f32x4.mul(half, c), f32x4.mul(quarter, f32x4.add(v128.load(prev + off), r))));
      v128.store(prev + off, c);
    }
    for (; q < width; q++) {
      const off = <usize>q << 2;
      const c = load<f32>(o + off);
      const r: f32 = last ? 0 : load<f32>(o + step + off);
      store<f32>(o + off, <f32>0.5 * c + <f32>0.25 * (load<f32>(prev + off) + r));
      store<f32>(prev + off, c);
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
 * ‖D‖ of each of the `voxels` voxels (S floats each) at `data` into its lane C: the squares summed in
 * float64, even and odd channels apart (two lanes), then added; with `scale` > 0 nn_vis's
 * uint32-wrapped norm (nn-vis-norm-wrap.ts wrappedNorm). An empty voxel's norm is 0 either way.
 */
export function norms(data: usize, voxels: i32, C: i32, S: i32, scale: f64): void {
  const step = <usize>S << 2, pairs = <usize>(C & ~1) << 2;
  let o = data;
  for (let v = 0; v < voxels; v++, o += step) {
    let acc = f64x2.splat(0);
    for (let c: usize = 0; c < pairs; c += 8) {
      const x = f64x2.promote_low_f32x4(v128.load64_zero(o + c));
      acc = f64x2.add(acc, f64x2.mul(x, x));
    }
    let even = f64x2.extract_lane(acc, 0);
    if (C & 1) { const x = <f64>load<f32>(o + pairs); even += x * x; }
    const sq = even + f64x2.extract_lane(acc, 1);
    let norm = 0.0;
    if (sq > 0) {
      norm = Math.sqrt(sq);
      if (scale > 0) {
        const x = norm * scale, q = x * x;
        norm = Math.sqrt(q - Math.floor(q / 4294967296.0) * 4294967296.0) / scale;
      }
    }
    store<f32>(o + (<usize>C << 2), <f32>norm);
  }
}

// One deposit of `splat`: the class vector a + t·(b − a) at (x, y, z) with `weight`, into the nearest
// voxel, if z is in [zLow, zHigh) and the voxel is inside the grid. Ten classes (S = 12, the common
// case) run unrolled with the edge's rows a and d = b − a in registers; other strides read the rows.
// @ts-ignore: decorator
@inline function deposit(grid: usize, nx: i32, ny: i32, nz: i32, S: i32, ox: f64, oy: f64, oz: f64, inv: f64, zLow: f64, zHigh: f64,
  x: f64, y: f64, z: f64, weight: f64, t: f64, va: usize, vb: usize, a0: v128, a1: v128, a2: v128, d0: v128, d1: v128, d2: v128): void {
  if (!(z >= zLow && z < zHigh)) return;
  const fi = Math.floor((x - ox) * inv + 0.5), fj = Math.floor((y - oy) * inv + 0.5), fk = Math.floor((z - oz) * inv + 0.5);
  if (!(fi >= 0 && fj >= 0 && fk >= 0 && fi < <f64>nx && fj < <f64>ny && fk < <f64>nz)) return;
  const at = grid + (<usize>(((<i32>fk * ny + <i32>fj) * nx + <i32>fi) * S) << 2), bytes = <usize>S << 2;
  const tv = f32x4.splat(<f32>t), wv = f32x4.splat(<f32>weight);
  if (bytes == 48) {
    v128.store(at, f32x4.add(v128.load(at), f32x4.mul(wv, f32x4.add(a0, f32x4.mul(tv, d0)))));
    v128.store(at, f32x4.add(v128.load(at, 16), f32x4.mul(wv, f32x4.add(a1, f32x4.mul(tv, d1)))), 16);
    v128.store(at, f32x4.add(v128.load(at, 32), f32x4.mul(wv, f32x4.add(a2, f32x4.mul(tv, d2)))), 32);
    return;
  }
  for (let off: usize = 0; off < bytes; off += 16) {
    const lo = v128.load(va + off);
    const val = f32x4.add(lo, f32x4.mul(tv, f32x4.sub(v128.load(vb + off), lo)));
    v128.store(at + off, f32x4.add(v128.load(at + off), f32x4.mul(wv, val)));
  }
}

/**
 * FastEdgeGap.splat: the points of edges [0, edgeCount) (xyz at `points`, edge e's from offsets[e])
 * whose z is in [zLow, zHigh), each into its nearest voxel with the trapezoid weight times `scale` (a
 * coarse level's points stand for `scale` fine segments each). Class vector rows (S float32 each,
 * zero past C) at table + 4·vecA[e] and table + 4·vecB[e]; the sample's vector a + t·(b − a) and the
 * deposits are float32, four lanes at a time.
 */
export function splat(points: usize, offsets: usize, edgeCount: i32, table: usize, vecA: usize, vecB: usize,
  grid: usize, nx: i32, ny: i32, nz: i32, S: i32, ox: f64, oy: f64, oz: f64, inv: f64, zLow: f64, zHigh: f64, scale: f64): void {
  const wide = S == 12;
  let a0 = f32x4.splat(0), a1 = a0, a2 = a0, d0 = a0, d1 = a0, d2 = a0;
  for (let e = 0; e < edgeCount; e++) {
    const first = load<i32>(offsets + (<usize>e << 2)), n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const va = table + (<usize>load<i32>(vecA + (<usize>e << 2)) << 2), vb = table + (<usize>load<i32>(vecB + (<usize>e << 2)) << 2);
    if (wide) {
      a0 = v128.load(va); a1 = v128.load(va, 16); a2 = v128.load(va, 32);
      d0 = f32x4.sub(v128.load(vb), a0); d1 = f32x4.sub(v128.load(vb, 16), a1); d2 = f32x4.sub(v128.load(vb, 32), a2);
    }
    for (let j = 0; j < n; j++) {
      const o = points + <usize>(first + j) * 12;
      const x = <f64>load<f32>(o), y = <f64>load<f32>(o, 4), z = <f64>load<f32>(o, 8);
      const weight = (j == 0 || j == n - 1 ? 0.5 : 1.0) * scale;
      const t = j == 0 ? 0.0 : j == n - 1 ? <f64>(n - 2) / <f64>n : (<f64>j - 0.5) / <f64>n;
      deposit(grid, nx, ny, nz, S, ox, oy, oz, inv, zLow, zHigh, x, y, z, weight, t, va, vb, a0, a1, a2, d0, d1, d2);
    }
  }
}

// Block `off` (bytes) of a sample's extended vector: a + t·(b − a) plus the similarity row.
// @ts-ignore: decorator
@inline function sampleBlock(va: usize, vb: usize, similarity: usize, tv: v128, off: usize): v128 {
  const lo = v128.load(va + off);
  return f32x4.add(f32x4.add(lo, f32x4.mul(tv, f32x4.sub(v128.load(vb + off), lo))), v128.load(similarity + off));
}

/**
 * FastEdgeGap.advect's gradient step for the interior points of edges [0, edgeCount) whose z is in
 * [zLow, zHigh), moved in place. The sample's vector v = a + t·(b − a) (float32, rows as in `splat`)
 * plus the row at `similarity` (zeros, −s in lane C) dotted with a voxel (C densities, ‖D‖) is
 * f = v·D − s·‖D‖; f at the sample's voxel and its three one-sided neighbours gives the gradient,
 * and the sample moves `step` along it (float64). With `half` (the sparse gradient, sparse-gradient.ts)
 * only the odd interior points read the gradient; then each even one moves by the mean of its
 * neighbours' moves, read against a copy of the edge's points at `before`.
 */
export function gradient(points: usize, offsets: usize, edgeCount: i32, table: usize, vecA: usize, vecB: usize, similarity: usize,
  grid: usize, nx: i32, ny: i32, nz: i32, C: i32, S: i32, lx: f64, ly: f64, lz: f64, inv: f64, step: f64,
  zLow: f64, zHigh: f64, half: i32, before: usize): void {
  const bytes = <usize>S << 2;
  // Ten classes (S = 12, the common case) run unrolled, with the edge's rows a and b − a in registers
  // and the similarity only where it is not zero (lane C, in the last block): the same floats.
  const wide = S == 12, sim2 = v128.load(similarity + 32);
  let a0 = f32x4.splat(0), a1 = a0, a2 = a0, b0 = a0, b1 = a0, b2 = a0;
  for (let e = 0; e < edgeCount; e++) {
    const first = load<i32>(offsets + (<usize>e << 2)), n = load<i32>(offsets + (<usize>(e + 1) << 2)) - first;
    const va = table + (<usize>load<i32>(vecA + (<usize>e << 2)) << 2), vb = table + (<usize>load<i32>(vecB + (<usize>e << 2)) << 2);
    if (wide) {
      a0 = v128.load(va); a1 = v128.load(va, 16); a2 = v128.load(va, 32);
      b0 = f32x4.sub(v128.load(vb), a0); b1 = f32x4.sub(v128.load(vb, 16), a1); b2 = f32x4.sub(v128.load(vb, 32), a2);
    }
    const edge = points + <usize>first * 12;
    if (half) memory.copy(before, edge, <usize>n * 12);
    for (let j = 1; j + 1 < n; j += 1 + half) {
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
      // The dot products v·D, block by block: each starts with its first block's products.
      let d0: v128, dx: v128, dy: v128, dz: v128;
      if (wide) {
        const v0 = f32x4.add(a0, f32x4.mul(tv, b0)), v1 = f32x4.add(a1, f32x4.mul(tv, b1));
        const v2 = f32x4.add(f32x4.add(a2, f32x4.mul(tv, b2)), sim2);
        d0 = f32x4.add(f32x4.add(f32x4.mul(v0, v128.load(o0)), f32x4.mul(v1, v128.load(o0, 16))), f32x4.mul(v2, v128.load(o0, 32)));
        dx = f32x4.add(f32x4.add(f32x4.mul(v0, v128.load(ox)), f32x4.mul(v1, v128.load(ox, 16))), f32x4.mul(v2, v128.load(ox, 32)));
        dy = f32x4.add(f32x4.add(f32x4.mul(v0, v128.load(oy)), f32x4.mul(v1, v128.load(oy, 16))), f32x4.mul(v2, v128.load(oy, 32)));
        dz = f32x4.add(f32x4.add(f32x4.mul(v0, v128.load(oz)), f32x4.mul(v1, v128.load(oz, 16))), f32x4.mul(v2, v128.load(oz, 32)));
      } else {
        const v = sampleBlock(va, vb, similarity, tv, 0);
        d0 = f32x4.mul(v, v128.load(o0)); dx = f32x4.mul(v, v128.load(ox)); dy = f32x4.mul(v, v128.load(oy)); dz = f32x4.mul(v, v128.load(oz));
        for (let off: usize = 16; off < bytes; off += 16) {
          const w = sampleBlock(va, vb, similarity, tv, off);
          d0 = f32x4.add(d0, f32x4.mul(w, v128.load(o0 + off)));
          dx = f32x4.add(dx, f32x4.mul(w, v128.load(ox + off)));
          dy = f32x4.add(dy, f32x4.mul(w, v128.load(oy + off)));
          dz = f32x4.add(dz, f32x4.mul(w, v128.load(oz + off)));
        }
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
    // With `half`, the even interior points move by the mean of their neighbours' moves.
    if (half) {
      for (let j = 2; j + 1 < n; j += 2) {
        const o = edge + <usize>j * 12, b = before + <usize>j * 12;
        const x = <f64>load<f32>(o), y = <f64>load<f32>(o, 4), z = <f64>load<f32>(o, 8);
        if (!(z >= zLow && z < zHigh)) continue;
        const ol = o - 12, bl = b - 12;
        const mx = (<f64>load<f32>(ol) - <f64>load<f32>(bl)) + (<f64>load<f32>(o, 12) - <f64>load<f32>(b, 12));
        const my = (<f64>load<f32>(ol, 4) - <f64>load<f32>(bl, 4)) + (<f64>load<f32>(o, 16) - <f64>load<f32>(b, 16));
        const mz = (<f64>load<f32>(ol, 8) - <f64>load<f32>(bl, 8)) + (<f64>load<f32>(o, 20) - <f64>load<f32>(b, 20));
        store<f32>(o, <f32>(x + 0.5 * mx)); store<f32>(o, <f32>(y + 0.5 * my), 4); store<f32>(o, <f32>(z + 0.5 * mz), 8);
      }
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

// compute/resample.ts finishTail: the tail rule and the end point after `written` points, the last at
// `out` (l: that point, p: the one before it, as float64); returns the polyline's point count.
function tail(sz: usize, out: usize, written: i32, lx: f64, ly: f64, lz: f64, px: f64, py: f64, pz: f64,
  sampleLen: f64, tailDrop: f64, tailMid: f64): i32 {
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

// f32x4 distance of each lane's pair of points (compute/resample.ts distance32).
// @ts-ignore: decorator
@inline function dist4(ax: v128, ay: v128, az: v128, bx: v128, by: v128, bz: v128): v128 {
  const dx = f32x4.sub(ax, bx), dy = f32x4.sub(ay, by), dz = f32x4.sub(az, bz);
  return f32x4.sqrt(f32x4.add(f32x4.add(f32x4.mul(dx, dx), f32x4.mul(dy, dy)), f32x4.mul(dz, dz)));
}

// The float32 at byte `off` of four points, one per lane.
// @ts-ignore: decorator
@inline function gather4(a: usize, b: usize, c: usize, d: usize, off: usize): v128 {
  let v = f32x4.splat(load<f32>(a + off));
  v = f32x4.replace_lane(v, 1, load<f32>(b + off));
  v = f32x4.replace_lane(v, 2, load<f32>(c + off));
  return f32x4.replace_lane(v, 3, load<f32>(d + off));
}

// Lane mask (all ones where true) of four flags.
// @ts-ignore: decorator
@inline function mask4(a: bool, b: bool, c: bool, d: bool): v128 {
  let v = i32x4.splat(a ? -1 : 0);
  v = i32x4.replace_lane(v, 1, b ? -1 : 0);
  v = i32x4.replace_lane(v, 2, c ? -1 : 0);
  return i32x4.replace_lane(v, 3, d ? -1 : 0);
}

// Stores lane `lane` of the point (qx, qy, qz) at `out`.
// @ts-ignore: decorator
@inline function put(out: usize, qx: v128, qy: v128, qz: v128, lane: u8): void {
  if (lane == 0) { v128.store32_lane(out, qx, 0); v128.store32_lane(out, qy, 0, 4); v128.store32_lane(out, qz, 0, 8); }
  else if (lane == 1) { v128.store32_lane(out, qx, 1); v128.store32_lane(out, qy, 1, 4); v128.store32_lane(out, qz, 1, 8); }
  else if (lane == 2) { v128.store32_lane(out, qx, 2); v128.store32_lane(out, qy, 2, 4); v128.store32_lane(out, qz, 2, 8); }
  else { v128.store32_lane(out, qx, 3); v128.store32_lane(out, qy, 3, 4); v128.store32_lane(out, qz, 3, 8); }
}

/**
 * compute/resample.ts resamplePolyline32 of up to four polylines at once, one per f32x4 lane, each lane
 * operation for operation as the JS function (the same bytes). One polyline's walk is a serial chain (a
 * square root, a division and an interpolation per emitted point) that leaves the core mostly idle;
 * four chains share each instruction. Per round every walking lane takes its next input point, then
 * emits while any lane's point is far enough (the others are masked); a lane that is done idles
 * (masked, re-reading its last point) until all are. `io` holds three i32 per lane: source pointer,
 * point count (replaced by the output's point count), output pointer; lanes past `used` are unused.
 */
function resampleQuad(io: usize, used: i32, sampleLen: f64, limit: i32, emitAt32: f32, tailDrop: f64, tailMid: f64): void {
  const zero = f32x4.splat(0), one = f32x4.splat(1), length = f32x4.splat(<f32>sampleLen);
  // An unused lane walks lane A's polyline, masked off.
  const sA = <usize>load<i32>(io), nA = load<i32>(io, 4);
  const sB = used > 1 ? <usize>load<i32>(io, 12) : sA, nB = used > 1 ? load<i32>(io, 16) : nA;
  const sC = used > 2 ? <usize>load<i32>(io, 24) : sA, nC = used > 2 ? load<i32>(io, 28) : nA;
  const sD = used > 3 ? <usize>load<i32>(io, 36) : sA, nD = used > 3 ? load<i32>(io, 40) : nA;
  let oA = <usize>load<i32>(io, 8), oB = <usize>load<i32>(io, 20), oC = <usize>load<i32>(io, 32), oD = <usize>load<i32>(io, 44);
  memory.copy(oA, sA, 12); if (used > 1) memory.copy(oB, sB, 12); if (used > 2) memory.copy(oC, sC, 12); if (used > 3) memory.copy(oD, sD, 12);
  let lx = gather4(sA, sB, sC, sD, 0), ly = gather4(sA, sB, sC, sD, 4), lz = gather4(sA, sB, sC, sD, 8);
  let px = lx, py = ly, pz = lz, cx = lx, cy = ly, cz = lz, dChecked = zero;
  let wA = 1, wB = 1, wC = 1, wD = 1, jA = 1, jB = 1, jC = 1, jD = 1;
  let onA = 1 < nA && 1 < limit, onB = used > 1 && 1 < nB && 1 < limit, onC = used > 2 && 1 < nC && 1 < limit, onD = used > 3 && 1 < nD && 1 < limit;
  while (onA || onB || onC || onD) {
    const aA = sA + <usize>(onA ? jA : nA - 1) * 12, aB = sB + <usize>(onB ? jB : nB - 1) * 12;
    const aC = sC + <usize>(onC ? jC : nC - 1) * 12, aD = sD + <usize>(onD ? jD : nD - 1) * 12;
    const nx = gather4(aA, aB, aC, aD, 0), ny = gather4(aA, aB, aC, aD, 4), nz = gather4(aA, aB, aC, aD, 8);
    let dNext = dist4(nx, ny, nz, lx, ly, lz);
    for (;;) {
      const eA = onA && wA < limit && f32x4.extract_lane(dNext, 0) >= emitAt32;
      const eB = onB && wB < limit && f32x4.extract_lane(dNext, 1) >= emitAt32;
      const eC = onC && wC < limit && f32x4.extract_lane(dNext, 2) >= emitAt32;
      const eD = onD && wD < limit && f32x4.extract_lane(dNext, 3) >= emitAt32;
      if (!(eA || eB || eC || eD)) break;
      const span = f32x4.sub(dNext, dChecked);
      let t = v128.bitselect(f32x4.div(f32x4.sub(length, dChecked), span), one, f32x4.gt(span, zero));
      t = f32x4.pmin(f32x4.pmax(t, zero), one);
      const qx = f32x4.add(cx, f32x4.mul(f32x4.sub(nx, cx), t));
      const qy = f32x4.add(cy, f32x4.mul(f32x4.sub(ny, cy), t));
      const qz = f32x4.add(cz, f32x4.mul(f32x4.sub(nz, cz), t));
      const m = mask4(eA, eB, eC, eD);
      px = v128.bitselect(lx, px, m); py = v128.bitselect(ly, py, m); pz = v128.bitselect(lz, pz, m);
      lx = v128.bitselect(qx, lx, m); ly = v128.bitselect(qy, ly, m); lz = v128.bitselect(qz, lz, m);
      cx = v128.bitselect(qx, cx, m); cy = v128.bitselect(qy, cy, m); cz = v128.bitselect(qz, cz, m);
      dChecked = v128.bitselect(zero, dChecked, m);
      dNext = v128.bitselect(dist4(nx, ny, nz, qx, qy, qz), dNext, m);
      if (eA) { oA += 12; wA++; put(oA, qx, qy, qz, 0); }
      if (eB) { oB += 12; wB++; put(oB, qx, qy, qz, 1); }
      if (eC) { oC += 12; wC++; put(oC, qx, qy, qz, 2); }
      if (eD) { oD += 12; wD++; put(oD, qx, qy, qz, 3); }
    }
    const on = mask4(onA, onB, onC, onD);
    cx = v128.bitselect(nx, cx, on); cy = v128.bitselect(ny, cy, on); cz = v128.bitselect(nz, cz, on);
    dChecked = v128.bitselect(dNext, dChecked, on);
    if (onA) { jA++; onA = jA < nA && wA < limit; }
    if (onB) { jB++; onB = jB < nB && wB < limit; }
    if (onC) { jC++; onC = jC < nC && wC < limit; }
    if (onD) { jD++; onD = jD < nD && wD < limit; }
  }
  store<i32>(io, tail(sA + <usize>(nA - 1) * 12, oA, wA, <f64>f32x4.extract_lane(lx, 0), <f64>f32x4.extract_lane(ly, 0), <f64>f32x4.extract_lane(lz, 0),
    <f64>f32x4.extract_lane(px, 0), <f64>f32x4.extract_lane(py, 0), <f64>f32x4.extract_lane(pz, 0), sampleLen, tailDrop, tailMid), 4);
  if (used > 1) store<i32>(io, tail(sB + <usize>(nB - 1) * 12, oB, wB, <f64>f32x4.extract_lane(lx, 1), <f64>f32x4.extract_lane(ly, 1), <f64>f32x4.extract_lane(lz, 1),
    <f64>f32x4.extract_lane(px, 1), <f64>f32x4.extract_lane(py, 1), <f64>f32x4.extract_lane(pz, 1), sampleLen, tailDrop, tailMid), 16);
  if (used > 2) store<i32>(io, tail(sC + <usize>(nC - 1) * 12, oC, wC, <f64>f32x4.extract_lane(lx, 2), <f64>f32x4.extract_lane(ly, 2), <f64>f32x4.extract_lane(lz, 2),
    <f64>f32x4.extract_lane(px, 2), <f64>f32x4.extract_lane(py, 2), <f64>f32x4.extract_lane(pz, 2), sampleLen, tailDrop, tailMid), 28);
  if (used > 3) store<i32>(io, tail(sD + <usize>(nD - 1) * 12, oD, wD, <f64>f32x4.extract_lane(lx, 3), <f64>f32x4.extract_lane(ly, 3), <f64>f32x4.extract_lane(lz, 3),
    <f64>f32x4.extract_lane(px, 3), <f64>f32x4.extract_lane(py, 3), <f64>f32x4.extract_lane(pz, 3), sampleLen, tailDrop, tailMid), 40);
}

/**
 * After `gradient`, per edge from `firstEdge` on (its points stay in L1): smoothing (schedule.ts window
 * ⌊n·percent·reductionAfter/100⌋, at least 1) and the float32 resample (resampleQuad) into `out` (offsets into
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
  // resampleQuad's lanes (12 bytes each) after the smoothing's scratch (3·bound float64).
  const io = prev + <usize>bound * 24;
  while (e < edgeCount) {
    // Up to four edges at once while their worst cases fit: edge i of the group is written after i
    // worst cases, then moved up behind the one before it.
    const used = min(min(4, edgeCount - e), (capacity - (cursor - outBase)) / bound);
    if (used <= 0) break;
    const dst = out + <usize>(cursor - outBase) * 12;
    for (let i = 0; i < used; i++) {
      const first = load<i32>(offsets + (<usize>(e + i) << 2)), n = load<i32>(offsets + (<usize>(e + i + 1) << 2)) - first;
      const at = points + <usize>first * 12;
      if (passes > 0) smooth(at, n, max(<i32>Math.floor((<f64>n * percent * reductionAfter) / 100), 1), passes, prev);
      store<i32>(io + <usize>i * 12, <i32>at); store<i32>(io + <usize>i * 12, n, 4); store<i32>(io + <usize>i * 12, <i32>(dst + <usize>(i * bound) * 12), 8);
    }
    resampleQuad(io, used, sampleLen, maxPoints - reserved, <f32>(tolerance * sampleLen), tailDrop, tailMid);
    let end = dst;
    for (let i = 0; i < used; i++) {
      const written = load<i32>(io + <usize>i * 12, 4), from = dst + <usize>(i * bound) * 12;
      if (from != end) memory.copy(end, from, <usize>written * 12);
      end += <usize>written * 12;
      cursor += written;
      store<i32>(outOffsets + (<usize>(e + i + 1) << 2), cursor);
    }
    for (let o = dst; o < end; o += 12) {
      const p = v128.load32_lane(o + 8, v128.load64_zero(o), 2);
      lo = f32x4.pmin(lo, p); hi = f32x4.pmax(hi, p);
    }
    e += used;
  }
  v128.store(bounds, lo); v128.store(bounds + 16, hi);
  return e;
}

// fast-grid.ts epanechnikovLine, operation for operation, four float32 lanes at a time: one pass over
// n steps of `block` floats (a multiple of 4) from `at`, neighbours `block` apart; `copy` receives the
// line's unblurred floats. Weights w_d = 1 − d²/ρ² for |d| ≤ reach, summed from d = −reach up.
function epanechnikovLine(at: usize, n: i32, block: i32, reach: i32, weights: usize, copy: usize): void {
  const step = <usize>block << 2;
  memory.copy(copy, at, <usize>n * step);
  for (let i = 0; i < n; i++) {
    const lo = max(-reach, -i), hi = min(reach, n - 1 - i);
    const o = at + <usize>i * step, from = copy + <usize>(i + lo) * step, w0 = weights + (<usize>(lo + reach) << 2);
    if (step == 48) { // one voxel of ten classes per step (the x pass): its three vectors at once
      let a0 = f32x4.splat(0), a1 = a0, a2 = a0;
      for (let d = 0, f = from, w = w0; d <= hi - lo; d++, f += 48, w += 4) {
        const wv = v128.load32_splat(w);
        a0 = f32x4.add(a0, f32x4.mul(wv, v128.load(f)));
        a1 = f32x4.add(a1, f32x4.mul(wv, v128.load(f, 16)));
        a2 = f32x4.add(a2, f32x4.mul(wv, v128.load(f, 32)));
      }
      v128.store(o, a0); v128.store(o, a1, 16); v128.store(o, a2, 32);
      continue;
    }
    for (let q: usize = 0; q < step; q += 16) {
      let acc = f32x4.splat(0);
      for (let d = 0, f = from + q, w = w0; d <= hi - lo; d++, f += step, w += 4) acc = f32x4.add(acc, f32x4.mul(v128.load32_splat(w), v128.load(f)));
      v128.store(o + q, acc);
    }
  }
}

/**
 * fast-grid.ts epanechnikovBlur2d of the flat nx·ny grid of S floats per voxel at `data`: along x row by
 * row, then along y; `scratch` holds the 2·reach + 1 float32 weights, then nx·ny·S floats of copy.
 */
export function epanechnikov2d(data: usize, nx: i32, ny: i32, S: i32, radius: f64, reach: i32, scratch: usize): void {
  const block = nx * S, inv = 1 / (radius * radius);
  for (let d = -reach; d <= reach; d++) store<f32>(scratch + (<usize>(d + reach) << 2), <f32>(1 - <f64>(d * d) * inv));
  const copy = scratch + (<usize>(2 * reach + 1) << 2);
  for (let r = 0; r < ny; r++) epanechnikovLine(data + (<usize>(r * block) << 2), nx, S, reach, scratch, copy);
  epanechnikovLine(data, ny, block, reach, scratch, copy);
}
