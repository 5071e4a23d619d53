import type { BufferAttribute, InterleavedBufferAttribute, Mesh, Points } from 'three';
import { classPalette } from '../../src/render/class-colors';
import { nodeColors, type ColorStyle } from '../../src/render/color-modes';
import { EdgeLayer } from '../../src/render/edge-layer';
import { createFrameUniforms } from '../../src/render/impostor-materials';
import { NodeLayer } from '../../src/render/node-layer';
import { NN_VIS_EDGE_OPACITY, NN_VIS_NODE_OPACITY } from '../../src/render/render-style';

// Two polylines: edge 0 (node 0 → 1) with points 0,1,2 and edge 1 (node 0 → 1... second copy) with points 3,4.
function geometry(shift = 0, keptEdges = Int32Array.of(0, 1)) {
  return { keptEdges, pointOffsets: Int32Array.of(0, 3, 5), points: Float32Array.from({ length: 15 }, (_, k) => k + shift) };
}
const net = {
  numClasses: 2,
  nodeImportance: Float32Array.of(0.6, 0.8, 0, 1),
  edgeSource: Int32Array.of(0, 0, 0),
  edgeTarget: Int32Array.of(1, 1, 1),
  edgeAlpha: Float32Array.of(0.5, 1, 0.25),
};
const style: ColorStyle = { mode: 'all', showClass: 0, palette: classPalette(2), ink: [0, 0, 0], nodeThreshold: 0.01, edgeThreshold: 0.01 };

function visible(layer: EdgeLayer) {
  return layer.objects.filter((o) => o.visible) as unknown as Mesh[];
}

describe('edge layer', () => {
  test('the ellipsoid mode draws every segment as one quad (6 indices) in one call', () => {
    const layer = new EdgeLayer(createFrameUniforms(), 'light');
    expect(layer.setGeometry(geometry())).toBe(true);
    layer.setStyle(net, style, 0.02, NN_VIS_EDGE_OPACITY);
    layer.setMode('ellipsoid_transparent', 'light');
    layer.prepare(false, null);
    const shown = visible(layer);
    expect(shown).toHaveLength(1);
    const g = (shown[0] as Mesh).geometry;
    expect(g.drawRange.count).toBe(3 * 6);
    expect(Array.from((g.getIndex() as BufferAttribute).array.slice(0, 6))).toEqual([0, 1, 2, 0, 2, 3]);
    const a = g.getAttribute('aA') as InterleavedBufferAttribute;
    // segment 2 (points 3 → 4), vertex 3: A = point 3
    expect([a.getX(11), a.getY(11), a.getZ(11)]).toEqual([9, 10, 11]);
    layer.dispose();
  });

  test('a slice draws only its segments; the moving level of detail draws coarse lines', () => {
    const layer = new EdgeLayer(createFrameUniforms(), 'light');
    layer.setGeometry(geometry());
    layer.setStyle(net, style, 0.02, NN_VIS_EDGE_OPACITY);
    layer.prepare(false, [1, 3]);
    expect((visible(layer)[0] as Mesh).geometry.drawRange).toEqual({ start: 6, count: 12 });
    layer.prepare(true, null);
    const lines = visible(layer)[0] as Mesh;
    expect(lines.type).toBe('LineSegments');
    layer.setMode('none', 'light');
    layer.prepare(false, null);
    expect(visible(layer)).toHaveLength(0);
    layer.dispose();
  });

  test('live updates of the same shape reuse the buffers and keep the style', () => {
    const layer = new EdgeLayer(createFrameUniforms(), 'light');
    layer.setGeometry(geometry());
    layer.prepare(false, null);
    const attr = (visible(layer)[0] as Mesh).geometry.getAttribute('aA') as InterleavedBufferAttribute;
    expect(layer.setGeometry(geometry(0.5))).toBe(false);
    expect(attr.getX(0)).toBe(0.5);
    // other kept edges with the same offsets must be restyled
    expect(layer.setGeometry(geometry(0, Int32Array.of(0, 2)))).toBe(true);
    layer.dispose();
  });
});

describe('node layer', () => {
  test('per node: ‖importance‖ for the radius (0 when hidden), colour and alpha term as bytes', () => {
    const layer = new NodeLayer(createFrameUniforms(), 'light');
    expect(layer.setPositions(Float32Array.of(0, 0, 0, 1, 1, 1))).toBe(true);
    const rgba = new Float32Array(8);
    const twoNodes = { numClasses: 2, nodeImportance: Float32Array.of(0.6, 0.8, 0, 0) };
    nodeColors(twoNodes, style, rgba);
    layer.setStyle(twoNodes, rgba, 0.04, NN_VIS_NODE_OPACITY);
    expect(layer.norms[0]).toBeCloseTo(1, 6);
    expect(layer.norms[1]).toBe(0);
    // mean(i) = 0.7 is the alpha term of node 0
    expect(layer.colors[3]).toBe(Math.round(0.7 * 255));
    expect(layer.objectRadius).toBe(0.04);
    expect(layer.setPositions(Float32Array.of(2, 2, 2, 3, 3, 3))).toBe(false);
    expect(Array.from(layer.positions)).toEqual([2, 2, 2, 3, 3, 3]);
    layer.setMode('none', 'light');
    layer.prepare(true);
    expect((layer.object as Points).visible).toBe(false);
    layer.dispose();
  });
});
