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
  'AGFzbQEAAAABagdgBX9/f39/AGARf39/f39/f39/f398fHx8fHwAYAl/f3x/f398fHwBf2AEf39/fwBgFH9/f39/f39/f39/f398fHx8fHx8AGATf39/f398fH98f39/f39/f3x8fAF/YAh/f39/f39/fwADCQgAAQACAwQFBgUDAQAQBzUGBGJsdXIABwVub3JtcwAEBXNwbGF0AAEIZ3JhZGllbnQABQZmaW5pc2gABgZtZW1vcnkCAAq4HQjcAgMGfwF7AXwgAkF+cSEIIANBAnQhBSAEQQAgAkECdPwLAANAIAEgBkoEQCAGQQFqIAFGIQdBACEDA0AgAyAISARAIANBAnQiCSAAaiIK/V0DACELIAr9DAAAAAAAAOA/AAAAAAAA4D8gC/1f/fIB/QwAAAAAAADQPwAAAAAAANA/IAQgCWoiCv1dAwD9XyAHBHv9DAAAAAAAAAAAAAAAAAAAAAAFIAAgBWogCWr9XQMA/V8L/fAB/fIB/fAB/V79WwMAACAKIAv9WwMAACADQQJqIQMMAQsLA0AgAiADSgRAIANBAnQiCSAAaiIKKgIAuyEMIAogDEQAAAAAAADgP6IgBCAJaiIKKgIAuyAHBHxEAAAAAAAAAAAFIAAgBWogCWoqAgC7C6BEAAAAAAAA0D+ioLY4AgAgCiAMtjgCACADQQFqIQMMAQsLIAZBAWohBiAAIAVqIQAMAQsLC70FAw9/BnsHfCAHIApsIRYgByAIbCAKbCEYIApBAnQhFQNAIAIgFEoEQCABIBRBAWpBAnRqKAIAIBRBAnQiESABaigCACIZayETIAMgBCARaigCAEECdGohGiADIAUgEWooAgBBAnRqIRtBACESA0AgEiATSARAAkAgACASIBlqQQxsaiIRKgIIuyIoIA9mIBAgKGRxRQ0AIBEqAgS7IAyhIA6iIimcIidEAAAAAAAAAABmIBEqAgC7IAuhIA6iIiqcIiZEAAAAAAAAAABmcSAoIA2hIA6iRAAAAAAAAOA/oJwiKEQAAAAAAAAAAGZxIAe3ICZEAAAAAAAA8D+gZHEgCLcgJ0QAAAAAAADwP6BkcSAoIAm3Y3FFDQBEAAAAAAAA4D9EAAAAAAAA8D8gEkUiESASIBNBAWtGchsiK0QAAAAAAADwPyApICehIimhoiEsICsgKaIhKUQAAAAAAADwPyAqICahIiqhISsgBiAo/AIgGGwgJ/wCIBZsaiAm/AIgCmxqQQJ0aiIXIBVqIRwgFyAWQQJ0aiIdIBVqIR4gEQR8RAAAAAAAAAAABSASIBNBAWtGBHwgE0ECa7cgE7ejBSASt0QAAAAAAADgv6AgE7ejCwu2/RMhICArICyitv0TISEgKiAsorb9EyEiICsgKaK2/RMhIyAqICmitv0TISRBACERA0AgESAVSQRAIBEgF2oiHyAf/QAEACAhIBEgGmr9AAQAIiUgICARIBtq/QAEACAl/eUB/eYB/eQBIiX95gH95AH9CwQAIBEgHGoiHyAf/QAEACAiICX95gH95AH9CwQAIBEgHWoiHyAf/QAEACAjICX95gH95AH9CwQAIBEgHmoiHyAf/QAEACAkICX95gH95AH9CwQAIBFBEGohEQwBCwsLIBJBAWohEgwBCwsgFEEBaiEUDAELCwvBBAMEfAN7Bn8gAUEDSCADQQBMcgRADwsgAkEBRgRAIAAiAiABQQFrQQxsaiEEA0AgAyANSgRAIAL9AAQAIQsgAkEMaiIA/QAEACEJA0AgACAESQRAIAAgCyAJ/eQBIABBDGoiAf0ABAAiCv3kAf0MAABAQAAAQEAAAEBAAABAQP3nASIL/VsDAAAgAEEIaiAL/VoCAAIgCSELIAohCSABIQAMAQsLIA1BAWohDQwBCwsPCyABQQFrIRADQCADIA9KBEBBACENA0AgDSABQQNsSARAIAQgDUEDdGogACANQQJ0aioCALs5AwAgDUEBaiENDAELC0QAAAAAAAAAACEIRAAAAAAAAAAAIQVEAAAAAAAAAAAhByAQIAJBAWoiDCAMIBBKGyENQQAhDgNAIA0gDk4EQCAIIAQgDkEYbGoiDCsDAKAhCCAFIAwrAwigIQUgByAMKwMQoCEHIA5BAWohDgwBCwtBACEOQQEhEQNAIBAgEUoEQCARQQFKBEAgAiARaiIMIBBMBEAgCCAEIAwiDUEYbGoiDCsDAKAhCCAHIAwrAxCgIQcgBSAMKwMIoCEFCyARIAJrQQFrIgxBAE4EQCAMQQFqIQ4gCCAEIAxBGGxqIgwrAwChIQggByAMKwMQoSEHIAUgDCsDCKEhBQsLIAAgEUEMbGoiDCAIRAAAAAAAAPA/IA0gDmtBAWq3oyIGorY4AgAgDCAFIAaitjgCBCAMIAcgBqK2OAIIIBFBAWohEQwBCwsgD0EBaiEPDAELCwueBQIOfAN/IAMgBWshGCAGIAKiIRYgACABQQFrQQxsaiEFIAQgACoCADgCACAEIAAqAgQ4AgQgBCAAKgIIOAIIQQEhAyAAKgIAuyIGIRMgACoCBLsiDCEUIAAqAgi7Ig0hFSAGIQkgDCEKIA0hC0EBIRcDQCADIBhIIAEgF0pxBEAgACAXQQxsaiIZKgIAuyIQIAahIg4gDqIgGSoCBLsiESAMoSIOIA6ioCAZKgIIuyIOIA2hIg8gD6KgnyEPA0AgAyAYSCAPIBZmcQRAIAYhEyAMIRQgDSEVIARBDGoiBCAJIBAgCaFEAAAAAAAAAABEAAAAAAAA8D8gAiASoSAPIBKhIgajRAAAAAAAAPA/IAZEAAAAAAAAAABkGyIGIAZEAAAAAAAA8D9kGyAGRAAAAAAAAAAAYxsiBqKgtjgCACAEIAogESAKoSAGoqC2OAIEIAQgCyAOIAuhIAaioLY4AgggA0EBaiEDIBAgBCoCALsiBqEiCSAJoiARIAQqAgS7IgyhIgkgCaKgIA4gBCoCCLsiDaEiCSAJoqCfIQ8gBiEJIAwhCiANIQtEAAAAAAAAAAAhEgwBCwsgECEJIBEhCiAOIQsgDyESIBdBAWohFwwBCwsgBSoCALshCyAFKgIEuyEKIAUqAgi7IQkgA0EBSgRAIAsgBqEiBiAGoiAKIAyhIgYgBqKgIAkgDaEiBiAGoqCfIgYgByAComMEQCAEQQxrIQQgA0EBayEDBSAGIAggAqJjBEAgBCATIAugRAAAAAAAAOA/orY4AgAgBCAUIAqgRAAAAAAAAOA/orY4AgQgBCAVIAmgRAAAAAAAAOA/orY4AggLCwsgBEEMaiAFKgIAOAIAIAQgBSoCBDgCECAEIAUqAgg4AhQgA0EBagtwAgF8An8gA0ECdCEGA0AgASAFSgRARAAAAAAAAAAAIQRBACEDA0AgAiADSgRAIAQgACADQQJ0aioCALsiBCAEoqAhBCADQQFqIQMMAQsLIAAgAkECdGogBJ+2OAIAIAVBAWohBSAAIAZqIQAMAQsLC8IHAxB/BnsJfCAMQQJ0IR0DQCACIBdKBEAgASAXQQFqQQJ0aigCACAXQQJ0IhQgAWooAgAiHmshGSADIAQgFGooAgBBAnRqIR8gAyAFIBRqKAIAQQJ0aiEjQQEhFQNAIBVBAWogGUgEQCAAIBUgHmpBDGxqIhYqAgC7ISsgFioCBLshLAJAIBYqAgi7IiogEmYgEyAqZHFFDQAgLCAOoSAQoiIvnCIwRAAAAAAAAPA/ZiArIA2hIBCiIjGcIi1EAAAAAAAA8D9mcSAqIA+hIBCiIi6cIjJEAAAAAAAA8D9mcSAItyAtRAAAAAAAAPA/oGRxIAm3IDBEAAAAAAAA8D+gZHEgCrcgMkQAAAAAAADwP6BkcUUNACAHIC38AiAw/AIgMvwCIAlsaiAIbGogDGxBAnRqIhhBf0EBIDEgLaFEAAAAAAAA4D9jGyIgIAxsQQJ0aiEaIBhBf0EBIC8gMKFEAAAAAAAA4D9jGyIhIAhsIAxsQQJ0aiEbIBhBf0EBIC4gMqFEAAAAAAAA4D9jGyIiIAhsIAlsIAxsQQJ0aiEcIAtBAnQiFCAYaioCAEMAAAAAXgR/IBQgGmoqAgBDAAAAAF4FQQALBH8gFCAbaioCAEMAAAAAXgVBAAsEfyAUIBxqKgIAQwAAAABeBUEAC0UNACAVtyAZt6O2/RMhKP0MAAAAAAAAAAAAAAAAAAAAACEk/QwAAAAAAAAAAAAAAAAAAAAAISX9DAAAAAAAAAAAAAAAAAAAAAAhJv0MAAAAAAAAAAAAAAAAAAAAACEnQQAhFANAIBQgHUkEQCAkIBQgH2r9AAQAIiQgKCAUICNq/QAEACAk/eUB/eYB/eQBIAYgFGr9AAQA/eQBIikgFCAYav0ABAD95gH95AEhJCAlICkgFCAaav0ABAD95gH95AEhJSAmICkgFCAbav0ABAD95gH95AEhJiAnICkgFCAcav0ABAD95gH95AEhJyAUQRBqIRQMAQsLICX9HwAgJf0fAZIgJf0fAiAl/R8DkpK7ICT9HwAgJP0fAZIgJP0fAiAk/R8DkpK7Ii2hICC3oiIuIC6iICb9HwAgJv0fAZIgJv0fAiAm/R8DkpK7IC2hICG3oiIvIC+ioCAn/R8AICf9HwGSICf9HwIgJ/0fA5KSuyAtoSAit6IiLSAtoqCfIjBEAAAAAAAAAABkRQ0AIBYgKyAuIBEgMKMiK6KgtjgCACAWICwgLyAroqC2OAIEIBYgKiAtICuioLY4AggLIBVBAWohFQwBCwsgF0EBaiEXDAELCwu9AQEEfyALIAJBAnRqKAIAIRMDQCACIANIBEAgEyAMayAOaiANSgRAIAIPCyABIAJBAWpBAnRqKAIAIAEgAkECdGooAgAiFWshFCAAIBVBDGxqIRUgBEEASgRAIBUgFEEBIBS3IAWiIAaiRAAAAAAAAFlAo5z8AiIWIBZBAUwbIAQgBxACCyALIAJBAWoiAkECdGogFSAUIAggCSAKIBMgDGtBDGxqIA8gECARIBIQAyATaiITNgIADAELCyADC8EBAQZ/IAEgBGwiCyACbCEKA0AgBSAMSgRAQQAhCANAIAMgCEoEQCAAIAggCmxBAnRqIQ1BACEJA0AgAiAJSgRAIA0gCSALbEECdGogASAEIAQgBxAAIAlBAWohCQwBCwsgDSACIAsgCyAHEAAgCEEBaiEIDAELCyADQQFKBEBBACEIA0AgCCAKSARAIAAgCEECdGogAyAGIAogCGsiCSAGIAlIGyAKIAcQACAGIAhqIQgMAQsLCyAMQQFqIQwMAQsLCw==';

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
