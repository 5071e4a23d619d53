import { classPalette, NN_VIS_CLASS_COLORS, writeClassColor } from '../../src/render/class-colors';

// nn_vis opengl_helper/shader_handler.py CLASS_COLOR (reference/nn_vis.md §8.5), as written there.
const NN_VIS = [
  [0.133, 0.545, 0.133],
  [0, 0, 0.545],
  [0.69, 0.188, 0.376],
  [1, 0.271, 0],
  [1, 1, 0],
  [0.871, 0.722, 0.529],
  [0, 1, 0],
  [0, 1, 1],
  [1, 0, 1],
  [0.392, 0.584, 0.929],
];

function rgbOf(p: Float32Array, c: number): [number, number, number] {
  return [p[3 * c] as number, p[3 * c + 1] as number, p[3 * c + 2] as number];
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.hypot((a[0] as number) - (b[0] as number), (a[1] as number) - (b[1] as number), (a[2] as number) - (b[2] as number));
}

describe('class colours', () => {
  test('classes 0-9 are exactly nn_vis colours, as float32', () => {
    const palette = classPalette(10);
    for (let c = 0; c < 10; c++) {
      expect(rgbOf(palette, c)).toEqual((NN_VIS[c] as number[]).map((v) => Math.fround(v)));
    }
    expect(Array.from(NN_VIS_CLASS_COLORS)).toEqual(NN_VIS.flat().map((v) => Math.fround(v)));
  });

  test('a palette for fewer classes is the prefix of the larger one', () => {
    expect(Array.from(classPalette(3))).toEqual(Array.from(classPalette(40)).slice(0, 9));
  });

  test('up to 58 classes every colour is visibly different from every other', () => {
    const palette = classPalette(58);
    let min = Infinity;
    for (let a = 0; a < 58; a++) {
      for (let b = a + 1; b < 58; b++) min = Math.min(min, distance(rgbOf(palette, a), rgbOf(palette, b)));
    }
    expect(min).toBeGreaterThan(0.09);
  });

  test('the 20 classes past nn_vis differ clearly from each other and from the ten', () => {
    const palette = classPalette(30);
    let min = Infinity;
    for (let a = 10; a < 30; a++) {
      for (let b = 0; b < a; b++) min = Math.min(min, distance(rgbOf(palette, a), rgbOf(palette, b)));
    }
    expect(min).toBeGreaterThan(0.13);
  });

  test('extension colours are valid and never near-white (they would vanish on the light background)', () => {
    const out = new Float32Array(3);
    for (let c = 10; c < 500; c++) {
      writeClassColor(c, out, 0);
      for (const v of out) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(Math.min(...out)).toBeLessThan(0.75);
    }
  });

  test('the palette is deterministic', () => {
    expect(Array.from(classPalette(100))).toEqual(Array.from(classPalette(100)));
  });
});
