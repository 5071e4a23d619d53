// A minimal anywidget host for browser tests: a model with get/set/on/off/save_changes/send,
// like the one anywidget gives a widget in Jupyter. Tests drive it through `window.host`.
import widget from '/dist/nnbundle.js';

class TestModel {
  constructor(state) {
    this.state = { ...state };
    this.listeners = new Map();
    this.saved = 0;
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
  send() {}
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
  /** Mounts a new view with the given trait state; returns its index. */
  async mount(state, { width = 640 } = {}) {
    const el = document.createElement('div');
    el.style.width = `${width}px`;
    document.getElementById('views').appendChild(el);
    const model = new TestModel(state);
    await widget.initialize?.({ model });
    const cleanup = await widget.render({ model, el });
    this.views.push({ el, model, cleanup });
    return this.views.length - 1;
  },
  set(index, name, value) { this.views[index].model.set(name, value); },
  get(index, name) { return this.views[index].model.get(name); },
  async unmount(index) {
    const view = this.views[index];
    await view.cleanup?.();
    view.el.remove();
  },
};
window.dispatchEvent(new Event('host-ready'));
