/**
 * Drives a notebook in a real JupyterLab page (served by jupyter-server.ts with the app exposed as
 * `window.jupyterapp`): writes the .ipynb a test opens, opens it until its kernel is idle, runs cells
 * through JupyterLab's own command and reads their output text.
 */
import type { Page } from 'playwright-core';

/** The little of JupyterLab's app these helpers touch (the page's `window.jupyterapp`). */
interface LabApp {
  shell: {
    currentWidget: {
      context?: { path: string };
      sessionContext?: { session?: { kernel?: { status: string } | null } | null };
      content: {
        activeCellIndex: number;
        widgets: { model: { executionCount: number | null | undefined }; outputArea: { node: HTMLElement } }[];
      };
    } | null;
  };
  commands: { execute(id: string): Promise<unknown> };
}

/** The text of a notebook (nbformat 4) with one code cell per source, no outputs. */
export function notebookJson(cells: string[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    cells: cells.map((source, i) => ({ cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
  });
}

/** Opens `url` (a notebook in JupyterLab) and waits until its kernel is idle. */
export async function openNotebook(page: Page, url: string): Promise<void> {
  // JupyterLab restores the tabs of earlier pages: wait for this notebook, not just any current one.
  const notebook = decodeURIComponent(new URL(url).pathname.replace(/^.*\/lab\/tree\//, ''));
  await page.goto(url);
  await page.waitForFunction((path) => {
    const widget = (window as unknown as { jupyterapp?: LabApp }).jupyterapp?.shell.currentWidget;
    return widget?.context?.path === path && widget.sessionContext?.session?.kernel?.status === 'idle';
  }, notebook, { timeout: 120_000 });
}

/** Runs cell `index` through JupyterLab's own command and waits until it has an execution count. */
export async function runCell(page: Page, index: number): Promise<void> {
  await page.evaluate(async (i) => {
    const app = (window as unknown as { jupyterapp: LabApp }).jupyterapp;
    const panel = app.shell.currentWidget;
    if (!panel) throw new Error('no notebook is open');
    panel.content.activeCellIndex = i;
    await app.commands.execute('notebook:run-cell');
  }, index);
  await page.waitForFunction((i) => {
    const app = (window as unknown as { jupyterapp: LabApp }).jupyterapp;
    const cell = app.shell.currentWidget?.content.widgets[i];
    return cell !== undefined && cell.model.executionCount !== null && cell.model.executionCount !== undefined;
  }, index, { timeout: 120_000 });
}

/** The text shown in the output area of cell `index` (printed text, reprs, tracebacks). */
export async function cellOutputText(page: Page, index: number): Promise<string> {
  return page.evaluate((i) => {
    const app = (window as unknown as { jupyterapp: LabApp }).jupyterapp;
    const cell = app.shell.currentWidget?.content.widgets[i];
    if (!cell) throw new Error(`the notebook has no cell ${i}`);
    return cell.outputArea.node.textContent ?? '';
  }, index);
}
