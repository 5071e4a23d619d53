/**
 * nn_vis's rel_depth (reference/nn_vis.md §8.4): 1 at the nearest and 0 at the farthest corner of
 * a box around the network, linear in view depth. nn_vis takes the padded density-grid box of the
 * first layer gap (`models/grid.py: get_near_far_from_view`), so deeper networks fall outside it
 * (rel_depth < 0: their far layers fade out). nnbundle takes the node bounding box padded by the
 * same 1.0 world unit on every side: identical in x and y for nn_vis's layouts (up to the node
 * spread), and covering every layer in z. Pure maths, no three.js.
 */

/** nn_vis's grid padding, world units on each side (`models/grid.py`, `extend_by`). */
export const DEPTH_BOX_PADDING = 1.0;

/** An axis-aligned box: min xyz then max xyz, world units. */
export type DepthBox = Float32Array;

/**
 * The node bounding box padded by DEPTH_BOX_PADDING, as [minX, minY, minZ, maxX, maxY, maxZ]
 * (a fresh array). Without nodes: the padding around the origin.
 *
 * @param positions N·3 floats, xyz per node
 */
export function depthBox(positions: Float32Array): DepthBox {
  const box = Float32Array.of(Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity);
  const n = Math.floor(positions.length / 3);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 3; a++) {
      const v = positions[3 * i + a] as number;
      if (v < (box[a] as number)) box[a] = v;
      if (v > (box[a + 3] as number)) box[a + 3] = v;
    }
  }
  for (let a = 0; a < 3; a++) {
    if (n === 0) {
      box[a] = 0;
      box[a + 3] = 0;
    }
    box[a] = (box[a] as number) - DEPTH_BOX_PADDING;
    box[a + 3] = (box[a + 3] as number) + DEPTH_BOX_PADDING;
  }
  return box;
}

/**
 * View-space z of the box's nearest corner (clamped to ≤ 0, as nn_vis clamps it) and farthest
 * corner, written into `out` as [near, far]; near > far. The shaders map a hit at view z to
 * rel_depth = (z − far) / (near − far), which equals nn_vis's ratio of clip-space z values.
 *
 * @param viewMatrix column-major 4×4 world → view matrix (three.js `matrixWorldInverse.elements`)
 */
export function viewDepthRange(box: DepthBox, viewMatrix: ArrayLike<number>, out: Float32Array): Float32Array {
  let near = -Infinity;
  let far = Infinity;
  for (let corner = 0; corner < 8; corner++) {
    const x = box[corner & 1 ? 3 : 0] as number;
    const y = box[corner & 2 ? 4 : 1] as number;
    const z = box[corner & 4 ? 5 : 2] as number;
    const vz = (viewMatrix[2] as number) * x + (viewMatrix[6] as number) * y + (viewMatrix[10] as number) * z + (viewMatrix[14] as number);
    if (vz > near) near = vz;
    if (vz < far) far = vz;
  }
  near = Math.min(near, 0);
  // A box entirely behind the camera: keep the range non-empty so the shaders never divide by 0.
  if (!(near > far)) far = near - 1e-6;
  out[0] = near;
  out[1] = far;
  return out;
}
