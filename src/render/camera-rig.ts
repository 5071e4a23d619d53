/**
 * The perspective camera and its orbit controls, with nn_vis's conventions (reference/nn_vis.md
 * §1, §8.6): 45° field of view, near 0.1, far 100, +y up, orbiting a base point (the node
 * mid-point), preset poses by name, optional auto-rotation.
 */
import { PerspectiveCamera } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { CAMERA_PRESETS, type CameraPresetName, type Vec3 } from './camera-presets';
import type { CameraState } from './camera-state';

/** nn_vis's projection: 45° vertical field of view, near 0.1, far 100 (`utility/camera.py`). */
export const FOV_DEGREES = 45;
const NEAR = 0.1;
const FAR = 100;
// nn_vis turns 0.5° per frame; at 60 frames per second that is 30°/s. OrbitControls turns
// 6°/s per unit of autoRotateSpeed when given the frame time.
const AUTO_ROTATE_SPEED = 5;
const UP: Vec3 = [0, 1, 0];

/** Camera plus orbit controls bound to one canvas. */
export class CameraRig {
  /** The camera the scene is drawn from. */
  readonly camera = new PerspectiveCamera(FOV_DEGREES, 1, NEAR, FAR);
  private readonly controls: OrbitControls;
  private base: Vec3 = [0, 0, 0];
  private jumping = false;

  /**
   * @param domElement   element that receives pointer input (the canvas)
   * @param onMove       called whenever the camera moves continuously (user input or
   *                     auto-rotation), not for jumps to a given pose (`setState`, presets)
   * @param onUserEnd    called when a user drag or zoom gesture ends
   */
  constructor(domElement: HTMLElement, onMove: () => void, onUserEnd: () => void) {
    this.camera.up.set(UP[0], UP[1], UP[2]);
    this.controls = new OrbitControls(this.camera, domElement);
    this.controls.autoRotateSpeed = AUTO_ROTATE_SPEED;
    this.applyPreset('left');
    this.controls.addEventListener('change', () => {
      if (!this.jumping) onMove();
    });
    this.controls.addEventListener('end', onUserEnd);
  }

  /** Sets the aspect ratio (width / height) of the view. */
  setAspect(aspect: number): void {
    this.camera.aspect = aspect;
    this.camera.updateProjectionMatrix();
  }

  /** Sets the base point presets are placed around (nn_vis: the node mid-point). */
  setBase(base: Vec3): void {
    this.base = base;
  }

  /** Moves the camera to preset `name` around the base point, looking at it. */
  applyPreset(name: CameraPresetName): void {
    const o = CAMERA_PRESETS[name];
    const b = this.base;
    this.setState({ position: [b[0] + o[0], b[1] + o[1], b[2] + o[2]], target: b, up: UP });
  }

  /** Turns auto-rotation around the target on or off. */
  setAutoRotate(on: boolean): void {
    this.controls.autoRotate = on;
  }

  /** Whether auto-rotation is on. */
  get autoRotating(): boolean {
    return this.controls.autoRotate;
  }

  /** Advances auto-rotation by `dtSeconds`; returns true when the camera moved. */
  tick(dtSeconds: number): boolean {
    return this.controls.update(dtSeconds);
  }

  /** The current pose; `up` is always +y (the orbit turns about the world y axis, as nn_vis's). */
  getState(): CameraState {
    const p = this.camera.position;
    const t = this.controls.target;
    return { position: [p.x, p.y, p.z], target: [t.x, t.y, t.z], up: UP };
  }

  /** Moves the camera to `state` (its `up` is not applied: the orbit keeps +y up). */
  setState(state: CameraState): void {
    this.camera.position.set(state.position[0], state.position[1], state.position[2]);
    this.controls.target.set(state.target[0], state.target[1], state.target[2]);
    this.camera.lookAt(this.controls.target);
    this.jumping = true;
    this.controls.update();
    this.jumping = false;
  }

  /** Removes the pointer listeners from the canvas. */
  dispose(): void {
    this.controls.dispose();
  }
}
