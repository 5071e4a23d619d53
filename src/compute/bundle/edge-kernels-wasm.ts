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
  'AGFzbQEAAAABhwEKYAV/f39/fwBgCX9/f3x/f39/fwBgEX9/f39/f39/f39/fHx8fHx8AGAJf398f39/fHx8AX9gBX9/f398AGAUf39/f39/f39/f39/f3x8fHx8fHwAYBN/f39/f3x8f3x/f39/f39/fHx8AX9gB39/f398f38AYAh/f39/f39/fwBgA39/fwADDAsAAQIAAwQFBgcICQUDAQAQB0wIBGJsdXIACQNhZGQACgVub3JtcwAFBXNwbGF0AAIIZ3JhZGllbnQABgZmaW5pc2gABw5lcGFuZWNobmlrb3YyZAAIBm1lbW9yeQIACrwkC9wCAwZ/AXsBfCACQX5xIQggA0ECdCEFIARBACACQQJ0/AsAA0AgASAGSgRAIAZBAWogAUYhB0EAIQMDQCADIAhIBEAgA0ECdCIJIABqIgr9XQMAIQsgCv0MAAAAAAAA4D8AAAAAAADgPyAL/V/98gH9DAAAAAAAANA/AAAAAAAA0D8gBCAJaiIK/V0DAP1fIAcEe/0MAAAAAAAAAAAAAAAAAAAAAAUgACAFaiAJav1dAwD9Xwv98AH98gH98AH9Xv1bAwAAIAogC/1bAwAAIANBAmohAwwBCwsDQCACIANKBEAgA0ECdCIJIABqIgoqAgC7IQwgCiAMRAAAAAAAAOA/oiAEIAlqIgoqAgC7IAcEfEQAAAAAAAAAAAUgACAFaiAJaioCALsLoEQAAAAAAADQP6KgtjgCACAKIAy2OAIAIANBAWohAwwBCwsgBkEBaiEGIAAgBWohAAwBCwsLlAUDCn8KewF8IAggACACQQJ0IgwgAWz8CgAARAAAAAAAAPA/IAMgA6Kj/RQhFiAEtyIDIAOi/RQhFyAEQQFqtyIdIB2i/RQhGCAD/RQhGSAd/RQhGgNAIAIgCkoEQP0MAAAAAAAAAAAAAAAAAAAAACET/QwAAAAAAAAAAAAAAAAAAAAAIRT9DAAAAAAAAAAAAAAAAAAAAAAhFUEAIQkDQCABIAlKIAQgCU5xBEAgEyAIIAkgDGxqIApBAnRq/V0DAP1fIhv98AEhEyAUIAm3/RQiHCAb/fIB/fABIRQgFSAcIBz98gEgG/3yAf3wASEVIAlBAWohCQwBCwsgCkEDdCIJIAVqIBP9CwQAIAYgCWogFP0LBAAgByAJaiAV/QsEACAKQQJqIQoMAQsLA0AgASALSgRAIAAgCyAMbGohCSALQQFqIARqIgogAUghDSALIARrIhBBAE4hDiAIIAogDGxqIQ8gCCAMIBBsaiEQQQAhCgNAIAIgCkoEQCAKQQN0IhEgBWr9AAQAIRMgBiARav0ABAAhFCAJIApBAnQiEmogEyAHIBFq/QAEACIVIBb98gH98QH9Xv1bAwAAIA0EeyAPIBJq/V0DAP1fBf0MAAAAAAAAAAAAAAAAAAAAAAshGyAFIBFqIBMgDgR7IBAgEmr9XQMA/V8F/QwAAAAAAAAAAAAAAAAAAAAACyIT/fEBIBv98AEiHP0LBAAgBiARaiAUIBkgE/3yAf3wASAaIBv98gH98AEgHP3xASIU/QsEACAHIBFqIBUgFyAT/fIB/fEBIBggG/3yAf3wAf0MAAAAAAAAAEAAAAAAAAAAQCAU/fIB/fEBIBz98QH9CwQAIApBAmohCgwBCwsgC0EBaiELDAELCwu9BQMPfwZ7B3wgByAKbCEWIAcgCGwgCmwhGCAKQQJ0IRUDQCACIBRKBEAgASAUQQFqQQJ0aigCACAUQQJ0IhEgAWooAgAiGWshEyADIAQgEWooAgBBAnRqIRogAyAFIBFqKAIAQQJ0aiEbQQAhEgNAIBIgE0gEQAJAIAAgEiAZakEMbGoiESoCCLsiKCAPZiAQIChkcUUNACARKgIEuyAMoSAOoiIpnCInRAAAAAAAAAAAZiARKgIAuyALoSAOoiIqnCImRAAAAAAAAAAAZnEgKCANoSAOokQAAAAAAADgP6CcIihEAAAAAAAAAABmcSAHtyAmRAAAAAAAAPA/oGRxIAi3ICdEAAAAAAAA8D+gZHEgKCAJt2NxRQ0ARAAAAAAAAOA/RAAAAAAAAPA/IBJFIhEgEiATQQFrRnIbIitEAAAAAAAA8D8gKSAnoSIpoaIhLCArICmiISlEAAAAAAAA8D8gKiAmoSIqoSErIAYgKPwCIBhsICf8AiAWbGogJvwCIApsakECdGoiFyAVaiEcIBcgFkECdGoiHSAVaiEeIBEEfEQAAAAAAAAAAAUgEiATQQFrRgR8IBNBAmu3IBO3owUgErdEAAAAAAAA4L+gIBO3owsLtv0TISAgKyAsorb9EyEhICogLKK2/RMhIiArICmitv0TISMgKiAporb9EyEkQQAhEQNAIBEgFUkEQCARIBdqIh8gH/0ABAAgISARIBpq/QAEACIlICAgESAbav0ABAAgJf3lAf3mAf3kASIl/eYB/eQB/QsEACARIBxqIh8gH/0ABAAgIiAl/eYB/eQB/QsEACARIB1qIh8gH/0ABAAgIyAl/eYB/eQB/QsEACARIB5qIh8gH/0ABAAgJCAl/eYB/eQB/QsEACARQRBqIREMAQsLCyASQQFqIRIMAQsLIBRBAWohFAwBCwsLwQQDBHwDewZ/IAFBA0ggA0EATHIEQA8LIAJBAUYEQCAAIgIgAUEBa0EMbGohBANAIAMgDUoEQCAC/QAEACELIAJBDGoiAP0ABAAhCQNAIAAgBEkEQCAAIAsgCf3kASAAQQxqIgH9AAQAIgr95AH9DKuqqj6rqqo+q6qqPquqqj795gEiC/1bAwAAIABBCGogC/1aAgACIAkhCyAKIQkgASEADAELCyANQQFqIQ0MAQsLDwsgAUEBayEQA0AgAyAPSgRAQQAhDQNAIA0gAUEDbEgEQCAEIA1BA3RqIAAgDUECdGoqAgC7OQMAIA1BAWohDQwBCwtEAAAAAAAAAAAhCEQAAAAAAAAAACEFRAAAAAAAAAAAIQcgECACQQFqIgwgDCAQShshDUEAIQ4DQCANIA5OBEAgCCAEIA5BGGxqIgwrAwCgIQggBSAMKwMIoCEFIAcgDCsDEKAhByAOQQFqIQ4MAQsLQQAhDkEBIREDQCAQIBFKBEAgEUEBSgRAIAIgEWoiDCAQTARAIAggBCAMIg1BGGxqIgwrAwCgIQggByAMKwMQoCEHIAUgDCsDCKAhBQsgESACa0EBayIMQQBOBEAgDEEBaiEOIAggBCAMQRhsaiIMKwMAoSEIIAcgDCsDEKEhByAFIAwrAwihIQULCyAAIBFBDGxqIgwgCEQAAAAAAADwPyANIA5rQQFqt6MiBqK2OAIAIAwgBSAGorY4AgQgDCAHIAaitjgCCCARQQFqIREMAQsLIA9BAWohDwwBCwsLngUCDnwDfyADIAVrIRggBiACoiEWIAAgAUEBa0EMbGohBSAEIAAqAgA4AgAgBCAAKgIEOAIEIAQgACoCCDgCCEEBIQMgACoCALsiBiETIAAqAgS7IgwhFCAAKgIIuyINIRUgBiEJIAwhCiANIQtBASEXA0AgAyAYSCABIBdKcQRAIAAgF0EMbGoiGSoCALsiECAGoSIOIA6iIBkqAgS7IhEgDKEiDiAOoqAgGSoCCLsiDiANoSIPIA+ioJ8hDwNAIAMgGEggDyAWZnEEQCAGIRMgDCEUIA0hFSAEQQxqIgQgCSAQIAmhRAAAAAAAAAAARAAAAAAAAPA/IAIgEqEgDyASoSIGo0QAAAAAAADwPyAGRAAAAAAAAAAAZBsiBiAGRAAAAAAAAPA/ZBsgBkQAAAAAAAAAAGMbIgaioLY4AgAgBCAKIBEgCqEgBqKgtjgCBCAEIAsgDiALoSAGoqC2OAIIIANBAWohAyAQIAQqAgC7IgahIgkgCaIgESAEKgIEuyIMoSIJIAmioCAOIAQqAgi7Ig2hIgkgCaKgnyEPIAYhCSAMIQogDSELRAAAAAAAAAAAIRIMAQsLIBAhCSARIQogDiELIA8hEiAXQQFqIRcMAQsLIAUqAgC7IQsgBSoCBLshCiAFKgIIuyEJIANBAUoEQCALIAahIgYgBqIgCiAMoSIGIAaioCAJIA2hIgYgBqKgnyIGIAcgAqJjBEAgBEEMayEEIANBAWshAwUgBiAIIAKiYwRAIAQgEyALoEQAAAAAAADgP6K2OAIAIAQgFCAKoEQAAAAAAADgP6K2OAIEIAQgFSAJoEQAAAAAAADgP6K2OAIICwsLIARBDGogBSoCADgCACAEIAUqAgQ4AhAgBCAFKgIIOAIUIANBAWoLrAECAXwCfyADQQJ0IQcDQCABIAZKBEBEAAAAAAAAAAAhBUEAIQMDQCACIANKBEAgBSAAIANBAnRqKgIAuyIFIAWioCEFIANBAWohAwwBCwsgBZ8hBSAAIAJBAnRqIAREAAAAAAAAAABkBHwgBSAEoiIFIAWiIgUgBUQAAAAAAADwPaKcRAAAAAAAAPBBoqGfIASjBSAFC7Y4AgAgBkEBaiEGIAAgB2ohAAwBCwsLwgcDEH8Gewl8IAxBAnQhHQNAIAIgF0oEQCABIBdBAWpBAnRqKAIAIBdBAnQiFCABaigCACIeayEZIAMgBCAUaigCAEECdGohHyADIAUgFGooAgBBAnRqISNBASEVA0AgFUEBaiAZSARAIAAgFSAeakEMbGoiFioCALshKyAWKgIEuyEsAkAgFioCCLsiKiASZiATICpkcUUNACAsIA6hIBCiIi+cIjBEAAAAAAAA8D9mICsgDaEgEKIiMZwiLUQAAAAAAADwP2ZxICogD6EgEKIiLpwiMkQAAAAAAADwP2ZxIAi3IC1EAAAAAAAA8D+gZHEgCbcgMEQAAAAAAADwP6BkcSAKtyAyRAAAAAAAAPA/oGRxRQ0AIAcgLfwCIDD8AiAy/AIgCWxqIAhsaiAMbEECdGoiGEF/QQEgMSAtoUQAAAAAAADgP2MbIiAgDGxBAnRqIRogGEF/QQEgLyAwoUQAAAAAAADgP2MbIiEgCGwgDGxBAnRqIRsgGEF/QQEgLiAyoUQAAAAAAADgP2MbIiIgCGwgCWwgDGxBAnRqIRwgC0ECdCIUIBhqKgIAQwAAAABeBH8gFCAaaioCAEMAAAAAXgVBAAsEfyAUIBtqKgIAQwAAAABeBUEACwR/IBQgHGoqAgBDAAAAAF4FQQALRQ0AIBW3IBm3o7b9EyEo/QwAAAAAAAAAAAAAAAAAAAAAIST9DAAAAAAAAAAAAAAAAAAAAAAhJf0MAAAAAAAAAAAAAAAAAAAAACEm/QwAAAAAAAAAAAAAAAAAAAAAISdBACEUA0AgFCAdSQRAICQgFCAfav0ABAAiJCAoIBQgI2r9AAQAICT95QH95gH95AEgBiAUav0ABAD95AEiKSAUIBhq/QAEAP3mAf3kASEkICUgKSAUIBpq/QAEAP3mAf3kASElICYgKSAUIBtq/QAEAP3mAf3kASEmICcgKSAUIBxq/QAEAP3mAf3kASEnIBRBEGohFAwBCwsgJf0fACAl/R8BkiAl/R8CICX9HwOSkrsgJP0fACAk/R8BkiAk/R8CICT9HwOSkrsiLaEgILeiIi4gLqIgJv0fACAm/R8BkiAm/R8CICb9HwOSkrsgLaEgIbeiIi8gL6KgICf9HwAgJ/0fAZIgJ/0fAiAn/R8DkpK7IC2hICK3oiItIC2ioJ8iMEQAAAAAAAAAAGRFDQAgFiArIC4gESAwoyIroqC2OAIAIBYgLCAvICuioLY4AgQgFiAqIC0gK6KgtjgCCAsgFUEBaiEVDAELCyAXQQFqIRcMAQsLC70BAQR/IAsgAkECdGooAgAhEwNAIAIgA0gEQCATIAxrIA5qIA1KBEAgAg8LIAEgAkEBakECdGooAgAgASACQQJ0aigCACIVayEUIAAgFUEMbGohFSAEQQBKBEAgFSAUQQEgFLcgBaIgBqJEAAAAAAAAWUCjnPwCIhYgFkEBTBsgBCAHEAMLIAsgAkEBaiICQQJ0aiAVIBQgCCAJIAogEyAMa0EMbGogDyAQIBEgEhAEIBNqIhM2AgAMAQsLIAMLcwEFfyAGIAEgAmwgA2xBAnRBD2pBcHFqIgggASADbCIJQQN0IgtqIgogC2ohCwNAIAIgB0oEQCAAIAcgCWxBAnRqIAEgAyAEIAUgCCAKIAsgBhABIAdBAWohBwwBCwsgACACIAkgBCAFIAggCiALIAYQAQvBAQEGfyABIARsIgsgAmwhCgNAIAUgDEoEQEEAIQgDQCADIAhKBEAgACAIIApsQQJ0aiENQQAhCQNAIAIgCUoEQCANIAkgC2xBAnRqIAEgBCAEIAcQACAJQQFqIQkMAQsLIA0gAiALIAsgBxAAIAhBAWohCAwBCwsgA0EBSgRAQQAhCANAIAggCkgEQCAAIAhBAnRqIAMgBiAKIAhrIgkgBiAJSBsgCiAHEAAgBiAIaiEIDAELCwsgDEEBaiEMDAELCws8ACAAIAJBAnRqIQIDQCAAIAJJBEAgACAA/QAEACAB/QAEAP3kAf0LBAAgAEEQaiEAIAFBEGohAQwBCwsL';

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
