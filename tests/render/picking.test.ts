import { Matrix4, PerspectiveCamera, Vector3 } from 'three';
import { MIN_PICK_PIXELS, Picker, type PickCamera } from '../../src/render/picking';
import { VERTICES_PER_SEGMENT } from '../../src/render/segment-buffers';

const WIDTH = 400;
const HEIGHT = 300;

function camera(version = 1): { pick: PickCamera; project: (p: number[]) => [number, number] } {
  const cam = new PerspectiveCamera(45, WIDTH / HEIGHT, 0.1, 100);
  cam.position.set(0, 0, 3);
  cam.lookAt(0, 0, 0);
  cam.updateMatrixWorld();
  const vp = new Matrix4().multiplyMatrices(cam.projectionMatrix, cam.matrixWorldInverse);
  const focal = (cam.projectionMatrix.elements[5]! * HEIGHT) / 2;
  return {
    pick: { viewProjection: vp.elements, width: WIDTH, height: HEIGHT, focal, version },
    project: (p) => {
      const v = new Vector3(p[0], p[1], p[2]).project(cam);
      return [((v.x + 1) / 2) * WIDTH, ((1 - v.y) / 2) * HEIGHT];
    },
  };
}

// Node 0 at the origin, node 1 behind it (farther from the camera), node 2 hidden, node 3 off to the right.
const nodes = { positions: Float32Array.of(0, 0, 0, 0, 0, -1, 0.5, 0, 0, 0.8, 0.3, 0), norms: Float32Array.of(1, 1, 0, 1), objectRadius: 0.04 };
// Edge 7: a polyline (−0.6, −0.5, 0) → (0, −0.5, 0) → (0.6, −0.5, 0); edge 9: hidden, crossing it vertically.
const edges = {
  points: Float32Array.of(-0.6, -0.5, 0, 0, -0.5, 0, 0.6, -0.5, 0, 0.3, -0.8, 0, 0.3, -0.2, 0),
  pointOffsets: Int32Array.of(0, 3, 5),
  keptEdges: Int32Array.of(7, 9),
  imps: new Float32Array(3 * VERTICES_PER_SEGMENT).fill(0.5).fill(0, 2 * VERTICES_PER_SEGMENT),
  objectRadius: 0.02,
  version: 1,
};

describe('picking', () => {
  test('the front-most node under the pointer wins; hidden nodes are not pickable', () => {
    const { pick, project } = camera();
    const picker = new Picker();
    const [x, y] = project([0, 0, 0]);
    expect(picker.pick(x, y, pick, nodes, edges)).toEqual({ kind: 'node', id: 0 });
    const [hx, hy] = project([0.5, 0, 0]);
    expect(picker.pick(hx, hy, pick, nodes, null)).toBeNull();
    const [rx, ry] = project([0.8, 0.3, 0]);
    expect(picker.pick(rx + 2, ry - 1, pick, nodes, edges)).toEqual({ kind: 'node', id: 3 });
  });

  test('edges are picked within their drawn radius or MIN_PICK_PIXELS of their centre line', () => {
    const { pick, project } = camera();
    const picker = new Picker();
    const [x, y] = project([-0.3, -0.5, 0]);
    expect(picker.pick(x, y, pick, nodes, edges)).toEqual({ kind: 'edge', id: 7 });
    expect(picker.pick(x, y + MIN_PICK_PIXELS - 0.5, pick, nodes, edges)).toEqual({ kind: 'edge', id: 7 });
    expect(picker.pick(x, y + 3 * MIN_PICK_PIXELS, pick, nodes, edges)).toBeNull();
    // the hidden edge (imp 0) is not pickable where only it is drawn
    const [vx, vy] = project([0.3, -0.7, 0]);
    expect(picker.pick(vx, vy, pick, nodes, edges)).toBeNull();
    // without edges drawn, nothing
    expect(picker.pick(x, y, pick, nodes, null)).toBeNull();
  });

  test('projected points are recomputed when the camera or the geometry changes', () => {
    const picker = new Picker();
    const first = camera(1);
    const [x, y] = first.project([-0.3, -0.5, 0]);
    expect(picker.pick(x, y, first.pick, null, edges)).toEqual({ kind: 'edge', id: 7 });
    const moved = { ...edges, points: edges.points.map((v, i) => (i % 3 === 1 ? v + 0.3 : v)), version: 2 };
    expect(picker.pick(x, y, first.pick, null, moved)).toBeNull();
  });
});
