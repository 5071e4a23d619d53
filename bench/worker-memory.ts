/**
 * Peak memory of a page's Web Workers, measured from outside over the DevTools protocol (the target
 * in the issue is per worker; the renderer's RSS also holds the page). The probe attaches to every
 * worker the page starts and polls, every `intervalMs`, `Runtime.getHeapUsage` (JS heap, embedder
 * heap and ArrayBuffer backing stores) and the size of the worker's WebAssembly memories, which that
 * leaves out; the benchmark page's workers record those (chromium/wasm-memory-record.ts). A worker
 * answers between its tasks (about once per bundling level), so a spike inside one task can be missed.
 */
import type { CDPSession, Page } from 'playwright-core';
import { WASM_MEMORY_BYTES } from './chromium/wasm-memory-record';

interface HeapUsage {
  readonly usedSize: number;
  readonly embedderHeapUsedSize?: number;
  readonly backingStorageSize?: number;
}

interface RemoteReply {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { readonly message: string };
}

/** Per worker, in MB: the peak of JS heap + array buffers + WebAssembly memories, and of the last alone. */
export interface WorkerMemory {
  readonly peakMb: number;
  readonly wasmPeakMb: number;
}

const MB = 2 ** 20;

export class WorkerMemoryProbe {
  private readonly cdp: CDPSession;
  /** Every worker session seen, in start order, and those still attached. */
  private readonly sessions: string[] = [];
  private readonly live = new Set<string>();
  private readonly peaks = new Map<string, { total: number; wasm: number }>();
  private readonly pending = new Map<number, (reply: RemoteReply) => void>();
  private nextId = 1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private polling = false;

  private constructor(cdp: CDPSession) {
    this.cdp = cdp;
  }

  /** Starts watching `page`'s workers (call before the page starts them). */
  static async attach(page: Page, intervalMs = 20): Promise<WorkerMemoryProbe> {
    const cdp = await page.context().newCDPSession(page);
    const probe = new WorkerMemoryProbe(cdp);
    cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
      if (e.targetInfo.type !== 'worker') return;
      probe.sessions.push(e.sessionId);
      probe.live.add(e.sessionId);
    });
    cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => probe.live.delete(e.sessionId));
    cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const reply = JSON.parse(e.message) as RemoteReply;
      const done = probe.pending.get(reply.id);
      if (done !== undefined) {
        probe.pending.delete(reply.id);
        done(reply);
      }
    });
    // Non-flattened sessions: playwright's CDPSession cannot address a child session directly.
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    probe.timer = setInterval(() => void probe.poll(), intervalMs);
    return probe;
  }

  private async call(sessionId: string, method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    const reply = new Promise<RemoteReply>((resolve) => this.pending.set(id, resolve));
    // A worker that ends between the request and the reply never answers.
    const timeout = new Promise<RemoteReply>((resolve) => setTimeout(() => resolve({ id, error: { message: 'no reply in 2 s' } }), 2000));
    await this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const r = await Promise.race([reply, timeout]);
    this.pending.delete(id);
    if (r.error !== undefined) throw new Error(`${method} in a worker: ${r.error.message}`);
    return r.result;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await Promise.all([...this.live].map(async (s) => {
        const [u, w] = await Promise.all([
          this.call(s, 'Runtime.getHeapUsage') as Promise<HeapUsage>,
          this.call(s, 'Runtime.evaluate', { expression: WASM_MEMORY_BYTES, returnByValue: true }) as Promise<{ result: { value: number } }>,
        ]);
        const wasm = w.result.value;
        const total = u.usedSize + (u.embedderHeapUsedSize ?? 0) + (u.backingStorageSize ?? 0) + wasm;
        const peak = this.peaks.get(s) ?? { total: 0, wasm: 0 };
        this.peaks.set(s, { total: Math.max(peak.total, total), wasm: Math.max(peak.wasm, wasm) });
      }));
    } catch {
      // A worker that has just ended: its earlier samples stand.
    } finally {
      this.polling = false;
    }
  }

  /** Stops polling; the peaks of every worker seen, in the order they started. */
  async stop(): Promise<WorkerMemory[]> {
    if (this.timer !== null) clearInterval(this.timer);
    while (this.polling) await new Promise((r) => setTimeout(r, 5));
    await this.cdp.detach();
    return this.sessions.map((s) => {
      const p = this.peaks.get(s) ?? { total: 0, wasm: 0 };
      return { peakMb: p.total / MB, wasmPeakMb: p.wasm / MB };
    });
  }
}
