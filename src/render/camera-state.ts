/**
 * The camera as the `_camera` trait carries it between the kernel and every view of a model:
 * `{position, target, up}`, each three world-unit numbers. Values from outside are checked here.
 */
import type { Vec3 } from './camera-presets';

/** Where the camera is, what it looks at, and which way is up. */
export interface CameraState {
  readonly position: Vec3;
  readonly target: Vec3;
  readonly up: Vec3;
}

function vec3(value: unknown): Vec3 | null {
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [x, y, z] = value as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || typeof z !== 'number') return null;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return null;
  return [x, y, z];
}

/**
 * A camera state from an untrusted trait value, or `null` when it is empty or malformed (missing
 * keys, wrong lengths, non-finite numbers, or a position equal to the target).
 */
export function parseCameraState(value: unknown): CameraState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const position = vec3(v.position);
  const target = vec3(v.target);
  const up = vec3(v.up);
  if (!position || !target || !up) return null;
  if (position[0] === target[0] && position[1] === target[1] && position[2] === target[2]) return null;
  return { position, target, up };
}

/** Whether two states differ by no more than `tolerance` in any coordinate. */
export function cameraStatesClose(a: CameraState, b: CameraState, tolerance = 1e-6): boolean {
  for (const key of ['position', 'target', 'up'] as const) {
    for (let i = 0; i < 3; i++) {
      if (Math.abs((a[key][i] as number) - (b[key][i] as number)) > tolerance) return false;
    }
  }
  return true;
}
