/**
 * The fast engine's edge-grid kernels in WASM (source: edge-kernels.as, AssemblyScript, with SIMD):
 * splat, binomial blur, norms, gradient step, smoothing and resample, and the node phase's Epanechnikov
 * blur. Each gives the same bytes as its JS version in fast-grid.ts / fast-edge-gap.ts, so results
 * do not depend on the runtime. A `WasmGrid` keeps its densities in the module's memory, so the
 * kernels run on it in place; points are copied in per call (12 bytes per point, cheap next to the work).
 *
 * Rebuild after editing edge-kernels.as (asc only reads .ts files), then paste the base64 below:
 *   cp src/compute/bundle/edge-kernels.as /tmp/edge-kernels.ts && npx asc /tmp/edge-kernels.ts \
 *     --enable simd -O3 --runtime stub --noAssert --initialMemory 16 -o /tmp/edge-kernels.wasm && base64 -w0 /tmp/edge-kernels.wasm
 */
import type { FastGrid } from './fast-grid';
import { voxelStride } from './voxel-layout';

const WASM_BASE64 =
  'AGFzbQEAAAABiQEKYAV/f39/fwBgCX9/f3x/f39/fwBgEn9/f39/f39/f39/fHx8fHx8fwBgCX9/fH9/f3x8fAF/YAV/f39/fABgFH9/f39/f39/f39/f398fHx8fHx8AGAUf39/f398fH98f39/f39/f3x8fH8Bf2AHf39/f3x/fwBgCH9/f39/f39/AGADf39/AAMMCwABAgADBAUGBwgJBQMBABAHTAgEYmx1cgAJA2FkZAAKBW5vcm1zAAUFc3BsYXQAAghncmFkaWVudAAGBmZpbmlzaAAHDmVwYW5lY2huaWtvdjJkAAgGbWVtb3J5AgAKgSoL3AIDBn8BewF8IAJBfnEhCCADQQJ0IQUgBEEAIAJBAnT8CwADQCABIAZKBEAgBkEBaiABRiEHQQAhAwNAIAMgCEgEQCADQQJ0IgkgAGoiCv1dAwAhCyAK/QwAAAAAAADgPwAAAAAAAOA/IAv9X/3yAf0MAAAAAAAA0D8AAAAAAADQPyAEIAlqIgr9XQMA/V8gBwR7/QwAAAAAAAAAAAAAAAAAAAAABSAAIAVqIAlq/V0DAP1fC/3wAf3yAf3wAf1e/VsDAAAgCiAL/VsDAAAgA0ECaiEDDAELCwNAIAIgA0oEQCADQQJ0IgkgAGoiCioCALshDCAKIAxEAAAAAAAA4D+iIAQgCWoiCioCALsgBwR8RAAAAAAAAAAABSAAIAVqIAlqKgIAuwugRAAAAAAAANA/oqC2OAIAIAogDLY4AgAgA0EBaiEDDAELCyAGQQFqIQYgACAFaiEADAELCwuUBQMKfwp7AXwgCCAAIAJBAnQiDCABbPwKAABEAAAAAAAA8D8gAyADoqP9FCEWIAS3IgMgA6L9FCEXIARBAWq3Ih0gHaL9FCEYIAP9FCEZIB39FCEaA0AgAiAKSgRA/QwAAAAAAAAAAAAAAAAAAAAAIRP9DAAAAAAAAAAAAAAAAAAAAAAhFP0MAAAAAAAAAAAAAAAAAAAAACEVQQAhCQNAIAEgCUogBCAJTnEEQCATIAggCSAMbGogCkECdGr9XQMA/V8iG/3wASETIBQgCbf9FCIcIBv98gH98AEhFCAVIBwgHP3yASAb/fIB/fABIRUgCUEBaiEJDAELCyAKQQN0IgkgBWogE/0LBAAgBiAJaiAU/QsEACAHIAlqIBX9CwQAIApBAmohCgwBCwsDQCABIAtKBEAgACALIAxsaiEJIAtBAWogBGoiCiABSCENIAsgBGsiEEEATiEOIAggCiAMbGohDyAIIAwgEGxqIRBBACEKA0AgAiAKSgRAIApBA3QiESAFav0ABAAhEyAGIBFq/QAEACEUIAkgCkECdCISaiATIAcgEWr9AAQAIhUgFv3yAf3xAf1e/VsDAAAgDQR7IA8gEmr9XQMA/V8F/QwAAAAAAAAAAAAAAAAAAAAACyEbIAUgEWogEyAOBHsgECASav1dAwD9XwX9DAAAAAAAAAAAAAAAAAAAAAALIhP98QEgG/3wASIc/QsEACAGIBFqIBQgGSAT/fIB/fABIBogG/3yAf3wASAc/fEBIhT9CwQAIAcgEWogFSAXIBP98gH98QEgGCAb/fIB/fAB/QwAAAAAAAAAQAAAAAAAAABAIBT98gH98QEgHP3xAf0LBAAgCkECaiEKDAELCyALQQFqIQsMAQsLC9oJAw5/BnsKfANAIAIgFUoEQCABIBVBAWpBAnRqKAIAIBVBAnQiEiABaigCACIYayEUIAMgBCASaigCAEECdGohFiADIAUgEmooAgBBAnRqIRdBACETA0AgEyAUSARAIAAgEyAYakEMbGoiGSoCALshKCAZKgIEuyEpIBkqAgi7ISpEAAAAAAAA4D9EAAAAAAAA8D8gE0UiEiATIBRBAWtGchshKyASBHxEAAAAAAAAAAAFIBMgFEEBa0YEfCAUQQJrtyAUt6MFIBO3RAAAAAAAAOC/oCAUt6MLCyEsAkAgDyAqZSAQICpkcUUNACApIAyhIA6iIi2cIi5EAAAAAAAAAABmICggC6EgDqIiL5wiJkQAAAAAAAAAAGZxICogDaEgDqJEAAAAAAAA4D+gnCInRAAAAAAAAAAAZnEgB7cgJkQAAAAAAADwP6BkcSAItyAuRAAAAAAAAPA/oGRxICcgCbdjcUUNACAGICf8AiAHIAhsIApsbCAHIApsIhIgLvwCbGogJvwCIApsakECdGoiGiAKQQJ0IhtqIRwgGiASQQJ0aiIdIBtqIR4gLLb9EyEgRAAAAAAAAPA/IC8gJqEiJqEiJyArRAAAAAAAAPA/IC0gLqEiLKGiIi2itv0TISEgJiAtorb9EyEiICcgKyAsoiInorb9EyEjICYgJ6K2/RMhJEEAIRIDQCASIBtJBEAgEiAaaiIfIB/9AAQAICEgEiAWav0ABAAiJSAgIBIgF2r9AAQAICX95QH95gH95AEiJf3mAf3kAf0LBAAgEiAcaiIfIB/9AAQAICIgJf3mAf3kAf0LBAAgEiAdaiIfIB/9AAQAICMgJf3mAf3kAf0LBAAgEiAeaiIfIB/9AAQAICQgJf3mAf3kAf0LBAAgEkEQaiESDAELCwsgE0EBaiAUSEEAIBEbBEAgKCAZKgIMu6BEAAAAAAAA4D+iISYgKSAZKgIQu6BEAAAAAAAA4D+iIScgE7cgFLejISgCQCAqIBkqAhS7oEQAAAAAAADgP6IiKSAPZiAQIClkcUUNACAnIAyhIA6iIiecIipEAAAAAAAAAABmICYgC6EgDqIiJpwiK0QAAAAAAAAAAGZxICkgDaEgDqJEAAAAAAAA4D+gnCIpRAAAAAAAAAAAZnEgB7cgK0QAAAAAAADwP6BkcSAItyAqRAAAAAAAAPA/oGRxICkgCbdjcUUNACAGICn8AiAHIAhsIApsbCAHIApsIhIgKvwCbGogK/wCIApsakECdGoiGSAKQQJ0IhpqIRsgGSASQQJ0aiIcIBpqIR0gKLb9EyEgRAAAAAAAAPA/ICYgK6EiJqEiKEQAAAAAAADwPyAnICqhIiehIimitv0TISEgJiAporb9EyEiICggJ6K2/RMhIyAmICeitv0TISRBACESA0AgEiAaSQRAIBIgGWoiHiAe/QAEACAhIBIgFmr9AAQAIiUgICASIBdq/QAEACAl/eUB/eYB/eQBIiX95gH95AH9CwQAIBIgG2oiHiAe/QAEACAiICX95gH95AH9CwQAIBIgHGoiHiAe/QAEACAjICX95gH95AH9CwQAIBIgHWoiHiAe/QAEACAkICX95gH95AH9CwQAIBJBEGohEgwBCwsLCyATQQFqIRMMAQsLIBVBAWohFQwBCwsLwQQDBHwDewZ/IAFBA0ggA0EATHIEQA8LIAJBAUYEQCAAIgIgAUEBa0EMbGohBANAIAMgDUoEQCAC/QAEACELIAJBDGoiAP0ABAAhCQNAIAAgBEkEQCAAIAsgCf3kASAAQQxqIgH9AAQAIgr95AH9DKuqqj6rqqo+q6qqPquqqj795gEiC/1bAwAAIABBCGogC/1aAgACIAkhCyAKIQkgASEADAELCyANQQFqIQ0MAQsLDwsgAUEBayEQA0AgAyAPSgRAQQAhDQNAIA0gAUEDbEgEQCAEIA1BA3RqIAAgDUECdGoqAgC7OQMAIA1BAWohDQwBCwtEAAAAAAAAAAAhCEQAAAAAAAAAACEFRAAAAAAAAAAAIQcgECACQQFqIgwgDCAQShshDUEAIQ4DQCANIA5OBEAgCCAEIA5BGGxqIgwrAwCgIQggBSAMKwMIoCEFIAcgDCsDEKAhByAOQQFqIQ4MAQsLQQAhDkEBIREDQCAQIBFKBEAgEUEBSgRAIAIgEWoiDCAQTARAIAggBCAMIg1BGGxqIgwrAwCgIQggByAMKwMQoCEHIAUgDCsDCKAhBQsgESACa0EBayIMQQBOBEAgDEEBaiEOIAggBCAMQRhsaiIMKwMAoSEIIAcgDCsDEKEhByAFIAwrAwihIQULCyAAIBFBDGxqIgwgCEQAAAAAAADwPyANIA5rQQFqt6MiBqK2OAIAIAwgBSAGorY4AgQgDCAHIAaitjgCCCARQQFqIREMAQsLIA9BAWohDwwBCwsLngUCDnwDfyADIAVrIRggBiACoiEWIAAgAUEBa0EMbGohBSAEIAAqAgA4AgAgBCAAKgIEOAIEIAQgACoCCDgCCEEBIQMgACoCALsiBiETIAAqAgS7IgwhFCAAKgIIuyINIRUgBiEJIAwhCiANIQtBASEXA0AgAyAYSCABIBdKcQRAIAAgF0EMbGoiGSoCALsiECAGoSIOIA6iIBkqAgS7IhEgDKEiDiAOoqAgGSoCCLsiDiANoSIPIA+ioJ8hDwNAIAMgGEggDyAWZnEEQCAGIRMgDCEUIA0hFSAEQQxqIgQgCSAQIAmhRAAAAAAAAAAARAAAAAAAAPA/IAIgEqEgDyASoSIGo0QAAAAAAADwPyAGRAAAAAAAAAAAZBsiBiAGRAAAAAAAAPA/ZBsgBkQAAAAAAAAAAGMbIgaioLY4AgAgBCAKIBEgCqEgBqKgtjgCBCAEIAsgDiALoSAGoqC2OAIIIANBAWohAyAQIAQqAgC7IgahIgkgCaIgESAEKgIEuyIMoSIJIAmioCAOIAQqAgi7Ig2hIgkgCaKgnyEPIAYhCSAMIQogDSELRAAAAAAAAAAAIRIMAQsLIBAhCSARIQogDiELIA8hEiAXQQFqIRcMAQsLIAUqAgC7IQsgBSoCBLshCiAFKgIIuyEJIANBAUoEQCALIAahIgYgBqIgCiAMoSIGIAaioCAJIA2hIgYgBqKgnyIGIAcgAqJjBEAgBEEMayEEIANBAWshAwUgBiAIIAKiYwRAIAQgEyALoEQAAAAAAADgP6K2OAIAIAQgFCAKoEQAAAAAAADgP6K2OAIEIAQgFSAJoEQAAAAAAADgP6K2OAIICwsLIARBDGogBSoCADgCACAEIAUqAgQ4AhAgBCAFKgIIOAIUIANBAWoLrAECAXwCfyADQQJ0IQcDQCABIAZKBEBEAAAAAAAAAAAhBUEAIQMDQCACIANKBEAgBSAAIANBAnRqKgIAuyIFIAWioCEFIANBAWohAwwBCwsgBZ8hBSAAIAJBAnRqIAREAAAAAAAAAABkBHwgBSAEoiIFIAWiIgUgBUQAAAAAAADwPaKcRAAAAAAAAPBBoqGfIASjBSAFC7Y4AgAgBkEBaiEGIAAgB2ohAAwBCwsLiQgDEH8Gewl8IAxBAnQhHQNAIAIgF0oEQCABIBdBAWpBAnRqKAIAIBdBAnQiFCABaigCACIeayEZIAMgBCAUaigCAEECdGohHyADIAUgFGooAgBBAnRqISBBASEVA0AgFUEBaiAZSARAIAAgFSAeakEMbGoiFioCALshLiAWKgIEuyErAkAgFioCCLsiKiASZiATICpkcUUNACArIA6hIBCiIi+cIjBEAAAAAAAA8D9mIC4gDaEgEKIiMZwiMkQAAAAAAADwP2ZxICogD6EgEKIiLJwiLUQAAAAAAADwP2ZxIAi3IDJEAAAAAAAA8D+gZHEgCbcgMEQAAAAAAADwP6BkcSAKtyAtRAAAAAAAAPA/oGRxRQ0AIAcgMvwCIDD8AiAt/AIgCWxqIAhsaiAMbEECdGoiGEF/QQEgMSAyoUQAAAAAAADgP2MbIiEgDGxBAnRqIRogGEF/QQEgLyAwoUQAAAAAAADgP2MbIiIgCGwgDGxBAnRqIRsgGEF/QQEgLCAtoUQAAAAAAADgP2MbIiMgCGwgCWwgDGxBAnRqIRwgC0ECdCIUIBhqKgIAQwAAAABeBH8gFCAaaioCAEMAAAAAXgVBAAsEfyAUIBtqKgIAQwAAAABeBUEACwR/IBQgHGoqAgBDAAAAAF4FQQALRQ0AIBW3IBm3o7b9EyEo/QwAAAAAAAAAAAAAAAAAAAAAIST9DAAAAAAAAAAAAAAAAAAAAAAhJf0MAAAAAAAAAAAAAAAAAAAAACEm/QwAAAAAAAAAAAAAAAAAAAAAISdBACEUA0AgFCAdSQRAICQgFCAfav0ABAAiJCAoIBQgIGr9AAQAICT95QH95gH95AEgBiAUav0ABAD95AEiKSAUIBhq/QAEAP3mAf3kASEkICUgKSAUIBpq/QAEAP3mAf3kASElICYgKSAUIBtq/QAEAP3mAf3kASEmICcgKSAUIBxq/QAEAP3mAf3kASEnIBRBEGohFAwBCwsgJCAl/Q0AAQIDCAkKCxAREhMYGRobICQgJf0NBAUGBwwNDg8UFRYXHB0eH/3kASIkICYgJ/0NAAECAwgJCgsQERITGBkaGyAmICf9DQQFBgcMDQ4PFBUWFxwdHh/95AEiJf0NAAECAwgJCgsQERITGBkaGyAkICX9DQQFBgcMDQ4PFBUWFxwdHh/95AEiJP0fALshLCAk/R8BuyAsoSAht6IiLSAtoiAk/R8CuyAsoSAit6IiLyAvoqAgJP0fA7sgLKEgI7eiIiwgLKKgnyIwRAAAAAAAAAAAZEUNACAWIC4gLSARIDCjIi2ioLY4AgAgFiArIC8gLaKgtjgCBCAWICogLCAtoqC2OAIICyAVQQFqIRUMAQsLIBdBAWohFwwBCwsLngICBH8DeyALIAJBAnRqKAIAIRUgE/0ABAAhGCAT/QAEECEZA0AgAiADSCANIBUgDGsgDmpOcQRAIAEgAkEBakECdGooAgAgASACQQJ0aigCACIUayEWIAAgFEEMbGohFCAEQQBKBEAgFCAWQQEgFrcgBaIgBqJEAAAAAAAAWUCjnPwCIhcgF0EBTBsgBCAHEAMLIBQgFiAIIAkgCiAVIAxrQQxsaiIUIA8gECARIBIQBCIWQQxsIBRqIRcDQCAUIBdJBEAgGCAUQQhqIBT9XQMA/VYCAAIiGv3qASEYIBkgGv3rASEZIBRBDGohFAwBCwsgCyACQQFqIgJBAnRqIBUgFmoiFTYCAAwBCwsgEyAY/QsEACATIBn9CwQQIAILcwEFfyAGIAEgAmwgA2xBAnRBD2pBcHFqIgggASADbCIJQQN0IgtqIgogC2ohCwNAIAIgB0oEQCAAIAcgCWxBAnRqIAEgAyAEIAUgCCAKIAsgBhABIAdBAWohBwwBCwsgACACIAkgBCAFIAggCiALIAYQAQvBAQEGfyABIARsIgsgAmwhCgNAIAUgDEoEQEEAIQgDQCADIAhKBEAgACAIIApsQQJ0aiENQQAhCQNAIAIgCUoEQCANIAkgC2xBAnRqIAEgBCAEIAcQACAJQQFqIQkMAQsLIA0gAiALIAsgBxAAIAhBAWohCAwBCwsgA0EBSgRAQQAhCANAIAggCkgEQCAAIAhBAnRqIAMgBiAKIAhrIgkgBiAJSBsgCiAHEAAgBiAIaiEIDAELCwsgDEEBaiEMDAELCws8ACAAIAJBAnRqIQIDQCAAIAJJBEAgACAA/QAEACAB/QAEAP3kAf0LBAAgAEEQaiEAIAFBEGohAQwBCwsL';

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
