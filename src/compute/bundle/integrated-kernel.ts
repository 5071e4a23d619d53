/**
 * nn_vis's density kernel (grid/*_density_map.comp `density_estimation`): the Epanechnikov profile
 * 1−u² integrated along the line from a grid cell's centre towards the kernel centre, over the cell's
 * extent ±cell·CELL_SCALE. Used by the `exact` engine; scalars in, scalar out (no allocation).
 */

// Math functions bound once: a global `Math` lookup per call is ~30× slower in vm contexts (jest).
const { abs, sqrt } = Math;

/** Antiderivative of the Epanechnikov profile: F(u) = u − u³/3 (F(1) = 2/3). */
export function epanechnikovIntegral(u: number): number {
  return u - (u * u * u) / 3;
}

/**
 * nn_vis ellipse excess of point P against segment AB: |P−A| + |P−B| − |AB| (0 on the segment,
 * about twice the Euclidean distance away from it).
 */
export function ellipseExcess(
  px: number, py: number, pz: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
  lengthAB: number,
): number {
  const dax = px - ax, day = py - ay, daz = pz - az;
  const dbx = px - bx, dby = py - by, dbz = pz - bz;
  return sqrt(dax * dax + day * day + daz * daz) + sqrt(dbx * dbx + dby * dby + dbz * dbz) - lengthAB;
}

/**
 * The integrated kernel value from two signed-side distances (nn_vis: clamp both to bw, divide by bw,
 * negate the far side when the centre lies between the sides, then |F(e) − F(s)|). Returns 0 when both
 * sides lie outside the bandwidth.
 */
export function integratedValue(startDistance: number, endDistance: number, centreBetween: boolean, bandwidth: number): number {
  if (!(startDistance < bandwidth || endDistance < bandwidth)) return 0;
  let s = (startDistance > bandwidth ? bandwidth : startDistance) / bandwidth;
  const e = (endDistance > bandwidth ? bandwidth : endDistance) / bandwidth;
  if (centreBetween) s = -s;
  return abs(epanechnikovIntegral(e) - epanechnikovIntegral(s));
}

/**
 * Kernel value of a point centre C at the cell centred on P (nn_vis node_density_map.comp).
 * `halfLength` is cell·CELL_SCALE. Returns 0 when P = C (nn_vis normalises a zero vector: NaN, no deposit).
 */
export function pointKernelValue(
  px: number, py: number, pz: number,
  cx: number, cy: number, cz: number,
  halfLength: number, bandwidth: number,
): number {
  const vx = cx - px, vy = cy - py, vz = cz - pz;
  const len = sqrt(vx * vx + vy * vy + vz * vz);
  if (len === 0) return 0;
  const ox = (vx / len) * halfLength, oy = (vy / len) * halfLength, oz = (vz / len) * halfLength;
  // start = far side of the cell seen from C (P − dir·h), end = near side (P + dir·h).
  const sx = vx + ox, sy = vy + oy, sz = vz + oz;
  const ex = vx - ox, ey = vy - oy, ez = vz - oz;
  const start = sqrt(sx * sx + sy * sy + sz * sz);
  const end = sqrt(ex * ex + ey * ey + ez * ez);
  const cross = ex * sx + ey * sy + ez * sz;
  return integratedValue(start, end, cross < 0, bandwidth);
}

/**
 * Kernel value of segment AB (midpoint M) at the cell centred on P (nn_vis sample_density_map.comp):
 * the same integral with the ellipse excess as the distance, sides taken along the direction P→M.
 */
export function segmentKernelValue(
  px: number, py: number, pz: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
  lengthAB: number, halfLength: number, bandwidth: number,
): number {
  const mx = (ax + bx) * 0.5, my = (ay + by) * 0.5, mz = (az + bz) * 0.5;
  const vx = mx - px, vy = my - py, vz = mz - pz;
  const len = sqrt(vx * vx + vy * vy + vz * vz);
  if (len === 0) return 0;
  const ox = (vx / len) * halfLength, oy = (vy / len) * halfLength, oz = (vz / len) * halfLength;
  const start = ellipseExcess(px - ox, py - oy, pz - oz, ax, ay, az, bx, by, bz, lengthAB);
  const end = ellipseExcess(px + ox, py + oy, pz + oz, ax, ay, az, bx, by, bz, lengthAB);
  // nn_vis: cross_center = dot(M − (P + o), M − (P − o)) < 0 ⇔ M lies between the two sides.
  const cross = (vx - ox) * (vx + ox) + (vy - oy) * (vy + oy) + (vz - oz) * (vz + oz);
  return integratedValue(start, end, cross < 0, bandwidth);
}
