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

  it('keeps only the backlog waiting: 1,000 chunks that each outgrow their input by one point need a spill of a few points', () => {
    const chunks = 1000, perChunk = 10;
    const buffer = new PolylineBuffer(1, chunks * perChunk);
    const writer = new InPlaceWriter(buffer);
    let next = 0;
    for (let c = 1; c <= chunks; c++) {
      // Each chunk reads perChunk input points and writes perChunk + 1 (the first chunk: perChunk + 1 of them wait in total).
      writer.push(xyz(Array.from({ length: perChunk + (c === 1 ? 1 : 0) }, () => next++)), c * perChunk);
    }
    writer.finish();
    expect(writer.written).toBe(next);
    expect(Array.from(buffer.points.subarray(0, next * 3))).toEqual(Array.from(xyz(Array.from({ length: next }, (_, i) => i))));
    // The spill never held more than the one waiting point plus a chunk.
    expect((writer as unknown as { spill: Float32Array }).spill.length).toBeLessThanOrEqual(3 * 2 * (perChunk + 1));
  });

  it('starts again from point 0 after reset, over the same target', () => {
    const buffer = new PolylineBuffer(1, 4);
    const writer = new InPlaceWriter(buffer);
    writer.push(xyz([1, 2]), 2);
    writer.finish();
    writer.reset();
    writer.push(xyz([7]), 2);
    writer.finish();
    expect(writer.written).toBe(1);
    expect(Array.from(buffer.points.subarray(0, 6))).toEqual(Array.from(xyz([7, 2])));
  });
});
