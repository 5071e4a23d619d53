/**
 * Processing progress in the cell: the phase and level the worker reports, as text and a bar,
 * shown while a job runs and hidden when the picture is ready.
 */

/** A progress report as the status bar and the `status` trait show it. */
export interface ProgressReport {
  readonly phase: string;
  readonly level: number;
  readonly levels: number;
}

/** The `status` text of a running job: `processing <phase> <level>/<levels>`. */
export function progressStatus(p: ProgressReport): string {
  return `processing ${p.phase} ${p.level}/${p.levels}`;
}

/** A small overlay line with a progress bar. */
export class StatusBar {
  private readonly box: HTMLElement;
  private readonly label: HTMLElement;
  private readonly fill: HTMLElement;

  /** Appends the (hidden) status bar to `parent`. */
  constructor(parent: HTMLElement) {
    const doc = parent.ownerDocument;
    this.box = doc.createElement('div');
    this.box.className = 'nnbundle-status';
    this.box.setAttribute('role', 'status');
    this.box.hidden = true;
    this.label = doc.createElement('span');
    this.label.className = 'nnbundle-status-label';
    const track = doc.createElement('span');
    track.className = 'nnbundle-status-track';
    this.fill = doc.createElement('span');
    this.fill.className = 'nnbundle-status-fill';
    track.appendChild(this.fill);
    this.box.appendChild(this.label);
    this.box.appendChild(track);
    parent.appendChild(this.box);
  }

  /** Shows `text` and a bar filled to `fraction` (clamped to [0, 1]). */
  show(text: string, fraction: number): void {
    this.label.textContent = text;
    this.fill.style.width = `${Math.round(100 * Math.min(Math.max(fraction, 0), 1))}%`;
    this.box.hidden = false;
  }

  /** Hides the status line. */
  hide(): void {
    this.box.hidden = true;
  }

  /** Removes the status line from the page. */
  dispose(): void {
    this.box.remove();
  }
}
