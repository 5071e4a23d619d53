/**
 * Main thread ⇄ compute worker messages (versioned). Main → worker: the network once by
 * structured clone, then `process` / `cancel` per job. Worker → main: progress (optionally with a
 * live geometry), the result, an error or a cancellation; geometry buffers are always transferred.
 * A worker pool (worker-pool.ts) adds the `pool-*` messages: node phase on worker 0, then a
 * lock-step edge phase where the two workers exchange bounds and blurred partial grids over their
 * own MessageChannel (`peer-*`, transferred), so the busy main thread is not on the critical path.
 */
import type { NetworkArrays, Phase, ProcessedGeometry, ProcessingParams } from '../compute/types';

/** Bumped on any incompatible change to the messages below. */
export const PROTOCOL_VERSION = 1;

/** Sets the network every later job processes (structured clone: the main thread keeps its copy). */
export interface SetNetworkMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'set-network';
  readonly network: NetworkArrays;
}

/** Starts job `jobId`; a running job is cancelled first. */
export interface ProcessMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'process';
  /** Chosen by the main thread, increasing. */
  readonly jobId: number;
  readonly params: ProcessingParams;
  /** Minimum ms between live geometries in `progress` (0: every level; `Infinity`: never). */
  readonly liveEvery: number;
}

/** Stops job `jobId` within one level (ignored when it is no longer running). */
export interface CancelMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'cancel';
  readonly jobId: number;
}

/** Pool job, step 1 (worker 0 only): prune, layout and node phase, then `pool-nodes-done`. */
export interface PoolNodesMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'pool-nodes';
  readonly jobId: number;
  readonly params: ProcessingParams;
  /** Minimum ms between live geometries in `progress` (as in `process`). */
  readonly liveEvery: number;
  /** Workers the edge phase is shared by (≥ 1). */
  readonly workers: number;
}

/**
 * Pool job, step 2 (every worker): build this worker's shares of the edge phase, then run every
 * edge level in lock step with the other worker over `peer` (`PeerMessage`s), reporting each to
 * the main thread with `pool-level`.
 */
export interface PoolEdgesMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'pool-edges';
  readonly jobId: number;
  readonly params: ProcessingParams;
  /** This worker's index in the pool (0 decides when a live picture is due). */
  readonly worker: number;
  /** Minimum ms between live pictures (as in `process`). */
  readonly liveEvery: number;
  /** Final node positions, N·3 (transferred; each worker gets its own copy). */
  readonly nodePositions: Float32Array;
  /** Kept edge ids, ascending (transferred). */
  readonly keptEdges: Int32Array;
  /** Every worker's shares, packed by `packShares` (edge-shares.ts; transferred). */
  readonly shares: Int32Array;
  /** This worker's end of a channel to the other worker (transferred; closed when the job ends). */
  readonly peer: MessagePort;
}

/** Worker ⇄ worker, before edge level `level` (0-based): the sender's split-share bounds. */
export interface PeerBoundsMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'peer-bounds';
  readonly jobId: number;
  readonly level: number;
  /** The sender's split share's bounds [minX,minY,minZ,maxX,maxY,maxZ], or null without one (transferred). */
  readonly bounds: Float64Array | null;
  /** The sender's split share's point count (0 without one). */
  readonly points: number;
  /** From worker 0 only: both send their polylines after this level (a live picture is due). */
  readonly snapshot: boolean;
}

/** Worker ⇄ worker: the sender's blurred partial grid of the split gap at edge level `level`. */
export interface PeerGridMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'peer-grid';
  readonly jobId: number;
  readonly level: number;
  /** nx·ny·nz·C densities in `fastGapGrid` layout (transferred; the receiver reuses the buffer). */
  readonly data: Float32Array;
}

/** Every message between the two workers of a pool job. */
export type PeerMessage = PeerBoundsMessage | PeerGridMessage;

/** Every message the main thread sends. */
export type MainToWorker = SetNetworkMessage | ProcessMessage | CancelMessage | PoolNodesMessage | PoolEdgesMessage;

/** After each pipeline step or level. */
export interface ProgressMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'progress';
  readonly jobId: number;
  readonly phase: Phase;
  readonly level: number;
  readonly levels: number;
  /** A live picture (transferred), at most every `liveEvery` ms. */
  readonly geometry?: ProcessedGeometry;
}

/** The finished job's geometry (transferred). */
export interface ResultMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'result';
  readonly jobId: number;
  readonly geometry: ProcessedGeometry;
}

/** A job failed, or (jobId `null`) a message could not be handled. */
export interface ErrorMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'error';
  readonly jobId: number | null;
  readonly message: string;
  /** The error's class name, e.g. `InvalidParamsError`, `RangeError`. */
  readonly name: string;
}

/** Job `jobId` stopped without a result (cancelled, superseded, or the network changed). */
export interface CancelledMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'cancelled';
  readonly jobId: number;
}

/** Pool job: worker 0 finished the node phase (arrays transferred). */
export interface PoolNodesDoneMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'pool-nodes-done';
  readonly jobId: number;
  readonly nodePositions: Float32Array;
  readonly keptEdges: Int32Array;
  /** The edge phase's shares, packed by `packShares`. */
  readonly shares: Int32Array;
  /** Edge levels of the schedule. */
  readonly levels: number;
}

/** Pool job: a worker finished `done` edge levels (progress; the last one carries the polylines). */
export interface PoolLevelMessage {
  readonly version: typeof PROTOCOL_VERSION;
  readonly type: 'pool-level';
  readonly jobId: number;
  readonly worker: number;
  readonly done: number;
  /** Edge levels in all. */
  readonly levels: number;
  /** Its shares' polylines, concatenated in share order: after the last level, or when a live picture is due (transferred). */
  readonly points3?: Float32Array;
  readonly pointOffsets?: Int32Array;
}

/** Every message the worker sends. */
export type WorkerToMain = ProgressMessage | ResultMessage | ErrorMessage | CancelledMessage | PoolNodesDoneMessage | PoolLevelMessage;

/** The buffers of `g` to transfer with it (four distinct buffers). */
export function geometryTransferList(g: ProcessedGeometry): ArrayBuffer[] {
  return [g.nodePositions.buffer, g.keptEdges.buffer, g.pointOffsets.buffer, g.points.buffer] as ArrayBuffer[];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** By tag, not `instanceof`: arrays cloned in from another realm (a test's vm context) still count. */
function isArrayOf(x: unknown, tag: 'Float32Array' | 'Float64Array' | 'Int32Array'): boolean {
  return Object.prototype.toString.call(x) === `[object ${tag}]`;
}

/**
 * Checks the shape of an incoming main → worker message.
 *
 * @returns the message, or a sentence saying what is wrong with it
 */
export function parseMainToWorker(data: unknown): MainToWorker | string {
  if (!isRecord(data)) return `expected a message object, got ${data === null ? 'null' : typeof data}`;
  if (data.version !== PROTOCOL_VERSION) return `protocol version ${String(data.version)} received, this worker speaks version ${PROTOCOL_VERSION}`;
  switch (data.type) {
    case 'set-network':
      return isRecord(data.network) ? (data as unknown as SetNetworkMessage) : 'set-network without a network';
    case 'process':
      if (!Number.isInteger(data.jobId)) return 'process without an integer jobId';
      if (!isRecord(data.params)) return 'process without params';
      if (typeof data.liveEvery !== 'number') return 'process without a numeric liveEvery';
      return data as unknown as ProcessMessage;
    case 'cancel':
      return Number.isInteger(data.jobId) ? (data as unknown as CancelMessage) : 'cancel without an integer jobId';
    case 'pool-nodes':
    case 'pool-edges':
      if (!Number.isInteger(data.jobId)) return `${data.type} without an integer jobId`;
      if (data.type === 'pool-edges' && !(isArrayOf(data.nodePositions, 'Float32Array') && isArrayOf(data.keptEdges, 'Int32Array') && isArrayOf(data.shares, 'Int32Array') && isRecord(data.peer))) {
        return 'pool-edges without its typed arrays and peer port';
      }
      return data as unknown as MainToWorker;
    default:
      return `unknown message type ${JSON.stringify(data.type)}`;
  }
}

/**
 * Checks the shape of an incoming worker → main message.
 *
 * @returns the message, or a sentence saying what is wrong with it
 */
export function parseWorkerToMain(data: unknown): WorkerToMain | string {
  if (!isRecord(data)) return `expected a message object, got ${data === null ? 'null' : typeof data}`;
  if (data.version !== PROTOCOL_VERSION) return `protocol version ${String(data.version)} received, this page speaks version ${PROTOCOL_VERSION}`;
  if (data.type === 'error') return data.jobId === null || Number.isInteger(data.jobId) ? (data as unknown as ErrorMessage) : 'error without a jobId';
  const pool = data.type === 'pool-nodes-done' || data.type === 'pool-level';
  if (data.type !== 'progress' && data.type !== 'result' && data.type !== 'cancelled' && !pool) return `unknown message type ${JSON.stringify(data.type)}`;
  if (!Number.isInteger(data.jobId)) return `${data.type} without an integer jobId`;
  if (data.type === 'result' && !isRecord(data.geometry)) return 'result without geometry';
  if (pool && !Number.isInteger(data.levels)) return `${data.type} without its integer fields`;
  return data as unknown as WorkerToMain;
}

/**
 * Checks the shape of a message from the other worker of a pool job.
 *
 * @returns the message, or a sentence saying what is wrong with it
 */
export function parsePeer(data: unknown): PeerMessage | string {
  if (!isRecord(data)) return 'expected a peer message object';
  if (data.version !== PROTOCOL_VERSION) return `peer speaks protocol version ${String(data.version)}, this worker ${PROTOCOL_VERSION}`;
  if (!Number.isInteger(data.jobId) || !Number.isInteger(data.level)) return `${String(data.type)} without an integer jobId and level`;
  if (data.type === 'peer-bounds') return data.bounds === null || isArrayOf(data.bounds, 'Float64Array') ? (data as unknown as PeerBoundsMessage) : 'peer-bounds without bounds';
  if (data.type === 'peer-grid') return isArrayOf(data.data, 'Float32Array') ? (data as unknown as PeerGridMessage) : 'peer-grid without data';
  return `unknown peer message type ${JSON.stringify(data.type)}`;
}
