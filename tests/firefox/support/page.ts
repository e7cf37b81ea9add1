// Finding things in a page as a person does (by role and visible label) over Marionette, which has
// no role locators of its own: a small in-page lookup returns the element, then Marionette clicks
// and types with trusted input events (a click here is a real user gesture for the extension).
import type { ElementRef, Marionette } from '@/tests/firefox/support/marionette';

export type Role = 'button' | 'link' | 'article' | 'alert' | 'status' | 'checkbox';

/** In-page: the accessible name as the extension's markup gives it (aria-label(ledby), labels, text). */
const FIND = `
const [kind, role, name, exact, scope, index] = arguments;
const root = scope || document;
const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
const byIds = (ids) => ids.split(/\\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ');
const nameOf = (el) => {
  if (el.getAttribute('aria-labelledby')) return norm(byIds(el.getAttribute('aria-labelledby')));
  if (el.getAttribute('aria-label')) return norm(el.getAttribute('aria-label'));
  if (el.labels && el.labels.length) return norm([...el.labels].map((l) => l.textContent).join(' '));
  return norm(el.textContent);
};
const matches = (el) => {
  const n = nameOf(el);
  return exact ? n === name : n.toLowerCase().includes(String(name).toLowerCase());
};
const visible = (el) => el.getClientRects().length > 0;
const selectors = {
  button: 'button, [role=button], input[type=submit], input[type=button]',
  link: 'a[href], [role=link]',
  article: 'article, [role=article]',
  alert: '[role=alert]',
  status: '[role=status]',
  checkbox: 'input[type=checkbox], [role=checkbox], [role=switch]',
};
let found;
if (kind === 'label') {
  found = [...root.querySelectorAll('input, textarea, select, [contenteditable=true]')].filter((el) => matches(el) && visible(el));
} else {
  found = [...root.querySelectorAll(selectors[role])].filter((el) => (name === null || matches(el)) && visible(el));
}
return index === -1 ? found.at(-1) ?? null : found[index] ?? null;`;

export interface Query {
  /** Exact accessible name (default) or a case-insensitive part of it. */
  exact?: boolean;
  /** Search inside this element only. */
  within?: ElementRef;
  /** Which match: 0 (first, default) or -1 (last). */
  nth?: number;
}

async function find(
  m: Marionette,
  kind: 'role' | 'label',
  role: Role | null,
  name: string | null,
  q: Query,
): Promise<ElementRef | null> {
  return m
    .execute<ElementRef | null>(FIND, [
      kind,
      role,
      name,
      q.exact ?? true,
      q.within ?? null,
      q.nth ?? 0,
    ])
    .then((el) => el ?? null);
}

export async function poll<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean = (v) => !!v,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `Timed out waiting for ${what}; last value: ${JSON.stringify(last)}${lastError ? `; last error: ${lastError}` : ''}`,
  );
}

const elementId = (el: ElementRef) => Object.values(el)[0] as string;

/** A page in the current Marionette tab, found by role and label. */
export class PageDriver {
  constructor(readonly m: Marionette) {}

  async getByRole(role: Role, name: string | null, q: Query = {}): Promise<ElementRef> {
    const found = await poll(`${role} "${name}"`, () => find(this.m, 'role', role, name, q));
    return found as ElementRef;
  }

  async getByLabel(label: string, q: Query = {}): Promise<ElementRef> {
    const found = await poll(`field "${label}"`, () => find(this.m, 'label', null, label, q));
    return found as ElementRef;
  }

  async countByRole(role: Role, name: string | null, q: Query = {}): Promise<number> {
    return this.m.execute<number>(
      `${FIND.replace(/return index[^;]*;$/, 'return found.length;')}`,
      ['role', role, name, q.exact ?? true, q.within ?? null, 0],
    );
  }

  /** Clicks once the control is enabled (as a person waits for a greyed-out button). */
  async click(el: ElementRef) {
    await poll('the control to be enabled', () =>
      this.m.execute<boolean>(
        "return !arguments[0].disabled && arguments[0].getAttribute('aria-disabled') !== 'true'",
        [el],
      ),
    );
    await this.m.command('WebDriver:ElementClick', { id: elementId(el) });
  }

  async fill(el: ElementRef, text: string) {
    await this.m.command('WebDriver:ElementClear', { id: elementId(el) });
    await this.m.command('WebDriver:ElementSendKeys', { id: elementId(el), text });
  }

  async value(el: ElementRef): Promise<string> {
    return (
      await this.m.command<{ value: string }>('WebDriver:GetElementProperty', {
        id: elementId(el),
        name: 'value',
      })
    ).value;
  }

  async text(el: ElementRef): Promise<string> {
    return this.m.execute<string>('return arguments[0].textContent', [el]);
  }

  async attribute(el: ElementRef, name: string): Promise<string | null> {
    return this.m.execute<string | null>('return arguments[0].getAttribute(arguments[1])', [
      el,
      name,
    ]);
  }

  async bodyText(): Promise<string> {
    return this.m.execute<string>('return document.body.innerText');
  }

  /** Waits until the page's visible text contains `text`. */
  async waitForText(text: string | RegExp, timeoutMs = 20_000): Promise<string> {
    return poll(
      `text ${text}`,
      () => this.bodyText(),
      (body) => (typeof text === 'string' ? body.includes(text) : text.test(body)),
      timeoutMs,
    );
  }
}
