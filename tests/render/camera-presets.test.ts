import { CAMERA_PRESET_NAMES, nodeMidpoint, presetPosition } from '../../src/render/camera-presets';
import { cameraStatesClose, parseCameraState } from '../../src/render/camera-state';

describe('camera presets (nn_vis §8.6)', () => {
  test('every nn_vis pose is the base plus its offset', () => {
    const base = [0.25, -0.5, 0] as const;
    const expected: Record<string, [number, number, number]> = {
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
    expect([...CAMERA_PRESET_NAMES].sort()).toEqual(Object.keys(expected).sort());
    for (const name of CAMERA_PRESET_NAMES) {
      const o = expected[name] as [number, number, number];
      expect(presetPosition(name, base)).toEqual([0.25 + o[0], -0.5 + o[1], o[2]]);
    }
  });

  test('the base is the mean of bounding-box centre and centroid, at z = 0', () => {
    // bbox x [0, 1] y [0, 2] → centre (0.5, 1); centroid (0.75, 0.5)
    const positions = Float32Array.of(0, 0, -0.6, 1, 0, -0.2, 1, 0, 0.2, 1, 2, 0.6);
    const [x, y, z] = nodeMidpoint(positions);
    expect(x).toBeCloseTo(0.625, 6);
    expect(y).toBeCloseTo(0.75, 6);
    expect(z).toBe(0);
  });
});

describe('camera state from the _camera trait', () => {
  const good = { position: [1, 2, 3], target: [0, 0, 0], up: [0, 1, 0] };

  test('a well-formed state is read as is', () => {
    expect(parseCameraState(good)).toEqual(good);
  });

  test.each([
    ['empty', {}],
    ['null', null],
    ['a short vector', { ...good, position: [1, 2] }],
    ['a non-finite number', { ...good, target: [0, Number.NaN, 0] }],
    ['a string number', { ...good, up: [0, '1', 0] }],
    ['position equal to target', { ...good, position: [0, 0, 0] }],
  ])('%s is ignored', (_label, value) => {
    expect(parseCameraState(value)).toBeNull();
  });

  test('closeness compares every coordinate', () => {
    const a = parseCameraState(good);
    const b = parseCameraState({ ...good, target: [0, 0, 1e-3] });
    expect(a && b && cameraStatesClose(a, a)).toBe(true);
    expect(a && b && cameraStatesClose(a, b)).toBe(false);
  });
});
