import { ErrorBanner } from '../../src/widget/error-banner';
import { errorText, MAX_ERROR_CHARS } from '../../src/widget/error-text';

/**
 * Just enough of a DOM for the banner, in Node: elements record their text and children, and
 * assigning `innerHTML` throws, so any use of HTML parsing fails the test.
 */
class FakeElement {
  readonly children: FakeElement[] = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, () => void>();
  className = '';
  hidden = false;
  parent: FakeElement | null = null;
  private text = '';

  constructor(
    readonly tagName: string,
    readonly ownerDocument: { createElement(tag: string): FakeElement },
  ) {}

  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.text = value;
  }
  set innerHTML(_value: string) {
    throw new Error('innerHTML used: outside text would be parsed as markup');
  }
  appendChild(child: FakeElement): void {
    child.parent = this;
    this.children.push(child);
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  addEventListener(type: string, fn: () => void): void {
    this.listeners.set(type, fn);
  }
  removeEventListener(type: string): void {
    this.listeners.delete(type);
  }
  remove(): void {
    if (!this.parent) return;
    this.parent.children.splice(this.parent.children.indexOf(this), 1);
    this.parent = null;
  }
}

function fakeParent(): FakeElement {
  const doc = { createElement: (tag: string) => new FakeElement(tag, doc) };
  return doc.createElement('div');
}

function banner(parent: FakeElement): ErrorBanner {
  return new ErrorBanner(parent as unknown as HTMLElement);
}

describe('error text', () => {
  test('markup in a message is kept as the literal characters', () => {
    const msg = 'layers.name: bad <img src=x onerror=alert(1)> & "<script>"';
    expect(errorText(new Error(msg))).toBe(msg);
  });

  test('a specific error type is named, a plain Error is not', () => {
    const e = new Error('nodes.importance: NaN at row 3');
    e.name = 'NetworkFormatError';
    expect(errorText(e)).toBe('NetworkFormatError: nodes.importance: NaN at row 3');
    expect(errorText(new Error('worker crashed'))).toBe('worker crashed');
    expect(errorText('a thrown string')).toBe('a thrown string');
  });

  test('control characters are neutralised and huge messages cut', () => {
    expect(errorText(new Error('a\u0000b\u001bc\nd'))).toBe('a\ufffdb\ufffdc\nd');
    const long = errorText(new Error('x'.repeat(10 * MAX_ERROR_CHARS)));
    expect(long).toHaveLength(MAX_ERROR_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('error banner', () => {
  test('shows a message with markup as text, never through innerHTML', () => {
    const parent = fakeParent();
    const b = banner(parent);
    const box = parent.children[0] as FakeElement;
    expect(box.hidden).toBe(true);
    const msg = 'class "<i>zero</i>" <script>alert(1)</script>';
    b.show(msg);
    expect(box.hidden).toBe(false);
    expect(box.attributes.get('role')).toBe('alert');
    expect(box.textContent).toContain(msg);
    expect(b.text).toBe(msg);
  });

  test('an empty message and the close button hide it; dispose removes it', () => {
    const parent = fakeParent();
    const b = banner(parent);
    const box = parent.children[0] as FakeElement;
    b.show('bad');
    b.show('');
    expect(box.hidden).toBe(true);
    b.show('bad again');
    const close = box.children.find((c) => c.tagName === 'button') as FakeElement;
    close.listeners.get('click')?.();
    expect(box.hidden).toBe(true);
    expect(b.text).toBe('');
    b.dispose();
    expect(parent.children).toHaveLength(0);
    expect(close.listeners.size).toBe(0);
  });
});
