/**
 * Entry of the compute worker bundle (built by webpack as a classic script and started from a
 * Blob URL): registers the bundling engines, sends every message to one PoolRunner (which runs
 * pool jobs itself and ordinary jobs through a JobRunner), and every reply back with its buffers
 * transferred.
 */
import { exactEngine } from '../compute/bundle/exact-engine';
import { fastEngine } from '../compute/bundle/fast-engine';
import { registerEngine } from '../compute/engine';
import { PoolRunner } from './pool-runner';

registerEngine(exactEngine);
registerEngine(fastEngine);

const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new PoolRunner((msg, transfer) => scope.postMessage(msg, transfer));
scope.onmessage = (event: MessageEvent<unknown>) => runner.handle(event.data);
