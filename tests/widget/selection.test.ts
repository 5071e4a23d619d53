import { clickSelection, EMPTY_SELECTION, parseSelection, sameSelection } from '../../src/widget/selection';

describe('selection trait', () => {
  test('values from the kernel are checked, sorted and deduplicated', () => {
    expect(parseSelection({ nodes: [5, 1, 5], edges: [] }, 10, 20)).toEqual({ nodes: [1, 5], edges: [] });
    expect(parseSelection({ edges: [19] }, 10, 20)).toEqual({ nodes: [], edges: [19] });
    expect(parseSelection({ nodes: [10] }, 10, 20)).toBeNull();
    expect(parseSelection({ nodes: [1.5] }, 10, 20)).toBeNull();
    expect(parseSelection({ nodes: '1' }, 10, 20)).toBeNull();
    expect(parseSelection([1], 10, 20)).toBeNull();
  });

  test('a plain click selects only what was clicked; empty space clears', () => {
    const current = { nodes: [1, 2], edges: [3] };
    expect(clickSelection(current, { kind: 'node', id: 4 }, false)).toEqual({ nodes: [4], edges: [] });
    expect(clickSelection(current, { kind: 'edge', id: 8 }, false)).toEqual({ nodes: [], edges: [8] });
    expect(clickSelection(current, null, false)).toEqual(EMPTY_SELECTION);
  });

  test('Shift/Ctrl/Cmd-click adds or removes one item and keeps the rest', () => {
    const current = { nodes: [1, 2], edges: [3] };
    expect(clickSelection(current, { kind: 'node', id: 0 }, true)).toEqual({ nodes: [0, 1, 2], edges: [3] });
    expect(clickSelection(current, { kind: 'node', id: 2 }, true)).toEqual({ nodes: [1], edges: [3] });
    expect(clickSelection(current, { kind: 'edge', id: 3 }, true)).toEqual({ nodes: [1, 2], edges: [] });
    expect(clickSelection(current, null, true)).toBe(current);
    expect(sameSelection(current, { nodes: [1, 2], edges: [3] })).toBe(true);
    expect(sameSelection(current, { nodes: [1], edges: [3] })).toBe(false);
  });
});
