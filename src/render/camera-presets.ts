/**
 * nn_vis's named camera poses (reference/nn_vis.md §8.6, `utility/camera.py`): offsets from a base
 * point, the node mid-point, that the camera looks at with +y up. Pure maths, no three.js.
 */

/** A point or direction in world units. */
export type Vec3 = readonly [x: number, y: number, z: number];

/** Names accepted by the `camera_preset` trait (nn_vis's CameraPose names, lower case). */
export type CameraPresetName =
  | 'front'
  | 'right'
  | 'left'
  | 'lower_back_right'
  | 'back_right'
  | 'upper_back_left'
  | 'upper_back_right'
  | 'back'
  | 'default';

/** Camera offset from the base point per preset; nn_vis opens a network at `left`. */
export const CAMERA_PRESETS: Readonly<Record<CameraPresetName, Vec3>> = {
  front: [3.5, 0, 0],
  right: [0, 0, 2.5],
  left: [0, 0, -2.5],
  lower_back_right: [-2.75, -1, 1.25],
  back_right: [-2.5, 0, 2.5],
  upper_back_left: [-2, 2, -2],
  upper_back_right: [-2, 2, 2],
  back: [-4, 0, 0],
  default: [-3.5, 0, 0],
};

/** Every preset name. */
export const CAMERA_PRESET_NAMES = Object.keys(CAMERA_PRESETS) as readonly CameraPresetName[];

/** Camera position of preset `name` around `base`. */
export function presetPosition(name: CameraPresetName, base: Vec3): Vec3 {
  const o = CAMERA_PRESETS[name];
  return [base[0] + o[0], base[1] + o[1], base[2] + o[2]];
}

/**
 * nn_vis's orbit base: the average of the node bounding-box centre and the node centroid, with
 * z = 0 (nn_vis `models/network.py`). An empty position array gives the origin.
 *
 * @param positions N·3 floats, xyz per node
 */
export function nodeMidpoint(positions: Float32Array): Vec3 {
  const n = Math.floor(positions.length / 3);
  if (n === 0) return [0, 0, 0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    const x = positions[3 * i] as number;
    const y = positions[3 * i + 1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    sumX += x;
    sumY += y;
  }
  return [((minX + maxX) / 2 + sumX / n) / 2, ((minY + maxY) / 2 + sumY / n) / 2, 0];
}
