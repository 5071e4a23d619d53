/**
 * Two buttons over the view's top-right corner: reset the camera to its preset pose, and save the
 * picture as a PNG file (downloaded by the browser).
 */

/** What the buttons do. */
export interface ToolbarActions {
  resetCamera(): void;
  savePng(): void;
}

/** The toolbar element and its listeners. */
export class Toolbar {
  private readonly box: HTMLElement;

  /** Appends the toolbar to `parent`. */
  constructor(parent: HTMLElement, actions: ToolbarActions) {
    const doc = parent.ownerDocument;
    this.box = doc.createElement('div');
    this.box.className = 'nnbundle-toolbar';
    const button = (label: string, title: string, action: () => void): void => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.className = 'nnbundle-button';
      b.textContent = label;
      b.title = title;
      b.setAttribute('aria-label', title);
      b.addEventListener('click', action);
      this.box.appendChild(b);
    };
    button('⟲', 'Reset the camera', () => actions.resetCamera());
    button('PNG', 'Save the picture as a PNG file', () => actions.savePng());
    parent.appendChild(this.box);
  }

  /** Removes the toolbar (its buttons and their listeners go with it). */
  dispose(): void {
    this.box.remove();
  }
}
