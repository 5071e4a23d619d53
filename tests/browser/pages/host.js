// A minimal anywidget host for browser tests: a model with get/set/on/off/save_changes/send,
// like the one anywidget gives a widget in Jupyter. Tests drive it through `window.host`:
// traits with set/get, custom messages from the "kernel" with message(), and what the widget sent
// back with sent().
import widget from '/dist/nnbundle.js';

class TestModel {
  constructor(state) {
    this.state = { ...state };
    this.listeners = new Map();
    this.saved = 0;
    this.messages = [];
  }
  get(name) { return this.state[name]; }
  set(name, value) {
    this.state[name] = value;
    for (const cb of this.listeners.get(`change:${name}`) ?? []) cb();
    for (const cb of this.listeners.get('change') ?? []) cb();
  }
  on(event, cb) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event).add(cb);
  }
  off(event, cb) {
    if (!event) { this.listeners.clear(); return; }
    if (cb) this.listeners.get(event)?.delete(cb); else this.listeners.delete(event);
  }
  save_changes() { this.saved++; }
  send(content, callbacks, buffers) {
    const copies = (buffers ?? []).map((b) => new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength).slice());
    this.messages.push({ content, buffers: copies });
  }
  // A custom message from the kernel, as anywidget delivers it: content and DataView buffers.
  deliver(content, buffers) {
    const views = buffers.map((b) => new DataView(b.buffer, b.byteOffset, b.byteLength));
    for (const cb of this.listeners.get('msg:custom') ?? []) cb(content, views);
  }
}

async function fetchTables(prefix) {
  const tables = {};
  for (const name of ['layers', 'nodes', 'edges']) {
    const res = await fetch(`/fixtures/${prefix}.${name}.arrows`);
    if (!res.ok) throw new Error(`fixture ${prefix}.${name}.arrows: HTTP ${res.status}`);
    tables[name] = new DataView(await res.arrayBuffer());
  }
  return tables;
}

window.host = {
  views: [],
  fetchTables,
  /**
   * Mounts a new view with the given trait state; returns its index. `moduleUrl` loads another
   * copy of the widget module, as anywidget does for every widget model.
   */
  async mount(state, { width = 640, moduleUrl = null } = {}) {
    const el = document.createElement('div');
    el.style.width = `${width}px`;
    document.getElementById('views').appendChild(el);
    const model = new TestModel(state);
    const w = moduleUrl ? (await import(moduleUrl)).default : widget;
    await w.initialize?.({ model });
    const cleanup = await w.render({ model, el });
    this.views.push({ el, model, cleanup });
    return this.views.length - 1;
  },
  set(index, name, value) { this.views[index].model.set(name, value); },
  get(index, name) { return this.views[index].model.get(name); },
  /** Sends a custom message from the kernel to view `index` (buffers: Uint8Arrays). */
  message(index, content, buffers = []) { this.views[index].model.deliver(content, buffers); },
  /** The custom messages view `index` sent to the kernel: [{content, buffers: [Uint8Array]}]. */
  sent(index) { return this.views[index].model.messages; },
  /** How often view `index` pushed its traits to the kernel. */
  saved(index) { return this.views[index].model.saved; },
  async unmount(index) {
    const view = this.views[index];
    await view.cleanup?.();
    view.el.remove();
  },
};
window.dispatchEvent(new Event('host-ready'));
