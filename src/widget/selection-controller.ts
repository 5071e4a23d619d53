/**
 * Hover and selection of one view: the pointer's pick shows a tooltip and a thin outline, a click
 * changes the selection (selection.ts rules), and the selection is outlined and synced with the
 * kernel through the `selection` trait (clicks are pushed; the kernel's values are checked and
 * shown).
 */
import type { NetworkArrays } from '../compute/types';
import type { NetworkRenderer } from '../render/network-renderer';
import type { PickResult } from '../render/picking';
import type { WidgetModel } from './model';
import { PointerPicking } from './pointer-picking';
import { clickSelection, EMPTY_SELECTION, parseSelection, sameSelection, type Selection } from './selection';
import { Tooltip } from './tooltip';
import { tooltipText } from './tooltip-text';
import { STATE_TRAITS } from './traits';

/** Reports a problem with the kernel's selection value ('' when it is fine). */
export type SelectionErrorHandler = (text: string) => void;

/** Owns the tooltip and the pointer listeners of one view. */
export class SelectionController {
  private readonly tooltip: Tooltip;
  private readonly pointer: PointerPicking;
  private network: NetworkArrays | null = null;
  private selection: Selection = EMPTY_SELECTION;
  private hovered: PickResult | null = null;
  private disposed = false;

  /** @param root the view's positioned root element (the tooltip goes in it) */
  constructor(
    private readonly model: WidgetModel,
    private readonly root: HTMLElement,
    private readonly renderer: NetworkRenderer,
    private readonly onError: SelectionErrorHandler,
  ) {
    this.tooltip = new Tooltip(root);
    this.pointer = new PointerPicking(renderer.canvas, {
      pick: (x, y) => renderer.pick(x, y),
      hover: (pick, x, y) => this.hover(pick, x, y),
      click: (pick, additive) => this.select(clickSelection(this.selection, pick, additive), true),
    });
  }

  /** The tooltip's text ('' when hidden). */
  get tooltipText(): string {
    return this.tooltip.text;
  }

  /** A new network: the old selection means nothing in it and is cleared (in the kernel too, unless `first`). */
  setNetwork(net: NetworkArrays, first: boolean): void {
    this.network = net;
    this.hovered = null;
    this.tooltip.hide();
    if (!first) this.select(EMPTY_SELECTION, true);
  }

  /** Reads the `selection` trait (call on its change and when the network's picture is ready). */
  readTrait(): void {
    const net = this.network;
    if (!net) return;
    const raw = this.model.get(STATE_TRAITS.selection);
    const parsed = raw === undefined || raw === null ? EMPTY_SELECTION : parseSelection(raw, net.nodeImportance.length / net.numClasses, net.edgeAlpha.length);
    if (!parsed) {
      this.onError(`selection = ${JSON.stringify(raw)} is invalid (expected {"nodes": [node ids], "edges": [edge ids]} within this network); keeping the current selection`);
      return;
    }
    this.onError('');
    this.select(parsed, false);
  }

  private hover(pick: PickResult | null, x: number, y: number): void {
    const net = this.network;
    this.hovered = pick;
    if (pick && net) {
      const canvas = this.renderer.canvas.getBoundingClientRect();
      const root = this.root.getBoundingClientRect();
      this.tooltip.show(tooltipText(net, pick), x + canvas.left - root.left, y + canvas.top - root.top);
    } else {
      this.tooltip.hide();
    }
    this.outline();
  }

  // Shows `next`; `push` sends it to the kernel (clicks do, the kernel's own values do not).
  private select(next: Selection, push: boolean): void {
    const changed = !sameSelection(next, this.selection);
    this.selection = next;
    this.outline();
    if (push && changed && !this.disposed) {
      this.model.set(STATE_TRAITS.selection, { nodes: [...next.nodes], edges: [...next.edges] });
      this.model.save_changes();
    }
  }

  private outline(): void {
    const h = this.hovered;
    const hovered = h ? (h.kind === 'node' ? { nodes: [h.id], edges: [] } : { nodes: [], edges: [h.id] }) : EMPTY_SELECTION;
    this.renderer.setSelection(this.selection, hovered);
  }

  /** Removes the listeners and the tooltip. */
  dispose(): void {
    this.disposed = true;
    this.pointer.dispose();
    this.tooltip.dispose();
  }
}
