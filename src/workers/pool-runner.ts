/**
 * Worker side of the worker pool, as a plain class around a `post` function (so it runs in Node
 * tests with fake ports). `pool-nodes`: prune, layout and `fast` node phase (worker 0), yielding
 * between levels. `pool-edges`: this worker's shares of the `fast` edge phase, level by level in
 * lock step with the other worker over a MessagePort (bounds, then the split gap's blurred partial
 * grid each way), one `pool-level` report per level. Every other message goes to an embedded JobRunner.
 */
import { createFastEdgeGaps, fastGapGrid, fastNormScale, type FastEdgePlan } from '../compute/bundle/fast-edge-phase';
import type { FastEdgeGap } from '../compute/bundle/fast-edge-gap';
import { addGrid, blurGrid, computeNorms, GridStore, type FastGrid } from '../compute/bundle/fast-grid';
import { EDGE_BLUR_PASSES } from '../compute/bundle/fast-tuning';
import { concatPolylines } from '../compute/bundle/gap-edges';
import { edgeSchedule } from '../compute/bundle/schedule';
import { getEngine, type BundlingEngine } from '../compute/engine';
import { sampleLength } from '../compute/geometry-constants';
import { gridLayout } from '../compute/layout';
import { validateParams } from '../compute/params';
import { pruneEdges } from '../compute/prune';
import { ArrayReuse } from '../compute/array-reuse';
import { straightEdgeChunks, straightEdges, straightPointOffsets } from '../compute/straight-edges';
import type { NetworkArrays, Phase, ProcessingParams } from '../compute/types';
import { planEdgeShares, packShares, unpackShares, type EdgeShare } from './edge-shares';
import { JobRunner, type JobRunnerOptions, type PostToMain } from './job-runner';
import { createMacrotaskYield, type MacrotaskYield } from './macrotask';
import {
  geometryTransferList, parseMainToWorker, parsePeer, PROTOCOL_VERSION,
  type PeerBoundsMessage, type PeerGridMessage, type PeerMessage, type PoolEdgesMessage, type PoolNodesMessage, type WorkerToMain,
} from './protocol';

/** Test seams of `PoolRunner` (and of its embedded JobRunner); the defaults are right for a worker. */
export interface PoolRunnerOptions extends JobRunnerOptions {
  /** Node-phase engine of pool jobs (default: the one registered as 'fast'). */
  readonly nodeEngine?: BundlingEngine;
}

/** One of this worker's shares, built. */
interface ShareState {
  readonly share: EdgeShare;
  readonly gap: FastEdgeGap;
  readonly plan: FastEdgePlan;
  readonly clip: Float64Array;
}

interface EdgeJob {
  readonly id: number;
  readonly worker: number;
  readonly params: ProcessingParams;
  readonly classes: number;
  readonly levels: number;
  readonly liveEvery: number;
  /** The other worker (null when this worker bundles alone). */
  readonly peer: MessagePort | null;
  /** This worker's shares, in kept order. */
  readonly shares: readonly ShareState[];
  /** Its half of the split gap, if it holds one (also in `shares`). */
  readonly split: ShareState | null;
  /** The split share's grid between running the level and the partner's `peer-grid`. */
  splitGrid: FastGrid | null;
  /** Levels finished. */
  level: number;
  /** The peer's bounds for level `level`, once they arrived. */
  peerBounds: PeerBoundsMessage | null;
  /** Whether this worker's own bounds for level `level` went out (the level may run). */
  ready: boolean;
  /** Worker 0's decision for the current level: send polylines after it. */
  snapshot: boolean;
  lastLive: number;
}

function errorParts(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** Runs pool jobs (and ordinary jobs) for one worker; call `handle` with every incoming message. */
export class PoolRunner {
  private readonly post: PostToMain;
  private readonly jobs: JobRunner;
  private readonly macrotask: MacrotaskYield;
  private readonly now: () => number;
  private readonly nodeEngine: BundlingEngine | undefined;
  private network: NetworkArrays | null = null;
  private nodeJob: { readonly id: number; cancelled: boolean } | null = null;
  private edgeJob: EdgeJob | null = null;
  private running: Promise<void> = Promise.resolve();
  // Whole gaps reuse one store; the split gap's grid must survive them until the partner's arrives.
  private readonly store = new GridStore();
  private readonly splitStore = new GridStore();
  /** The partner's last grid buffer, reused for our next one (no allocation per level). */
  private spare: ArrayBuffer | null = null;
  /** The edge phase's straight and current polylines, kept from job to job (no garbage per job). */
  private readonly arrays = new ArrayReuse();

  constructor(post: PostToMain, options: PoolRunnerOptions = {}) {
    this.post = post;
    this.jobs = new JobRunner(post, options);
    this.macrotask = options.macrotask ?? createMacrotaskYield();
    this.now = options.now ?? (() => performance.now());
    this.nodeEngine = options.nodeEngine;
  }

  /** Handles one message from the main thread. */
  handle(data: unknown): void {
    const msg = parseMainToWorker(data);
    if (typeof msg === 'string') {
      this.jobs.handle(data); // replies with a ProtocolError
      return;
    }
    try {
      switch (msg.type) {
        case 'set-network':
          this.network = msg.network;
          this.dropPoolJob();
          this.jobs.handle(msg);
          break;
        case 'process':
          this.dropPoolJob();
          this.jobs.handle(msg);
          break;
        case 'cancel':
          if (this.nodeJob?.id === msg.jobId || this.edgeJob?.id === msg.jobId) this.dropPoolJob();
          else this.jobs.handle(msg);
          break;
        case 'pool-nodes':
          this.dropPoolJob();
          this.startNodes(msg);
          break;
        case 'pool-edges':
          this.dropPoolJob();
          this.startEdges(msg);
          break;
      }
    } catch (err) {
      this.fail('jobId' in msg ? msg.jobId : null, err);
    }
  }

  private fail(jobId: number | null, err: unknown): void {
    this.dropPoolJob();
    this.send({ version: PROTOCOL_VERSION, type: 'error', jobId, ...errorParts(err) });
  }

  private handlePeer(job: EdgeJob, data: unknown): void {
    if (this.edgeJob !== job) return;
    try {
      const msg = parsePeer(data);
      if (typeof msg === 'string') throw new Error(`from the other worker: ${msg}`);
      if (msg.jobId !== job.id) return;
      this.peerMessage(job, msg);
    } catch (err) {
      this.fail(job.id, err);
    }
  }

  private peerMessage(job: EdgeJob, msg: PeerMessage): void {
    if (msg.type === 'peer-grid') {
      this.partnerGrid(job, msg);
      return;
    }
    if (msg.level !== job.level) throw new Error(`peer bounds for edge level ${msg.level}, expected ${job.level}`);
    job.peerBounds = msg;
    this.tryLevel(job);
  }

  /** Resolves once the node-phase loop that is running now (if any) has stopped. */
  idle(): Promise<void> {
    return Promise.all([this.running, this.jobs.idle()]).then(() => undefined);
  }

  /** Drops any job and releases the macrotask channels. */
  dispose(): void {
    this.dropPoolJob();
    this.jobs.dispose();
    this.macrotask.dispose();
  }

  /** Pool jobs end silently: the main thread has settled them before it cancels or supersedes. */
  private dropPoolJob(): void {
    if (this.nodeJob !== null) this.nodeJob.cancelled = true;
    this.nodeJob = null;
    this.edgeJob?.peer?.close();
    this.edgeJob = null;
  }

  private requireNetwork(): NetworkArrays {
    if (this.network === null) throw new Error('no network: send set-network before a pool job');
    return this.network;
  }

  private startNodes(msg: PoolNodesMessage): void {
    const params = validateParams(msg.params);
    const net = this.requireNetwork();
    const job = { id: msg.jobId, cancelled: false };
    this.nodeJob = job;
    this.running = this.runNodes(job, net, params, msg.liveEvery, msg.workers);
  }

  private async runNodes(job: { readonly id: number; cancelled: boolean }, net: NetworkArrays, p: ProcessingParams, liveEvery: number, workers: number): Promise<void> {
    let lastLive = -Infinity;
    let positions: Float32Array | null = null;
    const sampleLen = sampleLength(p);
    try {
      const kept = pruneEdges(net, p.prunePercentage);
      // Same steps and yields as compute/pipeline.ts up to the straight edges.
      const report = async (phase: Phase, level: number, levels: number): Promise<boolean> => {
        const at = this.now();
        if (liveEvery >= 0 && liveEvery < Infinity && at - lastLive >= liveEvery) {
          lastLive = at;
          const nodePositions = positions === null ? gridLayout(net, p) : positions.slice();
          const lines = straightEdges(net, kept, nodePositions, sampleLen);
          const geometry = { nodePositions, keptEdges: kept.slice(), points: lines.points, pointOffsets: lines.pointOffsets };
          this.post({ version: PROTOCOL_VERSION, type: 'progress', jobId: job.id, phase, level, levels, geometry }, geometryTransferList(geometry));
        } else {
          this.send({ version: PROTOCOL_VERSION, type: 'progress', jobId: job.id, phase, level, levels });
        }
        await this.macrotask.next();
        return !job.cancelled;
      };
      if (!(await report('prune', 1, 1))) return;
      positions = gridLayout(net, p);
      if (!(await report('layout', 1, 1))) return;
      const engine = this.nodeEngine ?? getEngine('fast');
      for (const info of engine.nodePhase(net, kept, positions, p)) {
        if (!(await report('nodes', info.level, info.levels))) return;
      }
      const shares = packShares(planEdgeShares(net, kept, straightPointOffsets(net, kept, positions, sampleLen), workers));
      this.nodeJob = null;
      this.post(
        { version: PROTOCOL_VERSION, type: 'pool-nodes-done', jobId: job.id, nodePositions: positions, keptEdges: kept, shares, levels: edgeSchedule(p).levels },
        [positions.buffer as ArrayBuffer, kept.buffer as ArrayBuffer, shares.buffer as ArrayBuffer],
      );
    } catch (err) {
      if (job.cancelled) return;
      this.nodeJob = null;
      this.send({ version: PROTOCOL_VERSION, type: 'error', jobId: job.id, ...errorParts(err) });
    }
  }

  private startEdges(msg: PoolEdgesMessage): void {
    const net = this.requireNetwork();
    const p = validateParams(msg.params);
    const { nodePositions: positions, keptEdges: kept } = msg;
    const sampleLen = sampleLength(p);
    const shares: ShareState[] = [];
    for (const share of unpackShares(msg.shares)) {
      if (share.worker !== msg.worker) continue;
      const range = { first: share.first, count: share.count };
      // The straight lines only seed the share's own buffer: made chunk by chunk on one kept scratch array.
      const mine = kept.subarray(share.first, share.first + share.count);
      const seeds = (first: number, count: number) => straightEdgeChunks(net, mine.subarray(first, first + count), positions, sampleLen, this.arrays);
      const reuse = { arrays: this.arrays, prefix: `share-${shares.length}` };
      const { plan, gaps } = createFastEdgeGaps(net, kept, positions, seeds, p, range, reuse);
      const gap = gaps[0], clip = plan.clips[0];
      if (gaps.length !== 1 || gap === undefined || clip === undefined) throw new Error(`pool-edges: share at kept ${share.first} spans ${gaps.length} gaps`);
      shares.push({ share, gap, plan, clip });
    }
    // The workers keep in step level by level only to share a split gap's grid; otherwise each runs its
    // own gaps through all levels (and sends live pictures when its own clock says so).
    const lockstep = shares.some((s) => s.share.split);
    const port = msg.peer as MessagePort | null;
    if (!lockstep) port?.close();
    const peer = lockstep ? port : null;
    const job: EdgeJob = {
      id: msg.jobId, worker: msg.worker, params: p, classes: net.numClasses, levels: edgeSchedule(p).levels, liveEvery: msg.liveEvery,
      peer, shares, split: shares.find((s) => s.share.split) ?? null, splitGrid: null, level: 0,
      peerBounds: null, ready: false, snapshot: false, lastLive: -Infinity,
    };
    this.edgeJob = job;
    if (peer !== null) peer.onmessage = (event: MessageEvent<unknown>) => this.handlePeer(job, event.data);
    if (job.levels === 0) this.finish(job);
    else this.beginLevel(job);
  }

  /**
   * Sends this worker's bounds for the next level to the peer (worker 0 adds the live-picture decision,
   * which a worker without a peer makes for itself).
   */
  private beginLevel(job: EdgeJob): void {
    if (job.worker === 0 || job.peer === null) {
      const at = this.now();
      job.snapshot = job.level + 1 < job.levels && job.liveEvery >= 0 && job.liveEvery < Infinity && at - job.lastLive >= job.liveEvery;
      if (job.snapshot) job.lastLive = at;
    }
    job.ready = true;
    if (job.peer !== null) {
      const split = job.split;
      const bounds = split === null ? null : split.gap.bounds.slice();
      const msg: PeerMessage = {
        version: PROTOCOL_VERSION, type: 'peer-bounds', jobId: job.id, level: job.level, bounds,
        points: split === null ? 0 : split.gap.pointCount, snapshot: job.snapshot,
      };
      job.peer.postMessage(msg, bounds === null ? [] : [bounds.buffer]);
    }
    this.tryLevel(job);
  }

  /** Runs the level once both workers' bounds are known. */
  private tryLevel(job: EdgeJob): void {
    const peer = job.peerBounds;
    if (!job.ready || (job.peer !== null && peer === null)) return;
    job.ready = false;
    job.peerBounds = null;
    if (job.worker !== 0 && peer !== null) job.snapshot = peer.snapshot;
    const split = job.split;
    if (split !== null) {
      // Union and sum commute: both workers lay out the same grid.
      const bounds = split.gap.bounds.slice();
      let points = split.gap.pointCount;
      if (peer !== null && peer.bounds !== null) {
        for (let d = 0; d < 3; d++) {
          bounds[d] = Math.min(bounds[d]!, peer.bounds[d]!);
          bounds[d + 3] = Math.max(bounds[d + 3]!, peer.bounds[d + 3]!);
        }
        points += peer.points;
      }
      // Splat and blur first, so the partner can add our grid while we bundle the whole gaps.
      const grid = fastGapGrid(this.splitStore, split.plan, job.level, bounds, split.clip, job.classes, points);
      split.gap.splat(grid);
      blurGrid(this.splitStore, grid, EDGE_BLUR_PASSES);
      job.splitGrid = grid;
      const data = this.outgoing(grid.data.length);
      data.set(grid.data);
      const msg: PeerMessage = { version: PROTOCOL_VERSION, type: 'peer-grid', jobId: job.id, level: job.level, data };
      job.peer?.postMessage(msg, [data.buffer as ArrayBuffer]);
    }
    for (const s of job.shares) {
      if (s === split) continue;
      const grid = fastGapGrid(this.store, s.plan, job.level, s.gap.bounds, s.clip, job.classes, s.gap.pointCount);
      s.gap.splat(grid);
      blurGrid(this.store, grid, EDGE_BLUR_PASSES);
      computeNorms(grid, fastNormScale(s.plan, job.level, grid));
      this.advect(job, s, grid);
    }
    if (split === null) this.finishLevel(job);
  }

  private partnerGrid(job: EdgeJob, msg: PeerGridMessage): void {
    const grid = job.splitGrid;
    if (job.split === null || grid === null || msg.level !== job.level) throw new Error(`unexpected pool-grid for edge level ${msg.level}`);
    if (msg.data.length !== grid.data.length) throw new Error(`pool-grid of ${msg.data.length} floats for a grid of ${grid.data.length}`);
    // Float addition commutes, so both halves see bit-identical grids.
    addGrid(grid, msg.data);
    // Both halves' grids have the same shape every level, so the partner's buffer carries our next one.
    this.spare = msg.data.buffer as ArrayBuffer;
    computeNorms(grid, fastNormScale(job.split.plan, job.level, grid));
    this.advect(job, job.split, grid);
    job.splitGrid = null;
    this.finishLevel(job);
  }

  /** A view of `floats` floats on a buffer this worker may transfer: the partner's last one when large enough. */
  private outgoing(floats: number): Float32Array {
    const spare = this.spare;
    this.spare = null;
    if (spare !== null && spare.byteLength >= floats * 4) return new Float32Array(spare, 0, floats);
    // Headroom: the grid grows as the bandwidth shrinks.
    return new Float32Array(new ArrayBuffer(Math.ceil(floats * 1.3) * 4), 0, floats);
  }

  private advect(job: EdgeJob, s: ShareState, grid: FastGrid): void {
    const { schedule } = s.plan, k = job.level, p = job.params;
    // The fast engine's Advect direction (+1), as fast-edge-phase.ts.
    s.gap.advect(grid, schedule.bandwidths[k]!, schedule.similarities[k]!, p.smoothing ? p.smoothingIterations : 0, schedule.reductionsAfter[k]!);
  }

  private finishLevel(job: EdgeJob): void {
    job.level++;
    if (job.level >= job.levels) {
      this.finish(job);
      return;
    }
    this.report(job, job.snapshot);
    // A macrotask between levels lets a `cancel` in.
    void this.macrotask.next().then(() => {
      if (this.edgeJob === job) this.beginLevel(job);
    });
  }

  private finish(job: EdgeJob): void {
    this.edgeJob = null;
    job.peer?.close();
    this.report(job, true);
  }

  private report(job: EdgeJob, withLines: boolean): void {
    const msg: WorkerToMain = { version: PROTOCOL_VERSION, type: 'pool-level', jobId: job.id, worker: job.worker, done: job.level, levels: job.levels };
    if (!withLines) {
      this.send(msg);
      return;
    }
    const lines = concatPolylines(job.shares.map((s) => s.gap.lines));
    this.post({ ...msg, points3: lines.points, pointOffsets: lines.pointOffsets }, [lines.points.buffer as ArrayBuffer, lines.pointOffsets.buffer as ArrayBuffer]);
  }

  private send(msg: WorkerToMain): void {
    this.post(msg, []);
  }
}
