/**
 * Anything thrown → the plain text a notebook user reads in the error banner. Pure: the banner
 * puts the result into the page with `textContent`, so markup in a message (a layer or class name
 * from the kernel, say) is shown as the characters it is, never interpreted.
 */

/** Longest message shown; longer ones are cut (a corrupt payload can make huge messages). */
export const MAX_ERROR_CHARS = 2000;

// C0 controls except tab and newline, DEL and C1 controls: they garble the banner and the trait.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The message of `error` as plain text: `Name: message` for errors with a specific name (e.g.
 * `NetworkFormatError: nodes.importance: …`), the message alone for a plain `Error`, `String(x)`
 * for anything else; control characters become U+FFFD, and more than `MAX_ERROR_CHARS` characters
 * are cut with an ellipsis.
 */
export function errorText(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const message = error.message || '(no message)';
    text = error.name && error.name !== 'Error' ? `${error.name}: ${message}` : message;
  } else {
    text = String(error);
  }
  text = text.replace(CONTROL, '\ufffd');
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}
