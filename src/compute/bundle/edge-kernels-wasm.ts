/**
 * The fast engine's edge-grid kernels in WASM (source: edge-kernels.as, AssemblyScript; SIMD where it
 * keeps the JS arithmetic): splat, binomial blur, norms, gradient step. Each gives the same bytes as
 * its JS version in fast-grid.ts / fast-edge-gap.ts, so results do not depend on the runtime. A
 * `WasmGrid` keeps its densities in the module's memory, so the kernels run on it in place; points
 * are copied in per call (12 bytes per point, cheap next to the work).
 *
 * Rebuild after editing edge-kernels.as (asc only reads .ts files), then paste the base64 below:
 *   cp src/compute/bundle/edge-kernels.as /tmp/edge-kernels.ts && npx asc /tmp/edge-kernels.ts \
 *     --enable simd -O3 --runtime stub --noAssert --initialMemory 16 -o /tmp/edge-kernels.wasm && base64 -w0 /tmp/edge-kernels.wasm
 */
import type { FastGrid } from './fast-grid';

const WASM_BASE64 =
  'AGFzbQEAAAABagdgBX9/f39/AGARf39/f39/f39/f398fHx8fHwAYAl/f3x/f398fHwBf2AEf39/fwBgFH9/f39/f39/f39/f3x8fHx8fHx8AGATf39/f398fH98f39/f39/f3x8fAF/YAh/f39/f39/fwADCQgAAQACAwQFBgUDAQAQBzUGBGJsdXIABwVub3JtcwAEBXNwbGF0AAEIZ3JhZGllbnQABQZmaW5pc2gABgZtZW1vcnkCAArXHgjcAgMGfwF7AXwgAkF+cSEIIANBAnQhBSAEQQAgAkECdPwLAANAIAEgBkoEQCAGQQFqIAFGIQdBACEDA0AgAyAISARAIANBAnQiCSAAaiIK/V0DACELIAr9DAAAAAAAAOA/AAAAAAAA4D8gC/1f/fIB/QwAAAAAAADQPwAAAAAAANA/IAQgCWoiCv1dAwD9XyAHBHv9DAAAAAAAAAAAAAAAAAAAAAAFIAAgBWogCWr9XQMA/V8L/fAB/fIB/fAB/V79WwMAACAKIAv9WwMAACADQQJqIQMMAQsLA0AgAiADSgRAIANBAnQiCSAAaiIKKgIAuyEMIAogDEQAAAAAAADgP6IgBCAJaiIKKgIAuyAHBHxEAAAAAAAAAAAFIAAgBWogCWoqAgC7C6BEAAAAAAAA0D+ioLY4AgAgCiAMtjgCACADQQFqIQMMAQsLIAZBAWohBiAAIAVqIQAMAQsLC/YGAxB/BnsJfCAHIApsIRYgByAIbCAKbCEbIApBfnEhHANAIAIgFEoEQCABIBRBAWpBAnRqKAIAIBRBAnQiESABaigCACIdayETIAMgBCARaigCAEEDdGohFyADIAUgEWooAgBBA3RqIRhBACESA0AgEiATSARAAkAgACASIB1qQQxsaiIRKgIIuyIoIA9mIBAgKGRxRQ0AIBEqAgS7IAyhIA6iIimcIitEAAAAAAAAAABmIBEqAgC7IAuhIA6iIiycIidEAAAAAAAAAABmcSAoIA2hIA6iRAAAAAAAAOA/oJwiKkQAAAAAAAAAAGZxIAe3ICdEAAAAAAAA8D+gZHEgCLcgK0QAAAAAAADwP6BkcSAqIAm3Y3FFDQBEAAAAAAAA8D8gLCAnoSIooSIsRAAAAAAAAOA/RAAAAAAAAPA/IBJFIhEgEiATQQFrRnIbIi1EAAAAAAAA8D8gKSAroSIpoaIiLqIhLyAsIC0gKaIiKaIhLCAGICr8AiAbbCAr/AIgFmxqICf8AiAKbGpBAnRqIhUgCkECdCIaaiEZIBogFSAWQQJ0aiIeaiEaIBEEfEQAAAAAAAAAAAUgEiATQQFrRgR8IBNBAmu3IBO3owUgErdEAAAAAAAA4L+gIBO3owsLIif9FCEhIC/9FCEiICggLqIiKv0UISMgLP0UISQgKCApoiIo/RQhJUEAIREDQCARIBxIBEAgEUECdCIfIBVqIiAgIP1dAwD9XyAiIBFBA3QiICAXav0ABAAiJiAhIBggIGr9AAQAICb98QH98gH98AEiJv3yAf3wAf1e/VsDAAAgGSAfaiIgICD9XQMA/V8gIyAm/fIB/fAB/V79WwMAACAeIB9qIiAgIP1dAwD9XyAkICb98gH98AH9Xv1bAwAAIBogH2oiHyAf/V0DAP1fICUgJv3yAf3wAf1e/VsDAAAgEUECaiERDAELCwNAIAogEUoEQCARQQJ0Ih8gFWoiICAgKgIAuyAvIBFBA3QiICAXaisDACIpICcgGCAgaisDACApoaKgIimioLY4AgAgGSAfaiIgICAqAgC7ICogKaKgtjgCACAeIB9qIiAgICoCALsgLCApoqC2OAIAIBogH2oiHyAfKgIAuyAoICmioLY4AgAgEUEBaiERDAELCwsgEkEBaiESDAELCyAUQQFqIRQMAQsLC/MEAgV8Bn8gAUEDSCADQQBMcgRADwsgAkEBRgRAIAAgAUEBa0EMbGohAgNAIAMgC0oEQCAAKgIAuyEJIAAqAgS7IQUgACoCCLshCCAAQQxqIQEDQCABIAJJBEAgASoCBLshByABKgIIuyEGIAEgCSABKgIAuyIJoCABKgIMu6BEAAAAAAAACECjtjgCACABIAUgB6AgASoCELugRAAAAAAAAAhAo7Y4AgQgASAIIAagIAEqAhS7oEQAAAAAAAAIQKO2OAIIIAchBSAGIQggAUEMaiEBDAELCyALQQFqIQsMAQsLDwsgAUEBayEOA0AgAyANSgRAQQAhCwNAIAsgAUEDbEgEQCAEIAtBA3RqIAAgC0ECdGoqAgC7OQMAIAtBAWohCwwBCwtEAAAAAAAAAAAhCUQAAAAAAAAAACEFRAAAAAAAAAAAIQggDiACQQFqIgogCiAOShshC0EAIQwDQCALIAxOBEAgCSAEIAxBGGxqIgorAwCgIQkgBSAKKwMIoCEFIAggCisDEKAhCCAMQQFqIQwMAQsLQQAhDEEBIQ8DQCAOIA9KBEAgD0EBSgRAIAIgD2oiCiAOTARAIAkgBCAKIgtBGGxqIgorAwCgIQkgCCAKKwMQoCEIIAUgCisDCKAhBQsgDyACa0EBayIKQQBOBEAgCkEBaiEMIAkgBCAKQRhsaiIKKwMAoSEJIAggCisDEKEhCCAFIAorAwihIQULCyAAIA9BDGxqIgogCUQAAAAAAADwPyALIAxrQQFqt6MiBqK2OAIAIAogBSAGorY4AgQgCiAIIAaitjgCCCAPQQFqIQ8MAQsLIA1BAWohDQwBCwsLngUCDnwDfyADIAVrIRggBiACoiEWIAAgAUEBa0EMbGohBSAEIAAqAgA4AgAgBCAAKgIEOAIEIAQgACoCCDgCCEEBIQMgACoCALsiBiETIAAqAgS7IgwhFCAAKgIIuyINIRUgBiEJIAwhCiANIQtBASEXA0AgAyAYSCABIBdKcQRAIAAgF0EMbGoiGSoCALsiECAGoSIOIA6iIBkqAgS7IhEgDKEiDiAOoqAgGSoCCLsiDiANoSIPIA+ioJ8hDwNAIAMgGEggDyAWZnEEQCAGIRMgDCEUIA0hFSAEQQxqIgQgCSAQIAmhRAAAAAAAAAAARAAAAAAAAPA/IAIgEqEgDyASoSIGo0QAAAAAAADwPyAGRAAAAAAAAAAAZBsiBiAGRAAAAAAAAPA/ZBsgBkQAAAAAAAAAAGMbIgaioLY4AgAgBCAKIBEgCqEgBqKgtjgCBCAEIAsgDiALoSAGoqC2OAIIIANBAWohAyAQIAQqAgC7IgahIgkgCaIgESAEKgIEuyIMoSIJIAmioCAOIAQqAgi7Ig2hIgkgCaKgnyEPIAYhCSAMIQogDSELRAAAAAAAAAAAIRIMAQsLIBAhCSARIQogDiELIA8hEiAXQQFqIRcMAQsLIAUqAgC7IQsgBSoCBLshCiAFKgIIuyEJIANBAUoEQCALIAahIgYgBqIgCiAMoSIGIAaioCAJIA2hIgYgBqKgnyIGIAcgAqJjBEAgBEEMayEEIANBAWshAwUgBiAIIAKiYwRAIAQgEyALoEQAAAAAAADgP6K2OAIAIAQgFCAKoEQAAAAAAADgP6K2OAIEIAQgFSAJoEQAAAAAAADgP6K2OAIICwsLIARBDGogBSoCADgCACAEIAUqAgQ4AhAgBCAFKgIIOAIUIANBAWoLYwIBfAJ/A0AgAiAFSgRARAAAAAAAAAAAIQRBACEGA0AgAyAGSgRAIAQgACoCALsiBCAEoqAhBCAGQQFqIQYgAEEEaiEADAELCyABIAVBAnRqIASftjgCACAFQQFqIQUMAQsLC4MHAgp8FH8DQCACICBKBEAgASAgQQFqQQJ0aigCACAgQQJ0Ih4gAWooAgAiJGshIiADIAQgHmooAgBBA3RqISUgAyAFIB5qKAIAQQN0aiEmQQEhHgNAIB5BAWogIkgEQCAAIB4gJGpBDGxqIjAqAgC7IRkgMCoCBLshGgJAIDAqAgi7IhggEmYgEyAYZHFFDQAgGiANoSAPoiIVnCIWRAAAAAAAAPA/ZiAZIAyhIA+iIhecIhxEAAAAAAAA8D9mcSAYIA6hIA+iIh2cIhREAAAAAAAA8D9mcSAItyAcRAAAAAAAAPA/oGRxIAm3IBZEAAAAAAAA8D+gZHEgCrcgFEQAAAAAAADwP6BkcUUNACAetyAit6MhGyAc/AIgFvwCIBT8AiAJbGogCGxqIiFBf0EBIBcgHKFEAAAAAAAA4D9jGyInaiEjIAYgCyAhbEECdGohKCAGIAsgI2xBAnRqISkgBiAhQX9BASAVIBahRAAAAAAAAOA/YxsiKiAIbGoiKyALbEECdGohLCAGICFBf0EBIB0gFKFEAAAAAAAA4D9jGyItIAhsIAlsaiIuIAtsQQJ0aiEvRAAAAAAAAAAAIRZEAAAAAAAAAAAhFEQAAAAAAAAAACEVRAAAAAAAAAAAIRdBACEfA0AgCyAfSgRAIBYgJSAfQQN0IjFqKwMAIhYgGyAmIDFqKwMAIBahoqAiHCAoIB9BAnQiMWoqAgC7oqAhFiAUIBwgKSAxaioCALuioCEUIBUgHCAsIDFqKgIAu6KgIRUgFyAcIC8gMWoqAgC7oqAhFyAfQQFqIR8MAQsLIBQgESAHICNBAnRqKgIAuyIUoqFEAAAAAAAAAAAgFEQAAAAAAAAAAGQbIBYgESAHICFBAnRqKgIAuyIUoqFEAAAAAAAAAAAgFEQAAAAAAAAAAGQbIhShICe3oiIWIBaiIBUgESAHICtBAnRqKgIAuyIVoqFEAAAAAAAAAAAgFUQAAAAAAAAAAGQbIBShICq3oiIVIBWioCAXIBEgByAuQQJ0aioCALsiF6KhRAAAAAAAAAAAIBdEAAAAAAAAAABkGyAUoSAtt6IiFCAUoqCfIhdEAAAAAAAAAABkRQ0AIDAgGSAWIBAgF6MiFqKgtjgCACAwIBogFSAWoqC2OAIEIDAgGCAUIBaioLY4AggLIB5BAWohHgwBCwsgIEEBaiEgDAELCwu9AQEEfyALIAJBAnRqKAIAIRMDQCACIANIBEAgEyAMayAOaiANSgRAIAIPCyABIAJBAWpBAnRqKAIAIAEgAkECdGooAgAiFWshFCAAIBVBDGxqIRUgBEEASgRAIBUgFEEBIBS3IAWiIAaiRAAAAAAAAFlAo5z8AiIWIBZBAUwbIAQgBxACCyALIAJBAWoiAkECdGogFSAUIAggCSAKIBMgDGtBDGxqIA8gECARIBIQAyATaiITNgIADAELCyADC8EBAQZ/IAEgBGwiCyACbCEKA0AgBSAMSgRAQQAhCANAIAMgCEoEQCAAIAggCmxBAnRqIQ1BACEJA0AgAiAJSgRAIA0gCSALbEECdGogASAEIAQgBxAAIAlBAWohCQwBCwsgDSACIAsgCyAHEAAgCEEBaiEIDAELCyADQQFKBEBBACEIA0AgCCAKSARAIAAgCEECdGogAyAGIAogCGsiCSAGIAlIGyAKIAcQACAGIAhqIQgMAQsLCyAMQQFqIQwMAQsLCw==';

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
    const voxels = nx * ny * nz;
    const scratchBytes = align(Math.max(nx * channels, Z_CHUNK) * 4);
    const dataAt = scratchBytes, normsAt = dataAt + align(voxels * channels * 4);
    const freeAt = normsAt + align(voxels * 4);
    this.reserve(freeAt);
    const grid = new WasmGrid(this, cell, ox, oy, oz, nx, ny, nz, channels, dataAt, normsAt, freeAt);
    grid.data.fill(0);
    return grid;
  }

  /** `passes` binomial passes of the grid, in place. */
  blur(grid: WasmGrid, passes: number): void {
    this.blurFn(grid.dataAt, grid.nx, grid.ny, grid.nz, grid.channels, passes, Z_CHUNK, 0);
  }

  /** Fills the grid's norms. */
  norms(grid: WasmGrid): void {
    this.normsFn(grid.dataAt, grid.normsAt, grid.nx * grid.ny * grid.nz, grid.channels);
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

/** A FastGrid whose densities and norms live in an EdgeKernels memory (views re-made after growth). */
export class WasmGrid implements FastGrid {
  private dataView: Float32Array;
  private normsView: Float32Array;
  private readonly voxels: number;

  constructor(
    readonly kernels: EdgeKernels,
    readonly cell: number, readonly ox: number, readonly oy: number, readonly oz: number,
    readonly nx: number, readonly ny: number, readonly nz: number, readonly channels: number,
    /** Byte offsets of the densities and norms, and of the first free byte after them. */
    readonly dataAt: number, readonly normsAt: number, readonly freeAt: number,
  ) {
    this.voxels = nx * ny * nz;
    this.dataView = this.view(dataAt, this.voxels * channels);
    this.normsView = this.view(normsAt, this.voxels);
  }

  private view(at: number, length: number): Float32Array {
    return new Float32Array(this.kernels.memory.buffer, at, length);
  }

  /**
   * nx·ny·nz·channels densities: a view on WASM memory, valid until the store's next grid. Its buffer
   * cannot be transferred: `slice()` it to send it to another worker.
   */
  get data(): Float32Array {
    if (this.dataView.buffer !== this.kernels.memory.buffer) this.dataView = this.view(this.dataAt, this.voxels * this.channels);
    return this.dataView;
  }

  /** nx·ny·nz values of ‖D‖ (a view like `data`). */
  get norms(): Float32Array {
    if (this.normsView.buffer !== this.kernels.memory.buffer) this.normsView = this.view(this.normsAt, this.voxels);
    return this.normsView;
  }
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
