/**
 * Answers the kernel's custom messages (messages.ts) for one view, including those sent before the
 * view existed (request-mailbox.ts): screenshots wait until the view has settled (its final picture,
 * or an error), then are rendered at the requested size and sent back as PNG bytes; camera resets
 * are applied. Also the toolbar's PNG download, which renders the same way.
 */
import type { NetworkRenderer } from '../render/network-renderer';
import { errorText } from './error-text';
import { parseKernelRequest } from './messages';
import type { WidgetModel } from './model';
import { mailboxFor } from './request-mailbox';

/** Handles `msg:custom` for one view; `dispose` stops listening. */
export class KernelRequests {
  private disposed = false;
  private readonly detach: () => void;

  /**
   * @param resetCamera moves the camera back to its preset pose (and tells the kernel)
   * @param settled resolves once the view shows its final picture or an error (a screenshot taken
   *   earlier would show a half-processed network)
   */
  constructor(
    private readonly model: WidgetModel,
    private readonly renderer: NetworkRenderer,
    private readonly resetCamera: () => void,
    private readonly settled: () => Promise<void>,
  ) {
    this.detach = mailboxFor(model).attach(this.onMessage);
  }

  private readonly onMessage = (content: unknown): void => {
    const request = parseKernelRequest(content);
    if (!request || this.disposed) return;
    if (request.type === 'reset_camera') {
      this.resetCamera();
      return;
    }
    if (request.type === 'bad') {
      if (request.id !== null) this.model.send({ type: 'screenshot', id: request.id, ok: false, error: request.error });
      return;
    }
    const { id } = request;
    this.settled().then(() => {
      if (this.disposed) throw new Error('the view was closed');
      return this.renderer.screenshot(request.width, request.height, request.scale);
    }).then(
      (shot) => {
        if (!this.disposed) this.model.send({ type: 'screenshot', id, ok: true, width: shot.width, height: shot.height }, undefined, [shot.png]);
      },
      (err: unknown) => {
        if (!this.disposed) this.model.send({ type: 'screenshot', id, ok: false, error: errorText(err) });
      },
    );
  };

  /** Stops answering. */
  dispose(): void {
    this.disposed = true;
    this.detach();
  }
}

/**
 * Renders the view at its size times the device pixel ratio and lets the browser download it as
 * `filename`.
 */
export async function downloadPng(renderer: NetworkRenderer, doc: Document, filename: string): Promise<void> {
  const ratio = Math.min(Math.max(globalThis.devicePixelRatio || 1, 1), 2);
  const shot = await renderer.screenshot(null, null, ratio);
  const url = URL.createObjectURL(new Blob([shot.png], { type: 'image/png' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
