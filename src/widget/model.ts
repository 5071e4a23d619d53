/**
 * The widget model as anywidget hands it to `initialize` and `render` (its AFM model, shaped like
 * `@jupyter-widgets/base`'s WidgetModel): synced traits by Python name, change events, and
 * `save_changes` to push local `set`s to the kernel. Values arrive from outside and are typed
 * `unknown` here; view-state.ts checks them.
 */

/** A handler for `change:<name>` and other model events. */
export type ModelEventHandler = () => void;

/** A handler for `msg:custom`: the message content and its binary buffers. */
export type CustomMessageHandler = (content: unknown, buffers?: readonly DataView[]) => void;

/** The subset of the anywidget model nnbundle uses. */
export interface WidgetModel {
  /** Current value of the trait with Python name `name` (undefined when the kernel has no such trait). */
  get(name: string): unknown;
  /** Sets a trait locally; `save_changes` sends it to the kernel. */
  set(name: string, value: unknown): void;
  /** Subscribes to an event such as `change:prune_percentage`, or to `msg:custom` messages from the kernel. */
  on(event: string, handler: ModelEventHandler | CustomMessageHandler): void;
  /** Unsubscribes a handler given to `on`. */
  off(event?: string | null, handler?: ModelEventHandler | CustomMessageHandler | null): void;
  /** Sends the traits set since the last call to the kernel. */
  save_changes(): void;
  /** Sends a custom message to the kernel (binary buffers travel separately, uncopied). */
  send(content: unknown, callbacks?: unknown, buffers?: ArrayBuffer[] | ArrayBufferView[]): void;
}

/** What anywidget passes to `render`: the model and the output element of this view. */
export interface RenderProps {
  readonly model: WidgetModel;
  readonly el: HTMLElement;
}

/** A cleanup function anywidget calls when the view goes away. */
export type Cleanup = () => void;
