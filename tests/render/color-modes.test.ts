import { classPalette } from '../../src/render/class-colors';
import { HIDDEN, nodeColors, type ColorStyle } from '../../src/render/color-modes';

// Two classes. Hand-checked values below use nn_vis's class 0 (0.133, 0.545, 0.133) and class 1 (0, 0, 0.545).
//   node 0: i = (0.6, 0.2): shares (0.75, 0.25), mean 0.4, ‖i‖ = √0.4 = 0.632456
//   node 1: i = (0, 1):     shares (0, 1),      mean 0.5, ‖i‖ = 1
//   node 2: i = (0, 0):     no importance, always hidden
//   node 3: i = (0.003, 0.004): ‖i‖ = 0.005, hidden by the default threshold 0.01
const net = {
  numClasses: 2,
  nodeImportance: Float32Array.of(0.6, 0.2, 0, 1, 0, 0, 0.003, 0.004),
};

function style(over: Partial<ColorStyle> = {}): ColorStyle {
  return { mode: 'all', showClass: 0, palette: classPalette(2), ink: [0, 0, 0], nodeThreshold: 0.01, edgeThreshold: 0.01, ...over };
}

function rgba(out: Float32Array, i: number): number[] {
  return Array.from(out.subarray(4 * i, 4 * i + 4));
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, k) => expect(v).toBeCloseTo(expected[k] as number, 5));
}

describe('node colours (nn_vis §8.5)', () => {
  test('All: convex mix of class colours by share, alpha term = mean importance', () => {
    const out = new Float32Array(16);
    nodeColors(net, style(), out);
    expectClose(rgba(out, 0), [0.75 * 0.133, 0.75 * 0.545, 0.75 * 0.133 + 0.25 * 0.545, 0.4]);
    expectClose(rgba(out, 1), [0, 0, 0.545, 0.5]);
  });

  test('Independent: the ink colour, alpha term = mean importance', () => {
    const out = new Float32Array(16);
    nodeColors(net, style({ mode: 'independent', ink: [1, 1, 1] }), out);
    expectClose(rgba(out, 0), [1, 1, 1, 0.4]);
    expectClose(rgba(out, 1), [1, 1, 1, 0.5]);
  });

  test('Class k: colour_k scaled by share_k, alpha term = share_k', () => {
    const out = new Float32Array(16);
    nodeColors(net, style({ mode: 'class', showClass: 1 }), out);
    expectClose(rgba(out, 0), [0, 0, 0.25 * 0.545, 0.25]);
    expectClose(rgba(out, 1), [0, 0, 0.545, 1]);
  });

  test('threshold ≥ ‖i‖ hides a node, and so does zero importance', () => {
    const out = new Float32Array(16);
    nodeColors(net, style(), out);
    expect(out[4 * 2 + 3]).toBe(HIDDEN);
    expect(out[4 * 3 + 3]).toBe(HIDDEN);
    nodeColors(net, style({ nodeThreshold: 0.004 }), out);
    expect(out[4 * 3 + 3]).toBeCloseTo(0.0035, 6);
    // exactly at the norm: hidden (nn_vis discards when threshold ≥ ‖i‖)
    nodeColors(net, style({ nodeThreshold: 1 }), out);
    expect(out[4 * 1 + 3]).toBe(HIDDEN);
  });

  test('a class outside the network is refused before anything is written', () => {
    const out = new Float32Array(16).fill(7);
    expect(() => nodeColors(net, style({ mode: 'class', showClass: 2 }), out)).toThrow(/show_class = 2/);
    expect(Array.from(out).every((v) => v === 7)).toBe(true);
  });
});
