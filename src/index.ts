/**
 * The anywidget entry point (anywidget's front-end module contract): `render` draws one view of a
 * NetworkView model into its output element and returns the cleanup that undoes it.
 */
import type { Cleanup, RenderProps, WidgetModel } from './widget/model';
import { NetworkView } from './widget/network-view';
import { mailboxFor } from './widget/request-mailbox';

/**
 * Model-wide set-up (anywidget calls it once per model with `{model}`, before any view): start
 * holding the kernel's requests, so that one sent before the view is shown still gets answered.
 * Everything else belongs to the views: each owns its worker pool and reads the model itself.
 */
function initialize({ model }: { model: WidgetModel }): void {
  mailboxFor(model);
}

/** Shows the model's network in `el`; the returned cleanup frees the view's worker, GPU memory and listeners. */
function render({ model, el }: RenderProps): Cleanup {
  const view = new NetworkView(model, el);
  return () => view.dispose();
}

export default { initialize, render };
