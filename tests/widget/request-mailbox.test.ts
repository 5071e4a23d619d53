import type { CustomMessageHandler, WidgetModel } from '../../src/widget/model';
import { mailboxFor, RequestMailbox } from '../../src/widget/request-mailbox';

/** A model with only what the mailbox uses: `msg:custom` subscriptions and a way to deliver one. */
function fakeModel(network?: object): WidgetModel & { deliver(content: unknown): void; listeners: number } {
  const handlers = new Set<CustomMessageHandler>();
  return {
    get: (name) => (name === '_network' ? network : undefined),
    set: () => undefined,
    save_changes: () => undefined,
    send: () => undefined,
    on: (event, handler) => {
      if (event === 'msg:custom') handlers.add(handler as CustomMessageHandler);
    },
    off: (_event, handler) => {
      handlers.delete(handler as CustomMessageHandler);
    },
    deliver: (content) => {
      for (const h of handlers) h(content, []);
    },
    get listeners() {
      return handlers.size;
    },
  };
}

describe('RequestMailbox', () => {
  it('holds messages sent before any view and hands them to the first view, in order', () => {
    const model = fakeModel();
    const box = new RequestMailbox(model);
    model.deliver({ type: 'screenshot', id: 'early-1' });
    model.deliver({ type: 'reset_camera' });
    const first: unknown[] = [], second: unknown[] = [];
    box.attach((c) => first.push(c));
    box.attach((c) => second.push(c));
    expect(first).toEqual([{ type: 'screenshot', id: 'early-1' }, { type: 'reset_camera' }]);
    expect(second).toEqual([]);
  });

  it('sends later messages to every attached view, and holds again once all have detached', () => {
    const model = fakeModel();
    const box = new RequestMailbox(model);
    const a: unknown[] = [], b: unknown[] = [];
    const detachA = box.attach((c) => a.push(c));
    const detachB = box.attach((c) => b.push(c));
    model.deliver('one');
    detachA();
    model.deliver('two');
    detachB();
    model.deliver('three');
    expect(a).toEqual(['one']);
    expect(b).toEqual(['one', 'two']);
    const c: unknown[] = [];
    box.attach((m) => c.push(m));
    expect(c).toEqual(['three']);
  });

  it('is one per model, listening from the first call on', () => {
    const model = fakeModel(), other = fakeModel();
    expect(mailboxFor(model)).toBe(mailboxFor(model));
    expect(mailboxFor(other)).not.toBe(mailboxFor(model));
    expect(model.listeners).toBe(1);
  });

  it("finds the same mailbox through anywidget's two proxies of one model (same network object)", () => {
    const network = { layers: new DataView(new ArrayBuffer(1)) };
    const initializeProxy = fakeModel(network), renderProxy = fakeModel(network);
    const box = mailboxFor(initializeProxy);
    initializeProxy.deliver({ type: 'screenshot', id: 'sent-with-display' });
    expect(mailboxFor(renderProxy)).toBe(box);
    const got: unknown[] = [];
    mailboxFor(renderProxy).attach((c) => got.push(c));
    expect(got).toEqual([{ type: 'screenshot', id: 'sent-with-display' }]);
    expect(mailboxFor(fakeModel({}))).not.toBe(box);
  });
});
