/**
 * Large typed arrays a worker keeps from one job to the next, by name. Without it every job leaves its
 * polyline buffers (tens of MB on big networks) to the garbage collector, which frees array buffers
 * late: a worker's memory then held several jobs' worth (bench peak_mb). Arrays handed out are views
 * of the kept ones, valid until the next request under the same name.
 */
export class ArrayReuse {
  private readonly floats = new Map<string, Float32Array>();
  private readonly ints = new Map<string, Int32Array>();

  /** `n` floats under `name`, keeping the first `keep` of the previous request's contents (the rest is stale). */
  float32(name: string, n: number, keep = 0): Float32Array {
    let a = this.floats.get(name);
    if (a === undefined || a.length < n) {
      const grown = new Float32Array(Math.ceil(n * 1.25));
      if (a !== undefined && keep > 0) grown.set(a.subarray(0, keep));
      a = grown;
      this.floats.set(name, a);
    }
    return a.subarray(0, n);
  }

  /** `n` int32 values under `name` (contents stale). */
  int32(name: string, n: number): Int32Array {
    let a = this.ints.get(name);
    if (a === undefined || a.length < n) {
      a = new Int32Array(Math.ceil(n * 1.25));
      this.ints.set(name, a);
    }
    return a.subarray(0, n);
  }
}
