/**
 * Pointer input for picking on a view's canvas: hover (at most one pick per animation frame, none
 * while a button is held, i.e. while the camera is dragged) and click (a press and release that
 * barely moved; a drag that turns the camera is not a click).
 */
import type { PickResult } from '../render/picking';

// A press that moves less than this (CSS pixels) and is released sooner than CLICK_MS is a click.
const CLICK_SLOP = 5;
const CLICK_MS = 600;

/** What the picking reports to the view. */
export interface PointerPickingHandlers {
  /** What is under (`x`, `y`), CSS pixels from the canvas's top-left. */
  pick(x: number, y: number): PickResult | null;
  /** The hovered item changed or moved (null: nothing under the pointer, or the pointer left). */
  hover(pick: PickResult | null, x: number, y: number): void;
  /** A click on `pick` (null: empty space); `additive` when Shift, Ctrl or Cmd was held. */
  click(pick: PickResult | null, additive: boolean): void;
}

/** Listens on `canvas` until `dispose`. */
export class PointerPicking {
  private press: { x: number; y: number; time: number } | null = null;
  private pending: { x: number; y: number } | null = null;
  private frame: number | null = null;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly handlers: PointerPickingHandlers,
  ) {
    canvas.addEventListener('pointermove', this.onMove);
    canvas.addEventListener('pointerleave', this.onLeave);
    canvas.addEventListener('pointerdown', this.onDown);
    canvas.addEventListener('pointerup', this.onUp);
  }

  private local(e: PointerEvent): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  private readonly onMove = (e: PointerEvent): void => {
    if (e.buttons !== 0) {
      this.pending = null;
      this.handlers.hover(null, 0, 0);
      return;
    }
    this.pending = this.local(e);
    if (this.frame === null) this.frame = requestAnimationFrame(this.hoverNow);
  };

  private readonly hoverNow = (): void => {
    this.frame = null;
    const at = this.pending;
    if (!at) return;
    this.handlers.hover(this.handlers.pick(at.x, at.y), at.x, at.y);
  };

  private readonly onLeave = (): void => {
    this.pending = null;
    this.handlers.hover(null, 0, 0);
  };

  private readonly onDown = (e: PointerEvent): void => {
    this.press = e.button === 0 ? { ...this.local(e), time: performance.now() } : null;
  };

  private readonly onUp = (e: PointerEvent): void => {
    const press = this.press;
    this.press = null;
    if (!press || e.button !== 0) return;
    const at = this.local(e);
    if (Math.hypot(at.x - press.x, at.y - press.y) > CLICK_SLOP || performance.now() - press.time > CLICK_MS) return;
    this.handlers.click(this.handlers.pick(at.x, at.y), e.shiftKey || e.ctrlKey || e.metaKey);
  };

  /** Removes the listeners. */
  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.canvas.removeEventListener('pointermove', this.onMove);
    this.canvas.removeEventListener('pointerleave', this.onLeave);
    this.canvas.removeEventListener('pointerdown', this.onDown);
    this.canvas.removeEventListener('pointerup', this.onUp);
  }
}
