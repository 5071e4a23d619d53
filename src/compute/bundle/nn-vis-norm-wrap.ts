/**
 * nn_vis's wrapped density norm, for the `fast` engine. nn_vis stores densities as uint32 (integer
 * deposits of 10,000·value·i_c per segment and cell) and its `getGradientAxis` sums D_c·D_c in uint32,
 * so the ‖D‖ of the class repulsion s·‖D‖ wraps modulo 2³² once it reaches 65,536: in dense cells
 * the repulsion is a pseudo-random fraction of what it should be, and samples stay near their
 * bundles. The `exact` engine reproduces this on nn_vis's own integers (class-vectors.ts). `fast`
 * has other units (each point deposits mass 1 on voxels of its own size), so it converts its norm
 * to nn_vis's scale, wraps it there and converts back: scale = (nn_vis's deposit mass per segment)
 * × (nn_vis cell / fast cell)³ (docs/deviations.md F12).
 */
import { DENSITY_STRENGTH } from './constants';
import { segmentKernelValue } from './integrated-kernel';

const TWO_32 = 2 ** 32;

/**
 * The total density nn_vis deposits for one segment of length `length` at bandwidth `bandwidth` on
 * its grid of cell `cell` (Σ over cells of 10,000·value where that is ≥ 1), per unit class weight.
 */
export function nnVisSegmentMass(bandwidth: number, cell: number, length: number, halfLength: number): number {
  const reach = Math.ceil((bandwidth + length) / cell) + 2;
  // A segment along z, its midpoint off the cell centres (as a typical segment is).
  const ax = 0.31 * cell, ay = 0.17 * cell, az = 0.23 * cell - length / 2, bz = az + length, mz = (az + bz) / 2;
  // Cells farther than R from the midpoint get nothing: both ends of their integral are at least
  // 2·(|P − M| − halfLength) − length ≥ bandwidth of ellipse excess away. Skipping them keeps the sum's order.
  const R = ((bandwidth + length) / 2 + halfLength) * (1 + 1e-9);
  let sum = 0;
  for (let i = -reach; i <= reach; i++) {
    for (let j = -reach; j <= reach; j++) {
      const dx = (i + 0.5) * cell - ax, dy = (j + 0.5) * cell - ay, left = R * R - dx * dx - dy * dy;
      if (left < 0) continue;
      const h = Math.sqrt(left);
      const k0 = Math.max(-reach, Math.ceil((mz - h) / cell - 0.5) - 1), k1 = Math.min(reach, Math.floor((mz + h) / cell - 0.5) + 1);
      for (let k = k0; k <= k1; k++) {
        const value = segmentKernelValue((i + 0.5) * cell, (j + 0.5) * cell, (k + 0.5) * cell, ax, ay, az, ax, ay, bz, length, halfLength, bandwidth) * DENSITY_STRENGTH;
        if (value >= 1) sum += value;
      }
    }
  }
  return sum;
}

/** Factor from `fast` density on voxels of `fastCell` to nn_vis's integer density on cells of `nnCell`. */
export function nnVisDensityScale(segmentMass: number, nnCell: number, fastCell: number): number {
  const r = nnCell / fastCell;
  return segmentMass * r * r * r;
}

/** ‖D‖ as nn_vis computes it: converted by `scale`, its square wrapped modulo 2³², converted back. */
export function wrappedNorm(norm: number, scale: number): number {
  const x = norm * scale, sq = x * x;
  return Math.sqrt(sq - Math.floor(sq / TWO_32) * TWO_32) / scale;
}
