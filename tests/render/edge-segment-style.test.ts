import { classPalette } from '../../src/render/class-colors';
import type { ColorStyle } from '../../src/render/color-modes';
import { edgeSegmentStyle } from '../../src/render/edge-segment-style';
import { VERTICES_PER_SEGMENT } from '../../src/render/segment-buffers';

// Two classes; nn_vis's class 0 (0.133, 0.545, 0.133) and class 1 (0, 0, 0.545).
//   node 0: i = (0.6, 0.2): shares (0.75, 0.25), mean 0.4, ‖i‖ = √0.4
//   node 1: i = (0, 1):     output node, pure class 1, ‖i‖ = 1
//   node 2: i = (0, 0):     no importance
const net = {
  numClasses: 2,
  nodeImportance: Float32Array.of(0.6, 0.2, 0, 1, 0, 0),
  // edge 0: 0 → 1, α 0.5 (score 0.2); edge 1: 2 → 1, α 1 (score 0)
  edgeSource: Int32Array.of(0, 2),
  edgeTarget: Int32Array.of(1, 1),
  edgeAlpha: Float32Array.of(0.5, 1),
};
// Edge 0 has 4 points (segments j = 0, 1, 2 with t = 1/4, 2/4, 3/4), edge 1 has 2 points (one segment, t = 1/2).
const geometry = { keptEdges: Int32Array.of(0, 1), pointOffsets: Int32Array.of(0, 4, 6) };
const SEGMENTS = 4;
const NORM0 = Math.sqrt(Math.fround(0.6) ** 2 + Math.fround(0.2) ** 2);

function style(over: Partial<ColorStyle> = {}): ColorStyle {
  return { mode: 'all', showClass: 0, palette: classPalette(2), ink: [0, 0, 0], nodeThreshold: 0.01, edgeThreshold: 0.01, ...over };
}

function run(s: ColorStyle) {
  const colors = new Uint8Array(SEGMENTS * VERTICES_PER_SEGMENT * 4);
  const imps = new Float32Array(SEGMENTS * VERTICES_PER_SEGMENT);
  edgeSegmentStyle(net, geometry, s, colors, imps);
  return {
    colors,
    imps,
    rgba: (seg: number) => Array.from(colors.subarray(seg * VERTICES_PER_SEGMENT * 4, seg * VERTICES_PER_SEGMENT * 4 + 4)),
    imp: (seg: number) => imps[seg * VERTICES_PER_SEGMENT] as number,
  };
}

const byte = (v: number) => Math.round(255 * v);

describe('edge segments (nn_vis §8.1 vs_edge, §8.5)', () => {
  test('All: colour is the class mix of the shares interpolated at t = (j+1)/n; w = imp/√C', () => {
    const { rgba, imp } = run(style());
    const mix0 = [0.75 * 0.133, 0.75 * 0.545, 0.75 * 0.133 + 0.25 * 0.545];
    const mix1 = [0, 0, 0.545];
    for (let j = 0; j < 3; j++) {
      const t = (j + 1) / 4;
      const size = ((1 - t) * NORM0 + t * 1) * 0.5;
      expect(imp(j)).toBeCloseTo(j === 1 ? size : -size, 6);
      const expected = [0, 1, 2].map((c) => byte((1 - t) * (mix0[c] as number) + t * (mix1[c] as number)));
      expect(rgba(j).slice(0, 3)).toEqual(expected);
      expect(rgba(j)[3]).toBe(byte(size / Math.SQRT2));
    }
  });

  test('the stretch is dropped (imp stored negative) on the first and last segment of an edge only', () => {
    const { imp } = run(style({ edgeThreshold: -1 }));
    expect(imp(0)).toBeLessThan(0);
    expect(imp(1)).toBeGreaterThan(0);
    expect(imp(2)).toBeLessThan(0);
    // a one-segment edge is both first and last
    expect(imp(3)).toBeLessThanOrEqual(0);
  });

  test('Class k: colour_k·share_k and w = share_k, both interpolated', () => {
    const { rgba } = run(style({ mode: 'class', showClass: 1 }));
    // share_1: node 0 0.25, node 1 1 → at t = 2/4: 0.625
    expect(rgba(1)).toEqual([0, 0, byte(0.625 * 0.545), byte(0.625)]);
  });

  test('Independent: the ink along the whole edge', () => {
    const { rgba } = run(style({ mode: 'independent', ink: [1, 1, 1] }));
    for (let j = 0; j < 3; j++) expect(rgba(j).slice(0, 3)).toEqual([255, 255, 255]);
  });

  test('threshold ≥ α·mean(source) hides every segment of the edge (imp 0)', () => {
    const { imp } = run(style({ edgeThreshold: 0.19 }));
    expect([imp(0), imp(1), imp(2)].every((v) => v !== 0)).toBe(true);
    expect(imp(3)).toBe(0);
    // exactly at the score of the float32 inputs: hidden, nn_vis discards when threshold ≥ score
    const score = (0.5 * (Math.fround(0.6) + Math.fround(0.2))) / 2;
    expect(run(style({ edgeThreshold: score })).imp(1)).toBe(0);
  });

  test('all four vertices of a segment carry the same values', () => {
    const { colors, imps } = run(style());
    for (let s = 0; s < SEGMENTS; s++) {
      for (let v = 1; v < VERTICES_PER_SEGMENT; v++) {
        expect(imps[s * 4 + v]).toBe(imps[s * 4]);
        expect(Array.from(colors.subarray((s * 4 + v) * 4, (s * 4 + v) * 4 + 4))).toEqual(Array.from(colors.subarray(s * 16, s * 16 + 4)));
      }
    }
  });

  test('a class outside the network is refused before anything is written', () => {
    const colors = new Uint8Array(64).fill(7);
    expect(() => edgeSegmentStyle(net, geometry, style({ mode: 'class', showClass: 2 }), colors, new Float32Array(16))).toThrow(/show_class = 2/);
    expect(colors.every((v) => v === 7)).toBe(true);
  });
});
