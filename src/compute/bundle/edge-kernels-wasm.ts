/**
 * The fast engine's edge-grid kernels in WASM (source: edge-kernels.as, AssemblyScript, with SIMD):
 * splat, binomial blur, norms, gradient step, smoothing and resample, and the node phase's Epanechnikov
 * blur. Each gives the same bytes as its JS version in fast-grid.ts / fast-edge-gap.ts, so results do not depend on the runtime. A
 * `WasmGrid` keeps its densities in the module's memory, so the kernels run on it in place; points
 * are copied in per call (12 bytes per point, cheap next to the work).
 *
 * Rebuild after editing edge-kernels.as (asc only reads .ts files), then paste the base64 below:
 *   cp src/compute/bundle/edge-kernels.as /tmp/edge-kernels.ts && npx asc /tmp/edge-kernels.ts \
 *     --enable simd -O3 --runtime stub --noAssert --initialMemory 16 -o /tmp/edge-kernels.wasm && base64 -w0 /tmp/edge-kernels.wasm
 */
import type { FastGrid } from './fast-grid';
import { voxelStride } from './voxel-layout';

const WASM_BASE64 =
  'AGFzbQEAAAABiAEKYAV/f39/fwBgCX9/f3x/f39/fwBgEX9/f39/f39/f39/fHx8fHx8AGAJf398f39/fHx8AX9gBX9/f398AGAUf39/f39/f39/f39/f3x8fHx8fHwAYBR/f39/f3x8f3x/f39/f39/fHx8fwF/YAd/f39/fH9/AGAIf39/f39/f38AYAN/f38AAwwLAAECAAMEBQYHCAkFAwEAEAdMCARibHVyAAkDYWRkAAoFbm9ybXMABQVzcGxhdAACCGdyYWRpZW50AAYGZmluaXNoAAcOZXBhbmVjaG5pa292MmQACAZtZW1vcnkCAAqdJQvcAgMGfwF7AXwgAkF+cSEIIANBAnQhBSAEQQAgAkECdPwLAANAIAEgBkoEQCAGQQFqIAFGIQdBACEDA0AgAyAISARAIANBAnQiCSAAaiIK/V0DACELIAr9DAAAAAAAAOA/AAAAAAAA4D8gC/1f/fIB/QwAAAAAAADQPwAAAAAAANA/IAQgCWoiCv1dAwD9XyAHBHv9DAAAAAAAAAAAAAAAAAAAAAAFIAAgBWogCWr9XQMA/V8L/fAB/fIB/fAB/V79WwMAACAKIAv9WwMAACADQQJqIQMMAQsLA0AgAiADSgRAIANBAnQiCSAAaiIKKgIAuyEMIAogDEQAAAAAAADgP6IgBCAJaiIKKgIAuyAHBHxEAAAAAAAAAAAFIAAgBWogCWoqAgC7C6BEAAAAAAAA0D+ioLY4AgAgCiAMtjgCACADQQFqIQMMAQsLIAZBAWohBiAAIAVqIQAMAQsLC5QFAwp/CnsBfCAIIAAgAkECdCIMIAFs/AoAAEQAAAAAAADwPyADIAOio/0UIRYgBLciAyADov0UIRcgBEEBarciHSAdov0UIRggA/0UIRkgHf0UIRoDQCACIApKBED9DAAAAAAAAAAAAAAAAAAAAAAhE/0MAAAAAAAAAAAAAAAAAAAAACEU/QwAAAAAAAAAAAAAAAAAAAAAIRVBACEJA0AgASAJSiAEIAlOcQRAIBMgCCAJIAxsaiAKQQJ0av1dAwD9XyIb/fABIRMgFCAJt/0UIhwgG/3yAf3wASEUIBUgHCAc/fIBIBv98gH98AEhFSAJQQFqIQkMAQsLIApBA3QiCSAFaiAT/QsEACAGIAlqIBT9CwQAIAcgCWogFf0LBAAgCkECaiEKDAELCwNAIAEgC0oEQCAAIAsgDGxqIQkgC0EBaiAEaiIKIAFIIQ0gCyAEayIQQQBOIQ4gCCAKIAxsaiEPIAggDCAQbGohEEEAIQoDQCACIApKBEAgCkEDdCIRIAVq/QAEACETIAYgEWr9AAQAIRQgCSAKQQJ0IhJqIBMgByARav0ABAAiFSAW/fIB/fEB/V79WwMAACANBHsgDyASav1dAwD9XwX9DAAAAAAAAAAAAAAAAAAAAAALIRsgBSARaiATIA4EeyAQIBJq/V0DAP1fBf0MAAAAAAAAAAAAAAAAAAAAAAsiE/3xASAb/fABIhz9CwQAIAYgEWogFCAZIBP98gH98AEgGiAb/fIB/fABIBz98QEiFP0LBAAgByARaiAVIBcgE/3yAf3xASAYIBv98gH98AH9DAAAAAAAAABAAAAAAAAAAEAgFP3yAf3xASAc/fEB/QsEACAKQQJqIQoMAQsLIAtBAWohCwwBCwsLvQUDD38Gewd8IAcgCmwhFiAHIAhsIApsIRggCkECdCEVA0AgAiAUSgRAIAEgFEEBakECdGooAgAgFEECdCIRIAFqKAIAIhlrIRMgAyAEIBFqKAIAQQJ0aiEaIAMgBSARaigCAEECdGohG0EAIRIDQCASIBNIBEACQCAAIBIgGWpBDGxqIhEqAgi7IiggD2YgECAoZHFFDQAgESoCBLsgDKEgDqIiKZwiJ0QAAAAAAAAAAGYgESoCALsgC6EgDqIiKpwiJkQAAAAAAAAAAGZxICggDaEgDqJEAAAAAAAA4D+gnCIoRAAAAAAAAAAAZnEgB7cgJkQAAAAAAADwP6BkcSAItyAnRAAAAAAAAPA/oGRxICggCbdjcUUNAEQAAAAAAADgP0QAAAAAAADwPyASRSIRIBIgE0EBa0ZyGyIrRAAAAAAAAPA/ICkgJ6EiKaGiISwgKyApoiEpRAAAAAAAAPA/ICogJqEiKqEhKyAGICj8AiAYbCAn/AIgFmxqICb8AiAKbGpBAnRqIhcgFWohHCAXIBZBAnRqIh0gFWohHiARBHxEAAAAAAAAAAAFIBIgE0EBa0YEfCATQQJrtyATt6MFIBK3RAAAAAAAAOC/oCATt6MLC7b9EyEgICsgLKK2/RMhISAqICyitv0TISIgKyAporb9EyEjICogKaK2/RMhJEEAIREDQCARIBVJBEAgESAXaiIfIB/9AAQAICEgESAaav0ABAAiJSAgIBEgG2r9AAQAICX95QH95gH95AEiJf3mAf3kAf0LBAAgESAcaiIfIB/9AAQAICIgJf3mAf3kAf0LBAAgESAdaiIfIB/9AAQAICMgJf3mAf3kAf0LBAAgESAeaiIfIB/9AAQAICQgJf3mAf3kAf0LBAAgEUEQaiERDAELCwsgEkEBaiESDAELCyAUQQFqIRQMAQsLC8EEAwR8A3sGfyABQQNIIANBAExyBEAPCyACQQFGBEAgACICIAFBAWtBDGxqIQQDQCADIA1KBEAgAv0ABAAhCyACQQxqIgD9AAQAIQkDQCAAIARJBEAgACALIAn95AEgAEEMaiIB/QAEACIK/eQB/Qyrqqo+q6qqPquqqj6rqqo+/eYBIgv9WwMAACAAQQhqIAv9WgIAAiAJIQsgCiEJIAEhAAwBCwsgDUEBaiENDAELCw8LIAFBAWshEANAIAMgD0oEQEEAIQ0DQCANIAFBA2xIBEAgBCANQQN0aiAAIA1BAnRqKgIAuzkDACANQQFqIQ0MAQsLRAAAAAAAAAAAIQhEAAAAAAAAAAAhBUQAAAAAAAAAACEHIBAgAkEBaiIMIAwgEEobIQ1BACEOA0AgDSAOTgRAIAggBCAOQRhsaiIMKwMAoCEIIAUgDCsDCKAhBSAHIAwrAxCgIQcgDkEBaiEODAELC0EAIQ5BASERA0AgECARSgRAIBFBAUoEQCACIBFqIgwgEEwEQCAIIAQgDCINQRhsaiIMKwMAoCEIIAcgDCsDEKAhByAFIAwrAwigIQULIBEgAmtBAWsiDEEATgRAIAxBAWohDiAIIAQgDEEYbGoiDCsDAKEhCCAHIAwrAxChIQcgBSAMKwMIoSEFCwsgACARQQxsaiIMIAhEAAAAAAAA8D8gDSAOa0EBarejIgaitjgCACAMIAUgBqK2OAIEIAwgByAGorY4AgggEUEBaiERDAELCyAPQQFqIQ8MAQsLC54FAg58A38gAyAFayEYIAYgAqIhFiAAIAFBAWtBDGxqIQUgBCAAKgIAOAIAIAQgACoCBDgCBCAEIAAqAgg4AghBASEDIAAqAgC7IgYhEyAAKgIEuyIMIRQgACoCCLsiDSEVIAYhCSAMIQogDSELQQEhFwNAIAMgGEggASAXSnEEQCAAIBdBDGxqIhkqAgC7IhAgBqEiDiAOoiAZKgIEuyIRIAyhIg4gDqKgIBkqAgi7Ig4gDaEiDyAPoqCfIQ8DQCADIBhIIA8gFmZxBEAgBiETIAwhFCANIRUgBEEMaiIEIAkgECAJoUQAAAAAAAAAAEQAAAAAAADwPyACIBKhIA8gEqEiBqNEAAAAAAAA8D8gBkQAAAAAAAAAAGQbIgYgBkQAAAAAAADwP2QbIAZEAAAAAAAAAABjGyIGoqC2OAIAIAQgCiARIAqhIAaioLY4AgQgBCALIA4gC6EgBqKgtjgCCCADQQFqIQMgECAEKgIAuyIGoSIJIAmiIBEgBCoCBLsiDKEiCSAJoqAgDiAEKgIIuyINoSIJIAmioJ8hDyAGIQkgDCEKIA0hC0QAAAAAAAAAACESDAELCyAQIQkgESEKIA4hCyAPIRIgF0EBaiEXDAELCyAFKgIAuyELIAUqAgS7IQogBSoCCLshCSADQQFKBEAgCyAGoSIGIAaiIAogDKEiBiAGoqAgCSANoSIGIAaioJ8iBiAHIAKiYwRAIARBDGshBCADQQFrIQMFIAYgCCAComMEQCAEIBMgC6BEAAAAAAAA4D+itjgCACAEIBQgCqBEAAAAAAAA4D+itjgCBCAEIBUgCaBEAAAAAAAA4D+itjgCCAsLCyAEQQxqIAUqAgA4AgAgBCAFKgIEOAIQIAQgBSoCCDgCFCADQQFqC6wBAgF8An8gA0ECdCEHA0AgASAGSgRARAAAAAAAAAAAIQVBACEDA0AgAiADSgRAIAUgACADQQJ0aioCALsiBSAFoqAhBSADQQFqIQMMAQsLIAWfIQUgACACQQJ0aiAERAAAAAAAAAAAZAR8IAUgBKIiBSAFoiIFIAVEAAAAAAAA8D2inEQAAAAAAADwQaKhnyAEowUgBQu2OAIAIAZBAWohBiAAIAdqIQAMAQsLC8IHAxB/BnsJfCAMQQJ0IR0DQCACIBdKBEAgASAXQQFqQQJ0aigCACAXQQJ0IhQgAWooAgAiHmshGSADIAQgFGooAgBBAnRqIR8gAyAFIBRqKAIAQQJ0aiEjQQEhFQNAIBVBAWogGUgEQCAAIBUgHmpBDGxqIhYqAgC7ISsgFioCBLshLAJAIBYqAgi7IiogEmYgEyAqZHFFDQAgLCAOoSAQoiIvnCIwRAAAAAAAAPA/ZiArIA2hIBCiIjGcIi1EAAAAAAAA8D9mcSAqIA+hIBCiIi6cIjJEAAAAAAAA8D9mcSAItyAtRAAAAAAAAPA/oGRxIAm3IDBEAAAAAAAA8D+gZHEgCrcgMkQAAAAAAADwP6BkcUUNACAHIC38AiAw/AIgMvwCIAlsaiAIbGogDGxBAnRqIhhBf0EBIDEgLaFEAAAAAAAA4D9jGyIgIAxsQQJ0aiEaIBhBf0EBIC8gMKFEAAAAAAAA4D9jGyIhIAhsIAxsQQJ0aiEbIBhBf0EBIC4gMqFEAAAAAAAA4D9jGyIiIAhsIAlsIAxsQQJ0aiEcIAtBAnQiFCAYaioCAEMAAAAAXgR/IBQgGmoqAgBDAAAAAF4FQQALBH8gFCAbaioCAEMAAAAAXgVBAAsEfyAUIBxqKgIAQwAAAABeBUEAC0UNACAVtyAZt6O2/RMhKP0MAAAAAAAAAAAAAAAAAAAAACEk/QwAAAAAAAAAAAAAAAAAAAAAISX9DAAAAAAAAAAAAAAAAAAAAAAhJv0MAAAAAAAAAAAAAAAAAAAAACEnQQAhFANAIBQgHUkEQCAkIBQgH2r9AAQAIiQgKCAUICNq/QAEACAk/eUB/eYB/eQBIAYgFGr9AAQA/eQBIikgFCAYav0ABAD95gH95AEhJCAlICkgFCAaav0ABAD95gH95AEhJSAmICkgFCAbav0ABAD95gH95AEhJiAnICkgFCAcav0ABAD95gH95AEhJyAUQRBqIRQMAQsLICX9HwAgJf0fAZIgJf0fAiAl/R8DkpK7ICT9HwAgJP0fAZIgJP0fAiAk/R8DkpK7Ii2hICC3oiIuIC6iICb9HwAgJv0fAZIgJv0fAiAm/R8DkpK7IC2hICG3oiIvIC+ioCAn/R8AICf9HwGSICf9HwIgJ/0fA5KSuyAtoSAit6IiLSAtoqCfIjBEAAAAAAAAAABkRQ0AIBYgKyAuIBEgMKMiK6KgtjgCACAWICwgLyAroqC2OAIEIBYgKiAtICuioLY4AggLIBVBAWohFQwBCwsgF0EBaiEXDAELCwueAgIEfwN7IAsgAkECdGooAgAhFSAT/QAEACEYIBP9AAQQIRkDQCACIANIIA0gFSAMayAOak5xBEAgASACQQFqQQJ0aigCACABIAJBAnRqKAIAIhRrIRYgACAUQQxsaiEUIARBAEoEQCAUIBZBASAWtyAFoiAGokQAAAAAAABZQKOc/AIiFyAXQQFMGyAEIAcQAwsgFCAWIAggCSAKIBUgDGtBDGxqIhQgDyAQIBEgEhAEIhZBDGwgFGohFwNAIBQgF0kEQCAYIBRBCGogFP1dAwD9VgIAAiIa/eoBIRggGSAa/esBIRkgFEEMaiEUDAELCyALIAJBAWoiAkECdGogFSAWaiIVNgIADAELCyATIBj9CwQAIBMgGf0LBBAgAgtzAQV/IAYgASACbCADbEECdEEPakFwcWoiCCABIANsIglBA3QiC2oiCiALaiELA0AgAiAHSgRAIAAgByAJbEECdGogASADIAQgBSAIIAogCyAGEAEgB0EBaiEHDAELCyAAIAIgCSAEIAUgCCAKIAsgBhABC8EBAQZ/IAEgBGwiCyACbCEKA0AgBSAMSgRAQQAhCANAIAMgCEoEQCAAIAggCmxBAnRqIQ1BACEJA0AgAiAJSgRAIA0gCSALbEECdGogASAEIAQgBxAAIAlBAWohCQwBCwsgDSACIAsgCyAHEAAgCEEBaiEIDAELCyADQQFKBEBBACEIA0AgCCAKSARAIAAgCEECdGogAyAGIAogCGsiCSAGIAlIGyAKIAcQACAGIAhqIQgMAQsLCyAMQQFqIQwMAQsLCzwAIAAgAkECdGohAgNAIAAgAkkEQCAAIAD9AAQAIAH9AAQA/eQB/QsEACAAQRBqIQAgAUEQaiEBDAELCws=';

/** Floats per column chunk of the z blur (the chunk and its scratch stay in L1). */
const Z_CHUNK = 2048;
const PAGE_BYTES = 65536;

type Fn = (...args: number[]) => void;

/** Rounds a byte count up to 16. */
function align(bytes: number): number {
  return (bytes + 15) & ~15;
}

/** One instance of the kernels with its own memory (one per GridStore, i.e. per worker). */
export class EdgeKernels {
  readonly memory: WebAssembly.Memory;
  readonly splat: Fn;
  readonly gradient: Fn;
  readonly finish: (...args: number[]) => number;
  private readonly blurFn: Fn;
  private readonly normsFn: Fn;
  private readonly addFn: Fn;
  private readonly epanechnikovFn: Fn;

  private constructor(instance: WebAssembly.Instance) {
    const x = instance.exports;
    this.memory = x.memory as WebAssembly.Memory;
    this.splat = x.splat as Fn;
    this.gradient = x.gradient as Fn;
    this.finish = x.finish as (...args: number[]) => number;
    this.blurFn = x.blur as Fn;
    this.normsFn = x.norms as Fn;
    this.addFn = x.add as Fn;
    this.epanechnikovFn = x.epanechnikov2d as Fn;
  }

  /** A new instance, or null when this runtime has no WebAssembly SIMD. */
  static create(): EdgeKernels | null {
    try {
      if (typeof WebAssembly !== 'object' || typeof atob !== 'function') return null;
      return new EdgeKernels(new WebAssembly.Instance(new WebAssembly.Module(base64Bytes(WASM_BASE64)), {}));
    } catch {
      return null;
    }
  }

  /** Grows the memory to at least `bytes` (detaches earlier views; WasmGrid re-views itself). */
  reserve(bytes: number): void {
    const have = this.memory.buffer.byteLength;
    if (bytes > have) this.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
  }

  /** A zeroed grid in this memory; earlier grids of this instance become invalid. */
  grid(cell: number, ox: number, oy: number, oz: number, nx: number, ny: number, nz: number, channels: number): WasmGrid {
    const stride = voxelStride(channels);
    const dataAt = align(Math.max(nx * stride, Z_CHUNK) * 4);
    const freeAt = dataAt + align(nx * ny * nz * stride * 4);
    this.reserve(freeAt);
    const grid = new WasmGrid(this, cell, ox, oy, oz, nx, ny, nz, channels, stride, dataAt, freeAt);
    grid.data.fill(0);
    return grid;
  }

  /** `passes` binomial passes of the grid, in place. */
  blur(grid: WasmGrid, passes: number): void {
    this.blurFn(grid.dataAt, grid.nx, grid.ny, grid.nz, grid.stride, passes, Z_CHUNK, 0);
  }

  /** fast-grid.ts `epanechnikovBlur2d` of a flat grid, in place (same bytes), with its scratch after the grid. */
  epanechnikov2d(grid: WasmGrid, radius: number): void {
    const block = grid.nx * grid.stride;
    const scratch = align(grid.freeAt);
    this.reserve(scratch + align(block * grid.ny * 4) + 3 * block * 8);
    this.epanechnikovFn(grid.dataAt, grid.nx, grid.ny, grid.stride, radius, Math.max(Math.ceil(radius) - 1, 0), scratch);
  }

  /** Writes ‖D‖ into lane C of every voxel (nn_vis's wrapped norm when `wrapScale` > 0). */
  norms(grid: WasmGrid, wrapScale: number): void {
    this.normsFn(grid.dataAt, grid.nx * grid.ny * grid.nz, grid.channels, grid.stride, wrapScale);
  }

  /** Adds `src` (the grid's length: another worker's partial grid) into the grid, in float32 lanes. */
  add(grid: WasmGrid, src: Float32Array): void {
    if (src.length !== grid.data.length) throw new Error(`grid add: ${src.length} floats into a grid of ${grid.data.length}`);
    // Growing the memory would detach a view of it: copy such a source out first.
    const from = src.buffer === this.memory.buffer ? src.slice() : src;
    this.reserve(grid.freeAt + from.byteLength);
    new Float32Array(this.memory.buffer, grid.freeAt, from.length).set(from);
    this.addFn(grid.dataAt, grid.freeAt, from.length);
  }

  /**
   * Copies `arrays` into this memory from byte `at` on (16-aligned each) and returns their byte
   * offsets; grows the memory first if needed.
   */
  stage(at: number, arrays: readonly (Float32Array | Int32Array | Float64Array)[]): number[] {
    let end = at;
    for (const a of arrays) end = align(end) + a.byteLength;
    this.reserve(end);
    const bytes = new Uint8Array(this.memory.buffer);
    const offsets: number[] = [];
    let o = at;
    for (const a of arrays) {
      o = align(o);
      offsets.push(o);
      bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), o);
      o += a.byteLength;
    }
    return offsets;
  }
}

/** A FastGrid whose voxels live in an EdgeKernels memory (the view is re-made after growth). */
export class WasmGrid implements FastGrid {
  private dataView: Float32Array;
  private readonly floats: number;

  constructor(
    readonly kernels: EdgeKernels,
    readonly cell: number, readonly ox: number, readonly oy: number, readonly oz: number,
    readonly nx: number, readonly ny: number, readonly nz: number, readonly channels: number, readonly stride: number,
    /** Byte offsets of the voxels and of the first free byte after them. */
    readonly dataAt: number, readonly freeAt: number,
  ) {
    this.floats = nx * ny * nz * stride;
    this.dataView = this.view(dataAt, this.floats);
  }

  private view(at: number, length: number): Float32Array {
    return new Float32Array(this.kernels.memory.buffer, at, length);
  }

  /**
   * The nx·ny·nz·stride voxel floats: a view on WASM memory, valid until the store's next grid. Its
   * buffer cannot be transferred: `slice()` it to send it to another worker.
   */
  get data(): Float32Array {
    if (this.dataView.buffer !== this.kernels.memory.buffer) this.dataView = this.view(this.dataAt, this.floats);
    return this.dataView;
  }
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
