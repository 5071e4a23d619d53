/**
 * The hover tooltip over the canvas. Text only (`textContent`): layer, class names and labels are
 * outside text and are never parsed as HTML.
 */
import type { TooltipText } from './tooltip-text';

// Distance from the pointer, CSS pixels.
const OFFSET = 14;

/** A box that follows the pointer inside the view's root. */
export class Tooltip {
  private readonly box: HTMLElement;

  /** Appends the (hidden) tooltip to `parent`, which must be positioned. */
  constructor(private readonly parent: HTMLElement) {
    this.box = parent.ownerDocument.createElement('div');
    this.box.className = 'nnbundle-tooltip';
    this.box.setAttribute('role', 'tooltip');
    this.box.hidden = true;
    parent.appendChild(this.box);
  }

  /** Shows `text` near (`x`, `y`), CSS pixels from the parent's top-left, kept inside the parent. */
  show(text: TooltipText, x: number, y: number): void {
    const doc = this.box.ownerDocument;
    this.box.replaceChildren();
    const title = doc.createElement('div');
    title.className = 'nnbundle-tooltip-title';
    title.textContent = text.title;
    this.box.appendChild(title);
    for (const line of text.lines) {
      const div = doc.createElement('div');
      div.textContent = line;
      this.box.appendChild(div);
    }
    this.box.hidden = false;
    const width = this.box.offsetWidth;
    const height = this.box.offsetHeight;
    const maxX = this.parent.clientWidth - width - 4;
    const maxY = this.parent.clientHeight - height - 4;
    const left = x + OFFSET <= maxX ? x + OFFSET : Math.max(4, x - OFFSET - width);
    const top = y + OFFSET <= maxY ? y + OFFSET : Math.max(4, y - OFFSET - height);
    this.box.style.left = `${left}px`;
    this.box.style.top = `${top}px`;
  }

  /** Hides the tooltip. */
  hide(): void {
    this.box.hidden = true;
  }

  /** The text shown, lines joined by newlines ('' when hidden). */
  get text(): string {
    return this.box.hidden ? '' : [...this.box.children].map((c) => c.textContent ?? '').join('\n');
  }

  /** Removes the tooltip from the page. */
  dispose(): void {
    this.box.remove();
  }
}
