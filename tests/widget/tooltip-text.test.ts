import type { NetworkArrays } from '../../src/compute/types';
import { MAX_CLASS_LINES, nodeLayer, tooltipText } from '../../src/widget/tooltip-text';

// 2-3 network, 2 classes; layer names carry markup, which must stay text.
const net = {
  layerOffsets: Int32Array.of(0, 2, 5),
  layerNames: ['input', 'out <b>put</b>'],
  numClasses: 2,
  classNames: ['cat', 'dog'],
  nodeImportance: Float32Array.of(0.5, 0.25, 1, 0, 0, 1, 1, 0, 0.5, 0.5),
  nodeLabels: ['pixel "a"', null, null, null, null],
  edgeSource: Int32Array.of(0, 0, 0, 1, 1, 1),
  edgeTarget: Int32Array.of(2, 3, 4, 2, 3, 4),
  edgeWeight: Float32Array.of(0.5, -1.25, 2, 0, 1, -0.75),
  edgeAlpha: Float32Array.of(0.25, 0.625, 1, 0, 0.5, 0.375),
} as unknown as NetworkArrays;

describe('tooltip text', () => {
  test('a node: layer name and index, label, ‖i‖ and mean, classes largest first', () => {
    expect(nodeLayer(net, 3)).toEqual({ layer: 1, index: 1 });
    expect(tooltipText(net, { kind: 'node', id: 0 })).toEqual({
      title: 'input · node 0',
      lines: ['label: pixel "a"', 'importance ‖i‖ 0.559 · mean 0.375', 'class 0 (cat): 0.500', 'class 1 (dog): 0.250'],
    });
    expect(tooltipText(net, { kind: 'node', id: 3 }).title).toBe('out <b>put</b> · node 1');
  });

  test('an edge: both ends, weight, α, score and the class importance of both ends', () => {
    expect(tooltipText(net, { kind: 'edge', id: 4 })).toEqual({
      title: 'input 1 → out <b>put</b> 1',
      lines: ['weight 1.000 · importance α 0.500', 'score α·mean(source) 0.250', 'class importance, source → target:', 'class 0 (cat): 1.000 → 1.000', 'class 1 (dog): 0.000 → 0.000'],
    });
  });

  test('many classes: the largest MAX_CLASS_LINES and a count of the rest', () => {
    const C = 14;
    const many = { ...net, numClasses: C, classNames: [], layerOffsets: Int32Array.of(0, 1, 2), nodeImportance: Float32Array.from({ length: 2 * C }, (_, i) => (i % C) / C), nodeLabels: [null, null] } as unknown as NetworkArrays;
    const lines = tooltipText(many, { kind: 'node', id: 0 }).lines;
    expect(lines[1]).toBe('class 13: 0.929');
    expect(lines).toHaveLength(1 + MAX_CLASS_LINES + 1);
    expect(lines[lines.length - 1]).toBe('… 4 more classes');
  });
});
