import { classPalette } from '../../src/render/class-colors';
import { edgePointColors, HIDDEN, nodeColors, nodeDisplayColors, type ColorStyle } from '../../src/render/color-modes';

// Two classes. Hand-checked values below use nn_vis's class 0 (0.133, 0.545, 0.133) and class 1 (0, 0, 0.545).
//   node 0: i = (0.6, 0.2): shares (0.75, 0.25), mean 0.4, ‖i‖ = √0.4 = 0.632456
//   node 1: i = (0, 1):     shares (0, 1),      mean 0.5, ‖i‖ = 1
//   node 2: i = (0, 0):     no importance, always hidden
//   node 3: i = (0.003, 0.004): ‖i‖ = 0.005, hidden by the default threshold 0.01
const net = {
  numClasses: 2,
  nodeImportance: Float32Array.of(0.6, 0.2, 0, 1, 0, 0, 0.003, 0.004),
  // edge 0: node 0 → node 1, α 0.5; edge 1: node 2 → node 1, α 1; edge 2: node 3 → node 1, α 1
  edgeSource: Int32Array.of(0, 2, 3),
  edgeTarget: Int32Array.of(1, 1, 1),
  edgeAlpha: Float32Array.of(0.5, 1, 1),
};
// Polylines: edge 0 with three points (u = 0, 0.5, 1), edge 1 with two.
const geometry = { keptEdges: Int32Array.of(0, 1), pointOffsets: Int32Array.of(0, 3, 5) };

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

  test('opaque display: All keeps the mix; Class k fades to the background by share_k and hides share 0', () => {
    const raw = new Float32Array(16);
    nodeColors(net, style(), raw);
    const shown = new Float32Array(16);
    nodeDisplayColors(raw, 'all', [1, 1, 1], shown);
    expectClose(rgba(shown, 1), [0, 0, 0.545, 1]);
    expect(shown[4 * 2 + 3]).toBe(HIDDEN);

    nodeColors(net, style({ mode: 'class', showClass: 1 }), raw);
    nodeDisplayColors(raw, 'class', [1, 1, 1], shown);
    // rgb·a + white·(1 − a) with rgb = (0, 0, 0.13625), a = 0.25
    expectClose(rgba(shown, 0), [0.75, 0.75, 0.13625 * 0.25 + 0.75, 1]);
    nodeColors(net, style({ mode: 'class', showClass: 0 }), raw);
    nodeDisplayColors(raw, 'class', [1, 1, 1], shown);
    expect(shown[4 * 1 + 3]).toBe(HIDDEN);
  });
});

describe('edge point colours (nn_vis §8.1, §8.5)', () => {
  test('All: colour interpolates the end nodes mixes, alpha = lerp(‖i_s‖, ‖i_t‖)·α/√C', () => {
    const out = new Float32Array(20);
    edgePointColors(net, geometry, style(), out);
    const a0 = 0.632456 * 0.5 / Math.SQRT2;
    const a1 = ((0.632456 + 1) / 2) * 0.5 / Math.SQRT2;
    const a2 = 0.5 / Math.SQRT2;
    expectClose(rgba(out, 0), [0.75 * 0.133, 0.75 * 0.545, 0.75 * 0.133 + 0.25 * 0.545, a0]);
    expectClose(rgba(out, 1), [0.375 * 0.133, 0.375 * 0.545, (0.75 * 0.133 + 0.25 * 0.545 + 0.545) / 2, a1]);
    // the last point has exactly the target node's colour (pure class 1 for the output node)
    expectClose(rgba(out, 2), [0, 0, 0.545, a2]);
  });

  test('Class k: alpha interpolates share_k from source to target', () => {
    const out = new Float32Array(20);
    edgePointColors(net, geometry, style({ mode: 'class', showClass: 1 }), out);
    expectClose(rgba(out, 0), [0, 0, 0.25 * 0.545, 0.25]);
    expectClose(rgba(out, 1), [0, 0, 0.625 * 0.545, 0.625]);
    expectClose(rgba(out, 2), [0, 0, 0.545, 1]);
  });

  test('threshold ≥ α·mean(source) hides every point of the edge', () => {
    const out = new Float32Array(20);
    // edge 0 scores 0.5 · 0.4 = 0.2; edge 1 (source without importance) scores 0
    edgePointColors(net, geometry, style({ edgeThreshold: 0.19 }), out);
    expect([out[3], out[7], out[11]].every((a) => (a as number) > 0)).toBe(true);
    expect([out[15], out[19]]).toEqual([HIDDEN, HIDDEN]);
    // exactly at the score (of the float32 inputs): hidden, as nn_vis discards when threshold ≥ score
    const score = (0.5 * (Math.fround(0.6) + Math.fround(0.2))) / 2;
    edgePointColors(net, geometry, style({ edgeThreshold: score }), out);
    expect([out[3], out[7], out[11]]).toEqual([HIDDEN, HIDDEN, HIDDEN]);
  });

  test('Independent: ink colour along the whole edge', () => {
    const out = new Float32Array(20);
    edgePointColors(net, geometry, style({ mode: 'independent', ink: [0, 0, 0], edgeThreshold: 0 }), out);
    for (let p = 0; p < 3; p++) expectClose(rgba(out, p).slice(0, 3), [0, 0, 0]);
  });
});
