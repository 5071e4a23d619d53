/**
 * Where a node is drawn and with what, for the browser tests' hook: its screen position, the
 * colour bytes and alpha term uploaded for it, its radius and view-space centre, and the depth
 * range rel_depth is measured in, so a test can recompute nn_vis's formulas for its pixels.
 */
import { Vector3, type Camera } from 'three';
import { viewDepthRange, type DepthBox } from './depth-range';
import type { NodeLayer } from './node-layer';

/** A node as drawn, for tests: where, its colour bytes (rgb, alpha term), radius and depth. */
export interface NodeProbe {
  /** Centre on the canvas, CSS pixels from the top-left. */
  readonly x: number;
  readonly y: number;
  /** Mode colour and alpha term w as uploaded, 0..255. */
  readonly color: readonly [number, number, number, number];
  /** Sphere radius, world units (0 when hidden). */
  readonly radius: number;
  /** The sphere centre in view space (the camera looks along −z). */
  readonly view: readonly [number, number, number];
  /** View-space z of the depth box's near and far corners (depth-range.ts). */
  readonly depthNear: number;
  readonly depthFar: number;
}

const scratch = new Vector3();
const range = new Float32Array(2);

/**
 * Where node `id` (position in `positions`, N·3) is drawn by `camera` in a `width`×`height` CSS
 * pixel view, from the top-left; null when unknown.
 */
export function projectNode(id: number, positions: Float32Array, camera: Camera, width: number, height: number): { x: number; y: number } | null {
  if (!Number.isInteger(id) || id < 0 || 3 * id + 2 >= positions.length || width <= 0) return null;
  scratch.set(positions[3 * id] as number, positions[3 * id + 1] as number, positions[3 * id + 2] as number).project(camera);
  return { x: ((scratch.x + 1) / 2) * width, y: ((1 - scratch.y) / 2) * height };
}

/** Node `id` of `nodes` as drawn by `camera`; null when unknown. */
export function probeNode(id: number, nodes: NodeLayer, camera: Camera, box: DepthBox, width: number, height: number): NodeProbe | null {
  const p = nodes.positions;
  const at = projectNode(id, p, camera, width, height);
  if (!at) return null;
  const c = nodes.colors;
  camera.updateMatrixWorld();
  scratch.set(p[3 * id] as number, p[3 * id + 1] as number, p[3 * id + 2] as number).applyMatrix4(camera.matrixWorldInverse);
  viewDepthRange(box, camera.matrixWorldInverse.elements, range);
  return {
    ...at,
    color: [c[4 * id] as number, c[4 * id + 1] as number, c[4 * id + 2] as number, c[4 * id + 3] as number],
    radius: nodes.objectRadius * (nodes.norms[id] as number),
    view: [scratch.x, scratch.y, scratch.z],
    depthNear: range[0] as number,
    depthFar: range[1] as number,
  };
}
