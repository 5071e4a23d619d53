import type { BufferAttribute } from 'three';
import { EdgeLayer } from '../../src/render/edge-layer';
import { NodeLayer } from '../../src/render/node-layer';

// Two polylines: edge 4 with points 0,1,2 and edge 9 with points 3,4.
function geometry(shift = 0, keptEdges = Int32Array.of(4, 9)) {
  return {
    keptEdges,
    pointOffsets: Int32Array.of(0, 3, 5),
    points: Float32Array.from({ length: 15 }, (_, k) => k + shift),
  };
}

describe('edge layer packing', () => {
  test('one line list: a segment between consecutive points of each polyline, none across polylines', () => {
    const layer = new EdgeLayer();
    expect(layer.setGeometry(geometry())).toBe(true);
    const g = layer.object.geometry;
    const index = Array.from((g.getIndex() as BufferAttribute).array).slice(0, g.drawRange.count);
    expect(index).toEqual([0, 1, 1, 2, 3, 4]);
    expect(Array.from((g.getAttribute('position') as BufferAttribute).array).slice(0, 15)).toEqual(Array.from(geometry().points));
    layer.dispose();
  });

  test('live updates of the same shape reuse the buffers and keep the colours', () => {
    const layer = new EdgeLayer();
    layer.setGeometry(geometry());
    const position = layer.object.geometry.getAttribute('position');
    expect(layer.setGeometry(geometry(0.5))).toBe(false);
    expect(layer.object.geometry.getAttribute('position')).toBe(position);
    expect((position as BufferAttribute).array[0]).toBe(0.5);
    layer.dispose();
  });

  test('other kept edges with the same offsets still ask for new colours', () => {
    const layer = new EdgeLayer();
    layer.setGeometry(geometry());
    expect(layer.setGeometry(geometry(0, Int32Array.of(4, 10)))).toBe(true);
    layer.dispose();
  });

  test('colours are written through the callback for every point', () => {
    const layer = new EdgeLayer();
    layer.setGeometry(geometry());
    layer.updateColors((out) => out.fill(0.25, 0, 20));
    const color = layer.object.geometry.getAttribute('aColor') as BufferAttribute;
    expect(Array.from(color.array).slice(0, 20).every((v) => v === 0.25)).toBe(true);
    layer.dispose();
  });
});

describe('node layer packing', () => {
  test('radius is node_object_radius · ‖importance‖ per node', () => {
    const layer = new NodeLayer();
    expect(layer.setPositions(Float32Array.of(0, 0, 0, 1, 1, 1))).toBe(true);
    layer.setRadii({ numClasses: 2, nodeImportance: Float32Array.of(0.6, 0.8, 0, 0) }, 0.04);
    const radii = layer.object.geometry.getAttribute('aRadius') as BufferAttribute;
    expect(radii.array[0]).toBeCloseTo(0.04, 6);
    expect(radii.array[1]).toBe(0);
    expect(layer.setPositions(Float32Array.of(2, 2, 2, 3, 3, 3))).toBe(false);
    expect(Array.from(layer.positions)).toEqual([2, 2, 2, 3, 3, 3]);
    layer.dispose();
  });
});
