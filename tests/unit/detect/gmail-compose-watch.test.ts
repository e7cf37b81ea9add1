// @vitest-environment happy-dom
// The Gmail content script's wiring for compose windows: a recipient chip added in the compose dock
// (outside [role=main]) is reported after the short mutation debounce, and nothing is written into
// the compose window.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readGmail } from '@/utils/detect/gmail';
import { withGmailCompose } from '@/utils/detect/gmail-compose';
import { gmailComposeSelectors, gmailSelectors } from '@/utils/detect/gmail-selectors';
import { gmailUrlShowsThread } from '@/utils/detect/gmail-url';
import { watchPage } from '@/utils/detect/watch';
import type { PageSnapshot } from '@/utils/page-snapshot';

const PAGE = `<div class="gb_Fd"><a aria-label="Google Account: Kai Osei (kai@northgate-supply.com)" href="https://accounts.google.com/SignOutOptions"></a></div>
<div class="nH bkK"><div class="nH" role="main"><div role="grid">Inbox</div></div></div>`;
const DOCK =
  '<div class="dw"><div class="nH"><div class="nH"><div class="no"></div></div></div></div>';

function compose(): HTMLElement {
  const dialog = document.createElement('div');
  dialog.setAttribute('role', 'dialog');
  dialog.innerHTML = `<form class="bAs"><table class="GS"><tbody><tr class="bzf"><td class="eV">
    <div class="anm" name="to"><div role="listbox" aria-label="To recipients"></div></div></td></tr></tbody></table>
    <div role="textbox" contenteditable="true"></div></form>`;
  return dialog;
}

function chip(email: string, name: string): HTMLElement {
  const option = document.createElement('div');
  option.setAttribute('role', 'option');
  option.setAttribute('data-hovercard-id', email);
  option.setAttribute('data-name', name);
  option.textContent = name;
  return option;
}

describe('Gmail compose wiring (watchPage + withGmailCompose)', () => {
  let controller: AbortController;
  let reports: Array<PageSnapshot | null>;

  const start = () =>
    watchPage({
      win: window,
      doc: document,
      signal: controller.signal,
      rootSelector: gmailSelectors.main,
      alsoObserveSelector: gmailComposeSelectors.containers,
      hoverSelector: gmailSelectors.person,
      identitySelector: gmailSelectors.threadId,
      expectsItem: gmailUrlShowsThread,
      read: (doc, url, hover) => withGmailCompose(readGmail(doc, url, { hover }), doc, url),
      report: (snapshot) => reports.push(snapshot),
    });

  beforeEach(() => {
    vi.useFakeTimers();
    controller = new AbortController();
    reports = [];
    document.title = 'Inbox - kai@northgate-supply.com - Gmail';
    history.replaceState(null, '', '/mail/u/0/#inbox');
  });

  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  it('reports a chip added in a new-message window within the debounce, and each change after', async () => {
    document.body.innerHTML = PAGE + DOCK;
    start();
    await vi.advanceTimersByTimeAsync(300);
    expect(reports).toEqual([null]);

    const window1 = compose();
    document.querySelector('.no')?.append(window1);
    await vi.advanceTimersByTimeAsync(100);
    expect(reports).toHaveLength(1); // an empty compose changes nothing

    const listbox = window1.querySelector('[role="listbox"]');
    listbox?.append(chip('gavin@hooli.xyz', 'Gavin Belson'));
    // The watcher's debounce is 50 ms: the chip is reported by then.
    await vi.advanceTimersByTimeAsync(60);
    expect(reports.at(-1)?.people).toEqual([
      { email: 'gavin@hooli.xyz', name: 'Gavin Belson', writing: 'to' },
    ]);

    listbox?.append(chip('nina@massivedynamic.com', 'Nina Sharp'));
    await vi.advanceTimersByTimeAsync(60);
    expect(reports.at(-1)?.people.map((p) => p.email)).toEqual([
      'gavin@hooli.xyz',
      'nina@massivedynamic.com',
    ]);

    // Closing the compose clears the page again.
    window1.remove();
    await vi.advanceTimersByTimeAsync(60);
    expect(reports.at(-1)).toBeNull();
  });

  it('finds a dock that appears after start-up, and writes nothing into the compose window', async () => {
    document.body.innerHTML = PAGE;
    start();
    await vi.advanceTimersByTimeAsync(300);
    document.body.insertAdjacentHTML('beforeend', DOCK);
    const window1 = compose();
    document.querySelector('.no')?.append(window1);
    // Gmail's main pane keeps changing while it loads; a later scan attaches to the dock.
    await vi.advanceTimersByTimeAsync(1100);
    document.querySelector('[role="main"]')?.append(document.createElement('span'));
    await vi.advanceTimersByTimeAsync(300);
    const before = window1.outerHTML;
    window1.querySelector('[role="listbox"]')?.append(chip('art@vandelay.com', 'Art Vandelay'));
    const withChip = window1.outerHTML;
    await vi.advanceTimersByTimeAsync(60);
    expect(reports.at(-1)?.people).toEqual([
      { email: 'art@vandelay.com', name: 'Art Vandelay', writing: 'to' },
    ]);
    expect(before).not.toBe(withChip);
    expect(window1.outerHTML).toBe(withChip);
  });
});
