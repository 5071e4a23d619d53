/**
 * The fast engine's edge-grid kernels in WASM (source: edge-kernels.as, AssemblyScript, with SIMD):
 * splat, binomial blur, norms, gradient step, smoothing and resample. Each gives the same bytes as
 * its JS version in fast-grid.ts / fast-edge-gap.ts, so results do not depend on the runtime. A
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
  'AGFzbQEAAAABaQdgBX9/f39/AGARf39/f39/f39/f398fHx8fHwAYAl/f3x/f398fHwBf2AEf39/fwBgE39/f39/f39/f39/f3x8fHx8fHwAYBN/f39/f3x8f3x/f39/f39/fHx8AX9gCH9/f39/f39/AAMJCAABAAIDBAUGBQMBABAHNQYEYmx1cgAHBW5vcm1zAAQFc3BsYXQAAQhncmFkaWVudAAFBmZpbmlzaAAGBm1lbW9yeQIACuYcCNwCAwZ/AXsBfCACQX5xIQggA0ECdCEFIARBACACQQJ0/AsAA0AgASAGSgRAIAZBAWogAUYhB0EAIQMDQCADIAhIBEAgA0ECdCIJIABqIgr9XQMAIQsgCv0MAAAAAAAA4D8AAAAAAADgPyAL/V/98gH9DAAAAAAAANA/AAAAAAAA0D8gBCAJaiIK/V0DAP1fIAcEe/0MAAAAAAAAAAAAAAAAAAAAAAUgACAFaiAJav1dAwD9Xwv98AH98gH98AH9Xv1bAwAAIAogC/1bAwAAIANBAmohAwwBCwsDQCACIANKBEAgA0ECdCIJIABqIgoqAgC7IQwgCiAMRAAAAAAAAOA/oiAEIAlqIgoqAgC7IAcEfEQAAAAAAAAAAAUgACAFaiAJaioCALsLoEQAAAAAAADQP6KgtjgCACAKIAy2OAIAIANBAWohAwwBCwsgBkEBaiEGIAAgBWohAAwBCwsLvQUDD38Gewd8IAcgCmwhFiAHIAhsIApsIRggCkECdCEVA0AgAiAUSgRAIAEgFEEBakECdGooAgAgFEECdCIRIAFqKAIAIhlrIRMgAyAEIBFqKAIAQQJ0aiEaIAMgBSARaigCAEECdGohG0EAIRIDQCASIBNIBEACQCAAIBIgGWpBDGxqIhEqAgi7IiggD2YgECAoZHFFDQAgESoCBLsgDKEgDqIiKZwiJ0QAAAAAAAAAAGYgESoCALsgC6EgDqIiKpwiJkQAAAAAAAAAAGZxICggDaEgDqJEAAAAAAAA4D+gnCIoRAAAAAAAAAAAZnEgB7cgJkQAAAAAAADwP6BkcSAItyAnRAAAAAAAAPA/oGRxICggCbdjcUUNAEQAAAAAAADgP0QAAAAAAADwPyASRSIRIBIgE0EBa0ZyGyIrRAAAAAAAAPA/ICkgJ6EiKaGiISwgKyApoiEpRAAAAAAAAPA/ICogJqEiKqEhKyAGICj8AiAYbCAn/AIgFmxqICb8AiAKbGpBAnRqIhcgFWohHCAXIBZBAnRqIh0gFWohHiARBHxEAAAAAAAAAAAFIBIgE0EBa0YEfCATQQJrtyATt6MFIBK3RAAAAAAAAOC/oCATt6MLC7b9EyEgICsgLKK2/RMhISAqICyitv0TISIgKyAporb9EyEjICogKaK2/RMhJEEAIREDQCARIBVJBEAgESAXaiIfIB/9AAQAICEgESAaav0ABAAiJSAgIBEgG2r9AAQAICX95QH95gH95AEiJf3mAf3kAf0LBAAgESAcaiIfIB/9AAQAICIgJf3mAf3kAf0LBAAgESAdaiIfIB/9AAQAICMgJf3mAf3kAf0LBAAgESAeaiIfIB/9AAQAICQgJf3mAf3kAf0LBAAgEUEQaiERDAELCwsgEkEBaiESDAELCyAUQQFqIRQMAQsLC8EEAwR8A3sGfyABQQNIIANBAExyBEAPCyACQQFGBEAgACICIAFBAWtBDGxqIQQDQCADIA1KBEAgAv0ABAAhCyACQQxqIgD9AAQAIQkDQCAAIARJBEAgACALIAn95AEgAEEMaiIB/QAEACIK/eQB/QwAAEBAAABAQAAAQEAAAEBA/ecBIgv9WwMAACAAQQhqIAv9WgIAAiAJIQsgCiEJIAEhAAwBCwsgDUEBaiENDAELCw8LIAFBAWshEANAIAMgD0oEQEEAIQ0DQCANIAFBA2xIBEAgBCANQQN0aiAAIA1BAnRqKgIAuzkDACANQQFqIQ0MAQsLRAAAAAAAAAAAIQhEAAAAAAAAAAAhBUQAAAAAAAAAACEHIBAgAkEBaiIMIAwgEEobIQ1BACEOA0AgDSAOTgRAIAggBCAOQRhsaiIMKwMAoCEIIAUgDCsDCKAhBSAHIAwrAxCgIQcgDkEBaiEODAELC0EAIQ5BASERA0AgECARSgRAIBFBAUoEQCACIBFqIgwgEEwEQCAIIAQgDCINQRhsaiIMKwMAoCEIIAcgDCsDEKAhByAFIAwrAwigIQULIBEgAmtBAWsiDEEATgRAIAxBAWohDiAIIAQgDEEYbGoiDCsDAKEhCCAHIAwrAxChIQcgBSAMKwMIoSEFCwsgACARQQxsaiIMIAhEAAAAAAAA8D8gDSAOa0EBarejIgaitjgCACAMIAUgBqK2OAIEIAwgByAGorY4AgggEUEBaiERDAELCyAPQQFqIQ8MAQsLC54FAg58A38gAyAFayEYIAYgAqIhFiAAIAFBAWtBDGxqIQUgBCAAKgIAOAIAIAQgACoCBDgCBCAEIAAqAgg4AghBASEDIAAqAgC7IgYhEyAAKgIEuyIMIRQgACoCCLsiDSEVIAYhCSAMIQogDSELQQEhFwNAIAMgGEggASAXSnEEQCAAIBdBDGxqIhkqAgC7IhAgBqEiDiAOoiAZKgIEuyIRIAyhIg4gDqKgIBkqAgi7Ig4gDaEiDyAPoqCfIQ8DQCADIBhIIA8gFmZxBEAgBiETIAwhFCANIRUgBEEMaiIEIAkgECAJoUQAAAAAAAAAAEQAAAAAAADwPyACIBKhIA8gEqEiBqNEAAAAAAAA8D8gBkQAAAAAAAAAAGQbIgYgBkQAAAAAAADwP2QbIAZEAAAAAAAAAABjGyIGoqC2OAIAIAQgCiARIAqhIAaioLY4AgQgBCALIA4gC6EgBqKgtjgCCCADQQFqIQMgECAEKgIAuyIGoSIJIAmiIBEgBCoCBLsiDKEiCSAJoqAgDiAEKgIIuyINoSIJIAmioJ8hDyAGIQkgDCEKIA0hC0QAAAAAAAAAACESDAELCyAQIQkgESEKIA4hCyAPIRIgF0EBaiEXDAELCyAFKgIAuyELIAUqAgS7IQogBSoCCLshCSADQQFKBEAgCyAGoSIGIAaiIAogDKEiBiAGoqAgCSANoSIGIAaioJ8iBiAHIAKiYwRAIARBDGshBCADQQFrIQMFIAYgCCAComMEQCAEIBMgC6BEAAAAAAAA4D+itjgCACAEIBQgCqBEAAAAAAAA4D+itjgCBCAEIBUgCaBEAAAAAAAA4D+itjgCCAsLCyAEQQxqIAUqAgA4AgAgBCAFKgIEOAIQIAQgBSoCCDgCFCADQQFqC3ACAXwCfyADQQJ0IQYDQCABIAVKBEBEAAAAAAAAAAAhBEEAIQMDQCACIANKBEAgBCAAIANBAnRqKgIAuyIEIASioCEEIANBAWohAwwBCwsgACACQQJ0aiAEn7Y4AgAgBUEBaiEFIAAgBmohAAwBCwsL8AYDEH8Gewl8IAtBAnQhGQNAIAIgFkoEQCABIBZBAWpBAnRqKAIAIBZBAnQiEyABaigCACIaayEYIAMgBCATaigCAEECdGohGyADIAUgE2ooAgBBAnRqIRxBASEUA0AgFEEBaiAYSARAIAAgFCAaakEMbGoiFSoCALshKiAVKgIEuyErAkAgFSoCCLsiKSARZiASIClkcUUNACArIA2hIA+iIi6cIi9EAAAAAAAA8D9mICogDKEgD6IiMJwiLEQAAAAAAADwP2ZxICkgDqEgD6IiLZwiMUQAAAAAAADwP2ZxIAi3ICxEAAAAAAAA8D+gZHEgCbcgL0QAAAAAAADwP6BkcSAKtyAxRAAAAAAAAPA/oGRxRQ0AIBS3IBi3o7b9EyEnIAcgLPwCIC/8AiAx/AIgCWxqIAhsaiALbEECdGoiF0F/QQEgMCAsoUQAAAAAAADgP2MbIh0gC2xBAnRqIR4gF0F/QQEgLiAvoUQAAAAAAADgP2MbIh8gCGwgC2xBAnRqISAgF0F/QQEgLSAxoUQAAAAAAADgP2MbIiEgCGwgCWwgC2xBAnRqISL9DAAAAAAAAAAAAAAAAAAAAAAhI/0MAAAAAAAAAAAAAAAAAAAAACEk/QwAAAAAAAAAAAAAAAAAAAAAISX9DAAAAAAAAAAAAAAAAAAAAAAhJkEAIRMDQCATIBlJBEAgIyATIBtq/QAEACIjICcgEyAcav0ABAAgI/3lAf3mAf3kASAGIBNq/QAEAP3kASIoIBMgF2r9AAQA/eYB/eQBISMgJCAoIBMgHmr9AAQA/eYB/eQBISQgJSAoIBMgIGr9AAQA/eYB/eQBISUgJiAoIBMgImr9AAQA/eYB/eQBISYgE0EQaiETDAELCyAk/R8AICT9HwGSICT9HwIgJP0fA5KSuyAj/R8AICP9HwGSICP9HwIgI/0fA5KSuyIsoSAdt6IiLSAtoiAl/R8AICX9HwGSICX9HwIgJf0fA5KSuyAsoSAft6IiLiAuoqAgJv0fACAm/R8BkiAm/R8CICb9HwOSkrsgLKEgIbeiIiwgLKKgnyIvRAAAAAAAAAAAZEUNACAVICogLSAQIC+jIiqioLY4AgAgFSArIC4gKqKgtjgCBCAVICkgLCAqoqC2OAIICyAUQQFqIRQMAQsLIBZBAWohFgwBCwsLvQEBBH8gCyACQQJ0aigCACETA0AgAiADSARAIBMgDGsgDmogDUoEQCACDwsgASACQQFqQQJ0aigCACABIAJBAnRqKAIAIhVrIRQgACAVQQxsaiEVIARBAEoEQCAVIBRBASAUtyAFoiAGokQAAAAAAABZQKOc/AIiFiAWQQFMGyAEIAcQAgsgCyACQQFqIgJBAnRqIBUgFCAIIAkgCiATIAxrQQxsaiAPIBAgESASEAMgE2oiEzYCAAwBCwsgAwvBAQEGfyABIARsIgsgAmwhCgNAIAUgDEoEQEEAIQgDQCADIAhKBEAgACAIIApsQQJ0aiENQQAhCQNAIAIgCUoEQCANIAkgC2xBAnRqIAEgBCAEIAcQACAJQQFqIQkMAQsLIA0gAiALIAsgBxAAIAhBAWohCAwBCwsgA0EBSgRAQQAhCANAIAggCkgEQCAAIAhBAnRqIAMgBiAKIAhrIgkgBiAJSBsgCiAHEAAgBiAIaiEIDAELCwsgDEEBaiEMDAELCws=';

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

  private constructor(instance: WebAssembly.Instance) {
    const x = instance.exports;
    this.memory = x.memory as WebAssembly.Memory;
    this.splat = x.splat as Fn;
    this.gradient = x.gradient as Fn;
    this.finish = x.finish as (...args: number[]) => number;
    this.blurFn = x.blur as Fn;
    this.normsFn = x.norms as Fn;
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

  /** Writes ‖D‖ into lane C of every voxel. */
  norms(grid: WasmGrid): void {
    this.normsFn(grid.dataAt, grid.nx * grid.ny * grid.nz, grid.channels, grid.stride);
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
