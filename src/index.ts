/**
 * The anywidget entry point (anywidget's front-end module contract): `render` draws one view of a
 * NetworkView model into its output element and returns the cleanup that undoes it.
 */
import type { Cleanup, RenderProps } from './widget/model';
import { NetworkView } from './widget/network-view';

/**
 * Model-wide set-up (anywidget calls it once per model with `{model}`): there is none, because
 * every view owns its own worker and WebGL context and reads the model itself.
 */
function initialize(): void {}

/** Shows the model's network in `el`; the returned cleanup frees the view's worker, GPU memory and listeners. */
function render({ model, el }: RenderProps): Cleanup {
  const view = new NetworkView(model, el);
  return () => view.dispose();
}

export default { initialize, render };
