/**
 * The error banner inside the cell: shown over the canvas, which keeps the last good picture
 * underneath. Text only (`textContent`): messages carry outside text and are never parsed as HTML.
 */

/** Heading of the banner. */
export const ERROR_TITLE = 'nnbundle could not update this view';

/** A dismissable alert box; hidden while there is nothing to report. */
export class ErrorBanner {
  private readonly box: HTMLElement;
  private readonly message: HTMLElement;
  private readonly close: HTMLElement;
  private readonly onClose = (): void => this.hide();
  private current = '';

  /** Appends the (hidden) banner to `parent`. */
  constructor(parent: HTMLElement) {
    const doc = parent.ownerDocument;
    this.box = doc.createElement('div');
    this.box.className = 'nnbundle-error';
    this.box.setAttribute('role', 'alert');
    this.box.hidden = true;
    const title = doc.createElement('div');
    title.className = 'nnbundle-error-title';
    title.textContent = ERROR_TITLE;
    this.message = doc.createElement('div');
    this.message.className = 'nnbundle-error-message';
    this.close = doc.createElement('button');
    this.close.className = 'nnbundle-error-close';
    this.close.setAttribute('type', 'button');
    this.close.setAttribute('aria-label', 'Dismiss');
    this.close.textContent = '×';
    this.close.addEventListener('click', this.onClose);
    this.box.appendChild(this.close);
    this.box.appendChild(title);
    this.box.appendChild(this.message);
    parent.appendChild(this.box);
  }

  /** The text shown, or `''` when hidden. */
  get text(): string {
    return this.current;
  }

  /** Shows `text` (plain text; markup in it is displayed literally). An empty text hides the banner. */
  show(text: string): void {
    if (text === '') {
      this.hide();
      return;
    }
    this.current = text;
    this.message.textContent = text;
    this.box.hidden = false;
  }

  /** Hides the banner. */
  hide(): void {
    this.current = '';
    this.message.textContent = '';
    this.box.hidden = true;
  }

  /** Removes the banner and its listener. */
  dispose(): void {
    this.close.removeEventListener('click', this.onClose);
    this.box.remove();
  }
}
