/**
 * The kernel's custom messages for one model, held until a view can answer them. A cell that
 * displays a view and asks it for a screenshot (`display(view); view.save_png(...)`) sends the request
 * before the view exists in the page; anywidget's `initialize` runs first, so the mailbox made there
 * keeps such a message and hands it to the first view that attaches. Later messages go to every
 * attached view, as the model's own `msg:custom` event would.
 */
import type { CustomMessageHandler, WidgetModel } from './model';
import { STATE_TRAITS } from './traits';

export class RequestMailbox {
  private pending: { content: unknown; buffers?: readonly DataView[] }[] = [];
  private readonly views = new Set<CustomMessageHandler>();

  constructor(model: WidgetModel) {
    model.on('msg:custom', this.onMessage);
  }

  private readonly onMessage: CustomMessageHandler = (content, buffers) => {
    if (this.views.size === 0) this.pending.push({ content, buffers });
    else for (const handler of [...this.views]) handler(content, buffers);
  };

  /** Delivers the held messages and every later one to `handler`; returns the function that detaches it. */
  attach(handler: CustomMessageHandler): () => void {
    this.views.add(handler);
    const held = this.pending;
    this.pending = [];
    for (const { content, buffers } of held) handler(content, buffers);
    return () => this.views.delete(handler);
  }
}

const mailboxes = new WeakMap<object, RequestMailbox>();

/**
 * What identifies a model here. anywidget hands `initialize` and `render` different proxy objects
 * for one model, but both read the same trait values: the network dict is one object until the
 * kernel sends another network (a model without one is its own key).
 */
function modelKey(model: WidgetModel): object {
  const network = model.get(STATE_TRAITS.network);
  return typeof network === 'object' && network !== null ? network : model;
}

/** The model's mailbox, made (and listening) on first use. */
export function mailboxFor(model: WidgetModel): RequestMailbox {
  const key = modelKey(model);
  let box = mailboxes.get(key);
  if (box === undefined) {
    box = new RequestMailbox(model);
    mailboxes.set(key, box);
  }
  return box;
}
