import { PerspectiveCamera, Vector3 } from 'three';
import { DEPTH_BOX_PADDING, depthBox, viewDepthRange } from '../../src/render/depth-range';

describe('rel_depth box (nn_vis §8.4)', () => {
  test('the box is the node bounding box padded by nn_vis\'s 1.0 grid padding', () => {
    const box = depthBox(Float32Array.of(-0.5, -0.25, -0.6, 0.5, 0.25, 0.6, 0, 0, 0));
    expect(Array.from(box)).toEqual([-1.5, -1.25, Math.fround(-1.6), 1.5, 1.25, Math.fround(1.6)]);
    expect(DEPTH_BOX_PADDING).toBe(1);
    expect(Array.from(depthBox(new Float32Array(0)))).toEqual([-1, -1, -1, 1, 1, 1]);
  });

  test('near and far are the view depths of the nearest and farthest corner; rel_depth equals nn_vis\'s clip-z ratio', () => {
    const camera = new PerspectiveCamera(45, 4 / 3, 0.1, 100);
    camera.position.set(-2, 2, 2.5);
    camera.lookAt(0, 0, 0);
    camera.updateMatrixWorld();
    const box = depthBox(Float32Array.of(-0.5, -0.5, -0.6, 0.5, 0.5, 0.6));
    const [near, far] = viewDepthRange(box, camera.matrixWorldInverse.elements, new Float32Array(2));
    const corners: number[] = [];
    for (let c = 0; c < 8; c++) {
      const p = new Vector3(box[c & 1 ? 3 : 0], box[c & 2 ? 4 : 1], box[c & 4 ? 5 : 2]).applyMatrix4(camera.matrixWorldInverse);
      corners.push(p.z);
    }
    expect(near).toBeCloseTo(Math.max(...corners), 5);
    expect(far).toBeCloseTo(Math.min(...corners), 5);
    // nn_vis: (z_clip(hit) − z_clip(far)) / (z_clip(near) − z_clip(far)), clip z before the divide
    const clipZ = (viewZ: number) => camera.projectionMatrix.elements[10]! * viewZ + camera.projectionMatrix.elements[14]!;
    const hit = -2.9;
    const nnVis = (clipZ(hit) - clipZ(far as number)) / (clipZ(near as number) - clipZ(far as number));
    expect((hit - (far as number)) / ((near as number) - (far as number))).toBeCloseTo(nnVis, 6);
  });

  test('the near value is clamped to ≤ 0 as nn_vis clamps it (camera inside the box)', () => {
    const camera = new PerspectiveCamera(45, 1, 0.1, 100);
    camera.position.set(0, 0, 0.2);
    camera.updateMatrixWorld();
    const [near, far] = viewDepthRange(depthBox(Float32Array.of(0, 0, 0)), camera.matrixWorldInverse.elements, new Float32Array(2));
    expect(near).toBe(0);
    expect(far).toBeCloseTo(-1.2, 5);
  });
});
