import { InPlaceWriter } from '../../../src/compute/bundle/in-place-writer';
import { PolylineBuffer } from '../../../src/compute/bundle/polyline-buffer';

// The WASM edge path writes each level's resampled points over the buffer it reads from. When a chunk's
// output outgrows the input already read, the rest must wait instead of overwriting unread input.
describe('InPlaceWriter', () => {
  const xyz = (values: number[]): Float32Array => Float32Array.from(values.flatMap((v) => [v, v + 0.25, v + 0.5]));

  it('never overwrites unread input, and ends with every output point in order', () => {
    const buffer = new PolylineBuffer(1, 6);
    buffer.points.set(xyz([1, 2, 3, 4, 5, 6]));
    const writer = new InPlaceWriter(buffer);
    // Chunk 1 read input points 0..1 and produced 3 points: only 2 may be written yet.
    writer.push(xyz([10, 11, 12]), 2);
    expect(writer.written).toBe(2);
    expect(Array.from(buffer.points.subarray(6, 18))).toEqual(Array.from(xyz([3, 4, 5, 6]))); // unread input intact
    // Chunk 2 read up to point 4 and produced 2 points; the waiting point goes first.
    writer.push(xyz([13, 14]), 4);
    expect(writer.written).toBe(4);
    expect(Array.from(buffer.points.subarray(12, 18))).toEqual(Array.from(xyz([5, 6])));
    // Chunk 3 read everything and produced 4 points: the buffer grows to hold all 9.
    writer.push(xyz([15, 16, 17, 18]), 6);
    writer.finish();
    expect(writer.written).toBe(9);
    expect(Array.from(buffer.points.subarray(0, 27))).toEqual(Array.from(xyz([10, 11, 12, 13, 14, 15, 16, 17, 18])));
  });
});
