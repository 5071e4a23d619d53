/**
 * One view of a NetworkView model: model traits in, picture and state out. `_network` bytes are
 * decoded and sent to the compute worker; processing traits re-run the worker job (the previous
 * one is cancelled), rendering traits only restyle and redraw, camera traits move the camera;
 * `status`, `error`, `_camera` and `selection` go back to the kernel, screenshots answer the
 * kernel's custom messages. Errors show in the cell over the last good picture and in the `error`
 * trait, never only in the console.
 */
import workerSource from '@worker-bundle';
import widgetCss from '../../style/widget.css';
import { InvalidParamsError, validateParams } from '../compute/params';
import type { NetworkArrays, ProcessedGeometry } from '../compute/types';
import { decodeNetwork, type NetworkTables } from '../data/decode-network';
import { cameraStatesClose, parseCameraState, type CameraState } from '../render/camera-state';
import { NetworkRenderer } from '../render/network-renderer';
import { JobCancelledError, type ComputeProgress } from '../workers/job-types';
import { WorkerPool } from '../workers/worker-pool';
import { createInlineWorker } from '../workers/worker-source';
import { ErrorBanner } from './error-banner';
import { errorText } from './error-text';
import { downloadPng, KernelRequests } from './kernel-requests';
import type { WidgetModel } from './model';
import { SelectionController } from './selection-controller';
import { progressStatus, StatusBar } from './status-bar';
import { attachTestHook, createTestHook, detachTestHook } from './test-hook';
import { Toolbar } from './toolbar';
import { STATE_TRAITS, TRAITS, type TraitName } from './traits';
import { defaultViewState, processingParams, pythonName, readViewState, renderStyle, traitsOfKind, type ViewState } from './view-state';

// Live pictures while bundling streams in: often enough to watch, rare enough to stay cheap.
const LIVE_EVERY_MS = 150;
/** Longest a screenshot waits for the view to settle (bundling a large network takes seconds). */
const SETTLE_TIMEOUT_MS = 120_000;

/** Where an error came from; each source is cleared by its own next success. */
type ErrorSource = 'traits' | 'network' | 'processing' | 'style' | 'webgl' | 'selection' | 'screenshot';

/** The message of a failed job, naming a bad parameter by its Python name (the one the user set). */
function jobErrorText(err: unknown): string {
  const text = errorText(err);
  if (err instanceof InvalidParamsError && err.param in TRAITS) return text.replace(err.param, pythonName(err.param as TraitName));
  return text;
}

/**
 * The controller of one rendered view; `dispose` undoes everything the constructor did.
 *
 * `status` is derived, in this order: `processing <phase> <level>/<levels>` while a job runs,
 * `error` while any error is shown, `ready` once the final picture of the current parameters is
 * drawn, `waiting for a network` before that.
 */
export class NetworkView {
  /** The view's root element (`.nnbundle-root`), appended to the output element. */
  readonly root: HTMLDivElement;
  private readonly banner: ErrorBanner;
  private readonly statusBar: StatusBar;
  private readonly renderer: NetworkRenderer | null = null;
  private readonly selection: SelectionController | null = null;
  private readonly disposables: { dispose(): void }[] = [];
  /** Screenshots waiting for the view to settle (see `whenSettled`). */
  private settleWaiters: (() => void)[] = [];
  private readonly pool = new WorkerPool(() => createInlineWorker(workerSource));
  private readonly resizeObserver: ResizeObserver;
  private readonly subscriptions: [event: string, handler: () => void][] = [];
  private readonly errors = new Map<ErrorSource, string>();
  private state: ViewState = defaultViewState();
  private network: NetworkArrays | null = null;
  private job = 0;
  private progress: string | null = null;
  private pictureReady = false;
  private firstNetwork = true;
  private cameraPlaced = false;
  private statusText = '';
  private errorShown = '';
  private readyPending = false;
  private resolveReady: () => void = () => undefined;
  private disposed = false;

  constructor(
    private readonly model: WidgetModel,
    el: HTMLElement,
  ) {
    const doc = el.ownerDocument;
    this.root = doc.createElement('div');
    this.root.className = 'nnbundle-root';
    const style = doc.createElement('style');
    style.textContent = widgetCss;
    const stage = doc.createElement('div');
    stage.className = 'nnbundle-stage';
    this.root.appendChild(style);
    this.root.appendChild(stage);
    this.statusBar = new StatusBar(this.root);
    this.banner = new ErrorBanner(this.root);
    el.appendChild(this.root);

    const ready = new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
    attachTestHook(
      this.root,
      createTestHook({
        ready,
        frameCount: () => this.renderer?.frameCount ?? 0,
        status: () => this.statusText,
        error: () => this.errorShown,
        projectNode: (id) => this.renderer?.projectNode(id) ?? null,
        probeNode: (id) => this.renderer?.probeNode(id) ?? null,
        pick: (x, y) => this.renderer?.pick(x, y) ?? null,
        tooltip: () => this.selection?.tooltipText ?? '',
        segmentCount: () => this.renderer?.segmentCount ?? 0,
        sharedCanvas: () => this.renderer?.sharedCanvas ?? null,
        timeFrame: (moving) => this.renderer?.timeFrame(moving) ?? Number.NaN,
        refining: () => this.renderer?.refining ?? false,
        redraw: () => this.renderer?.redraw(),
        setDrawOrder: (seed) => this.renderer?.setDrawOrder(seed),
      }),
    );

    this.refreshState();
    this.applyLayout();
    try {
      const renderer = new NetworkRenderer(stage, renderStyle(this.state), (camera) => this.pushCamera(camera));
      this.renderer = renderer;
      renderer.setAutoRotate(this.state.autoRotate);
      this.disposables.push(
        new KernelRequests(model, renderer, () => this.resetCamera(), () => this.whenSettled()),
        new Toolbar(this.root, {
          resetCamera: () => this.resetCamera(),
          savePng: () => {
            downloadPng(renderer, doc, `${this.network?.name || 'nnbundle'}.png`).then(
              () => this.setError('screenshot', ''),
              (err: unknown) => this.setError('screenshot', `the PNG could not be saved: ${errorText(err)}`),
            );
          },
        }),
      );
      this.selection = new SelectionController(model, this.root, renderer, (text) => this.setError('selection', text));
      this.disposables.push(this.selection);
    } catch (err) {
      this.setError('webgl', `WebGL is not available here, so nothing can be drawn: ${errorText(err)}`);
    }
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.root);

    this.listen(STATE_TRAITS.network, () => this.loadNetwork());
    this.listen(STATE_TRAITS.camera, () => this.onCameraTrait());
    for (const name of traitsOfKind('processing')) this.listen(pythonName(name), () => this.onProcessingTrait());
    for (const name of traitsOfKind('rendering')) this.listen(pythonName(name), () => this.onRenderingTrait());
    this.listen(pythonName('cameraPreset'), () => this.onPresetTrait());
    this.listen(pythonName('autoRotate'), () => this.onAutoRotateTrait());
    this.listen(STATE_TRAITS.selection, () => this.selection?.readTrait());
    if (this.renderer) this.loadNetwork();
    this.updateStatus();
  }

  private listen(name: string, handler: () => void): void {
    const event = `change:${name}`;
    this.model.on(event, handler);
    this.subscriptions.push([event, handler]);
  }

  /** Re-reads the traits; an invalid value keeps the previous one. Returns whether a processing trait was invalid. */
  private refreshState(): boolean {
    const { state, problems, invalid } = readViewState(this.model, this.state);
    this.state = state;
    this.setError('traits', problems.join('\n'));
    return invalid.some((name) => TRAITS[name].kind === 'processing');
  }

  private applyLayout(): void {
    this.root.style.height = `${this.state.height}px`;
    this.root.classList.toggle('nnbundle-dark', this.state.background === 'dark');
  }

  private resize(): void {
    if (!this.renderer || this.disposed) return;
    this.renderer.setSize(this.root.clientWidth, this.state.height);
    if (this.readyPending && this.renderer.drawNow()) this.markReady();
  }

  private markReady(): void {
    this.readyPending = false;
    this.resolveReady();
  }

  // ---- kernel → view ----

  private loadNetwork(): void {
    const raw = this.model.get(STATE_TRAITS.network);
    if (typeof raw !== 'object' || raw === null || Object.keys(raw).length === 0) return;
    let net: NetworkArrays;
    try {
      net = decodeNetwork(raw as NetworkTables);
    } catch (err) {
      this.setError('network', errorText(err));
      return;
    }
    this.setError('network', '');
    if (this.network !== null) this.firstNetwork = false;
    this.network = net;
    this.selection?.setNetwork(net, this.firstNetwork);
    this.cameraPlaced = false;
    this.pictureReady = false;
    try {
      this.pool.setNetwork(net);
    } catch (err) {
      this.setError('processing', jobErrorText(err));
      return;
    }
    this.process();
  }

  private onProcessingTrait(): void {
    if (this.refreshState()) this.stopJob();
    else this.process();
  }

  private onRenderingTrait(): void {
    const before = this.state.height;
    this.refreshState();
    this.applyLayout();
    if (this.state.height !== before) this.resize();
    if (!this.renderer) return;
    try {
      this.renderer.setStyle(renderStyle(this.state));
      this.setError('style', '');
    } catch (err) {
      this.setError('style', errorText(err));
    }
  }

  private onPresetTrait(): void {
    this.refreshState();
    if (!this.renderer) return;
    this.renderer.applyPreset(this.state.cameraPreset);
    this.pushCamera(this.renderer.getCameraState());
  }

  private onAutoRotateTrait(): void {
    this.refreshState();
    if (!this.renderer) return;
    this.renderer.setAutoRotate(this.state.autoRotate);
    if (!this.state.autoRotate) this.pushCamera(this.renderer.getCameraState());
  }

  private onCameraTrait(): void {
    const wanted = parseCameraState(this.model.get(STATE_TRAITS.camera));
    if (!wanted || !this.renderer || !this.cameraPlaced) return;
    if (!cameraStatesClose(wanted, this.renderer.getCameraState())) this.renderer.setCameraState(wanted);
  }

  // ---- toolbar ----

  private resetCamera(): void {
    if (!this.renderer) return;
    this.renderer.resetCamera();
    this.pushCamera(this.renderer.getCameraState());
  }

  // ---- worker ----

  private process(): void {
    const net = this.network;
    if (!net || !this.renderer || this.disposed) return;
    let params;
    try {
      params = validateParams(processingParams(this.state));
    } catch (err) {
      this.setError('processing', jobErrorText(err));
      this.stopJob();
      return;
    }
    const job = ++this.job;
    this.pictureReady = false;
    this.setProgress('processing', 0);
    this.pool.process(params, { liveEveryMs: LIVE_EVERY_MS, onProgress: (p) => this.onProgress(job, net, p) }).then(
      (geometry) => {
        if (!this.disposed && job === this.job) this.onResult(net, geometry);
      },
      (err: unknown) => {
        if (this.disposed || job !== this.job || err instanceof JobCancelledError) return;
        this.setError('processing', jobErrorText(err));
        this.setProgress(null, 0);
      },
    );
  }

  /** Cancels the running job (if any) and forgets its results: the last picture stays. */
  private stopJob(): void {
    this.job++;
    this.pool.cancel();
    this.setProgress(null, 0);
  }

  private onProgress(job: number, net: NetworkArrays, p: ComputeProgress): void {
    if (this.disposed || job !== this.job) return;
    this.setProgress(progressStatus(p), p.levels > 0 ? p.level / p.levels : 0);
    if (p.geometry) this.showGeometry(net, p.geometry);
  }

  private onResult(net: NetworkArrays, geometry: ProcessedGeometry): void {
    this.showGeometry(net, geometry);
    this.selection?.readTrait();
    this.pictureReady = true;
    if (this.renderer?.drawNow()) this.markReady();
    else this.readyPending = true;
    this.setError('processing', '');
    this.setProgress(null, 0);
  }

  private showGeometry(net: NetworkArrays, geometry: ProcessedGeometry): void {
    const renderer = this.renderer;
    if (!renderer) return;
    try {
      renderer.setGeometry(net, geometry);
      this.setError('style', '');
    } catch (err) {
      this.setError('style', errorText(err));
    }
    if (!this.cameraPlaced) this.placeCamera(renderer);
  }

  /** nn_vis on load: camera at the preset around the node mid-point, unless the model has a saved pose. */
  private placeCamera(renderer: NetworkRenderer): void {
    const saved = this.firstNetwork ? parseCameraState(this.model.get(STATE_TRAITS.camera)) : null;
    if (saved) {
      renderer.setCameraState(saved);
    } else {
      renderer.applyPreset(this.state.cameraPreset);
      // A new network's pose replaces the old one's in the kernel; the very first pose stays local.
      if (!this.firstNetwork) this.pushCamera(renderer.getCameraState());
    }
    this.cameraPlaced = true;
  }

  // ---- view → kernel ----

  private pushCamera(camera: CameraState): void {
    if (this.disposed) return;
    this.model.set(STATE_TRAITS.camera, { position: [...camera.position], target: [...camera.target], up: [...camera.up] });
    this.model.save_changes();
  }

  /** Sets (text) or ends (null) the running job's progress line. */
  private setProgress(text: string | null, fraction: number): void {
    this.progress = text;
    if (text === null) this.statusBar.hide();
    else this.statusBar.show(text, fraction);
    this.updateStatus();
  }

  private setError(source: ErrorSource, text: string): void {
    if (text === '') this.errors.delete(source);
    else this.errors.set(source, text);
    const shown = [...this.errors.values()].join('\n');
    if (shown !== this.errorShown && !this.disposed) {
      this.errorShown = shown;
      this.banner.show(shown);
      this.model.set(STATE_TRAITS.error, shown);
      this.model.save_changes();
    }
    this.updateStatus();
  }

  private updateStatus(): void {
    let text: string;
    if (this.progress !== null) text = this.progress;
    else if (this.errors.size > 0) text = 'error';
    else if (this.pictureReady) text = 'ready';
    else text = 'waiting for a network';
    if (text === this.statusText || this.disposed) return;
    this.statusText = text;
    this.model.set(STATE_TRAITS.status, text);
    this.model.save_changes();
    if (this.settled()) {
      const waiters = this.settleWaiters;
      this.settleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** The final picture is shown, or an error is (the last good picture stays). */
  private settled(): boolean {
    return this.statusText === 'ready' || this.statusText === 'error';
  }

  /**
   * Resolves when the view has settled, or after SETTLE_TIMEOUT_MS (a view without a network never
   * settles; its screenshot then shows what there is).
   */
  private whenSettled(): Promise<void> {
    if (this.settled() || this.disposed) return Promise.resolve();
    return new Promise((resolve) => {
      this.settleWaiters.push(resolve);
      setTimeout(resolve, SETTLE_TIMEOUT_MS);
    });
  }

  /** Cancels the worker job, removes every listener and observer, frees the GPU and the DOM. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const resolve of this.settleWaiters) resolve();
    this.settleWaiters = [];
    for (const [event, handler] of this.subscriptions) this.model.off(event, handler);
    this.subscriptions.length = 0;
    this.resizeObserver.disconnect();
    this.pool.dispose();
    for (const d of this.disposables) d.dispose();
    this.renderer?.dispose();
    this.banner.dispose();
    this.statusBar.dispose();
    detachTestHook(this.root);
    this.root.remove();
  }
}
