// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureHtml } from '@/tests/unit/detect/fixture';
import { readGmail } from '@/utils/detect/gmail';
import { gmailSelectors } from '@/utils/detect/gmail-selectors';
import { gmailUrlShowsThread } from '@/utils/detect/gmail-url';
import { type PageWatcher, type PageWatcherOptions, watchPage } from '@/utils/detect/watch';
import type { PageSnapshot } from '@/utils/page-snapshot';

/** Puts a fixture's body into the test window's document (happy-dom), as Gmail would render it. */
function render(name: string, hash = '#inbox'): void {
  const source = new DOMParser().parseFromString(fixtureHtml(name), 'text/html');
  document.title = source.title;
  document.body.replaceChildren(
    ...[...source.body.childNodes].map((node) => document.importNode(node, true)),
  );
  // happy-dom's origin is localhost; the reader only cares about the path and hash.
  history.replaceState(null, '', `/mail/u/0/${hash}`);
}

describe('watchPage (Gmail lifecycle)', () => {
  let controller: AbortController;
  let reports: Array<PageSnapshot | null>;
  let read: ReturnType<typeof vi.fn<PageWatcherOptions['read']>>;
  let watcher: PageWatcher;

  const start = () => {
    watcher = watchPage({
      win: window,
      doc: document,
      signal: controller.signal,
      rootSelector: gmailSelectors.main,
      hoverSelector: gmailSelectors.person,
      identitySelector: gmailSelectors.threadId,
      expectsItem: gmailUrlShowsThread,
      read,
      report: (snapshot) => reports.push(snapshot),
    });
  };

  beforeEach(() => {
    vi.useFakeTimers();
    controller = new AbortController();
    reports = [];
    read = vi.fn<PageWatcherOptions['read']>((doc, url, hover, changed) =>
      readGmail(doc, url, { hover, changed }),
    );
  });

  afterEach(() => {
    controller.abort();
    vi.useRealTimers();
    document.body.replaceChildren();
  });

  it('reports the open thread once, and nothing more while the page is idle', async () => {
    render('gmail-2024-thread.html', '#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');
    start();
    await vi.advanceTimersByTimeAsync(500);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.title).toBe('Renewal quote for 2027');
    // (happy-dom fires a hashchange for the test's own replaceState, hence "calls so far".)
    const callsSoFar = read.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(read).toHaveBeenCalledTimes(callsSoFar);
    expect(reports).toHaveLength(1);
  });

  it('tells the reader where the page changed since the last scan, and "anything" after the pane was replaced', async () => {
    render('gmail-2024-thread.html', '#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');
    start();
    await vi.advanceTimersByTimeAsync(500);
    expect(read.mock.lastCall?.[3]).toBeNull();
    const line = document.querySelector('.hb') as Element;
    line.append(document.createElement('span'));
    await vi.advanceTimersByTimeAsync(500);
    expect([...(read.mock.lastCall?.[3] ?? [])]).toEqual([line]);
    const main = document.querySelector('[role="main"]') as Element;
    main.replaceWith(main.cloneNode(true));
    await vi.advanceTimersByTimeAsync(500);
    expect(read.mock.lastCall?.[3]).toBeNull();
    expect(reports.at(-1)?.title).toBe('Renewal quote for 2027');
  });

  it('sends clear once for the list view', async () => {
    render('gmail-inbox-list.html');
    start();
    await vi.advanceTimersByTimeAsync(500);
    expect(reports).toEqual([null]);
  });

  it('debounces a burst of mutations into one scan and skips unchanged results', async () => {
    render('gmail-2024-thread.html', '#inbox/a');
    start();
    await vi.advanceTimersByTimeAsync(500);
    const main = document.querySelector('[role="main"]');
    for (let i = 0; i < 50; i++) {
      main?.append(document.createElement('span'));
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(200);
    // 50 mutations over 1 s: the ceiling (200 ms) forces about one scan per 200 ms, plus the final one
    // (timer and observer delivery may split one window in two), never one per mutation.
    expect(read.mock.calls.length).toBeLessThanOrEqual(8);
    expect(reports).toHaveLength(1);
  });

  it('reports the new people when the user switches threads, and clears on going back to the list', async () => {
    render('gmail-2024-thread.html', '#inbox/a');
    start();
    await vi.advanceTimersByTimeAsync(500);
    render('gmail-2026-thread-collapsed.html', '#inbox/b');
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(200);
    expect(reports.at(-1)?.title).toBe('Pilot rollout: next steps');
    render('gmail-inbox-list.html', '#inbox');
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(200);
    expect(reports.at(-1)).toBeNull();
    expect(reports).toHaveLength(3);
  });

  it('never reports the old thread under the new URL: it waits for the new thread to be drawn', async () => {
    render('gmail-2024-thread.html', '#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');
    start();
    await vi.advanceTimersByTimeAsync(500);
    expect(reports).toHaveLength(1);
    // Gmail changes the hash first; the old thread stays in the DOM for a moment.
    history.replaceState(null, '', '/mail/u/0/#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfM');
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(300);
    expect(reports).toHaveLength(1);
    // The new thread is drawn: reported within a frame, no debounce or idle wait.
    const thread = new DOMParser().parseFromString(
      fixtureHtml('gmail-2026-thread-collapsed.html'),
      'text/html',
    );
    document
      .querySelector('[role="main"]')
      ?.replaceChildren(
        ...[...(thread.querySelector('[role="main"]')?.childNodes ?? [])].map((node) =>
          document.importNode(node, true),
        ),
      );
    await vi.advanceTimersByTimeAsync(16);
    expect(reports).toHaveLength(2);
    expect(reports[1]?.title).toBe('Pilot rollout: next steps');
    expect(reports[1]?.url).toContain('FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfM');
  });

  it('waits for a thread URL to be drawn instead of reporting the list first, and gives up after the wait', async () => {
    render('gmail-inbox-list.html');
    start();
    await vi.advanceTimersByTimeAsync(500);
    expect(reports).toEqual([null]);
    // The user opened a thread: the URL names it, the list is still on screen.
    history.replaceState(null, '', '/mail/u/0/#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(100);
    expect(reports).toEqual([null]);
    render('gmail-2024-thread.html', '#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');
    await vi.advanceTimersByTimeAsync(16);
    expect(reports.at(-1)?.title).toBe('Renewal quote for 2027');
  });

  it('reports the old-looking page anyway once the navigation wait is over', async () => {
    render('gmail-2024-thread.html', '#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfL');
    start();
    await vi.advanceTimersByTimeAsync(500);
    history.replaceState(null, '', '/mail/u/0/#inbox/FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfN');
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(reports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(reports).toHaveLength(2);
    expect(reports[1]?.url).toContain('FMfcgzQZTMxkKdvQcxCtJrNlQwdlKPfN');
  });

  it('re-attaches when Gmail replaces [role=main] and sees changes in the new pane', async () => {
    render('gmail-inbox-list.html');
    start();
    await vi.advanceTimersByTimeAsync(500);
    const oldMain = document.querySelector('[role="main"]');
    const thread = new DOMParser().parseFromString(
      fixtureHtml('gmail-2022-preview-pane.html'),
      'text/html',
    );
    const newMain = document.importNode(thread.querySelector('[role="main"]') as Element, true);
    oldMain?.replaceWith(newMain);
    await vi.advanceTimersByTimeAsync(200);
    expect(reports.at(-1)?.title).toBe('Contract draft v3');
    newMain
      .querySelector('.hb')
      ?.append(Object.assign(document.createElement('span'), { className: 'g2' }));
    newMain.querySelector('.g2:last-child')?.setAttribute('email', 'late@example.com');
    newMain.querySelector('.hb')?.append(document.createElement('i'));
    await vi.advanceTimersByTimeAsync(200);
    expect(reports.at(-1)?.people.map((person) => person.email)).toContain('late@example.com');
  });

  it('reports a hovered person after the mouse rests, and keeps it until navigation', async () => {
    render('gmail-inbox-list.html');
    start();
    await vi.advanceTimersByTimeAsync(500);
    const chip = document.querySelector('[email="maria.lopez@example.com"]');
    chip?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(100);
    document
      .querySelector('[email="news@example.org"]')
      ?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(400);
    expect(reports.at(-1)?.people).toEqual([
      { email: 'news@example.org', name: 'Example News', role: 'hover' },
    ]);
    document.body.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(400);
    expect(reports).toHaveLength(2);
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(200);
    expect(reports.at(-1)).toBeNull();
  });

  it('stops observing and listening once invalidated', async () => {
    render('gmail-2024-thread.html', '#inbox/a');
    start();
    await vi.advanceTimersByTimeAsync(500);
    const callsSoFar = read.mock.calls.length;
    controller.abort();
    document.querySelector('[role="main"]')?.append(document.createElement('div'));
    window.dispatchEvent(new Event('hashchange'));
    document.querySelector('.gD')?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(read).toHaveBeenCalledTimes(callsSoFar);
  });

  it('removes every listener it added when stopped, so a re-injected script does not double them', async () => {
    render('gmail-2024-thread.html', '#inbox/a');
    const added: Array<{ type: string; signal: AbortSignal | undefined }> = [];
    const record = (target: EventTarget) => {
      const original = target.addEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
        added.push({
          type,
          signal: typeof options === 'object' ? (options.signal ?? undefined) : undefined,
        });
        original(type, listener, options);
      });
    };
    record(window);
    record(document);
    start();
    await vi.advanceTimersByTimeAsync(500);
    expect(added.map((a) => a.type).sort()).toEqual(['hashchange', 'mouseover', 'popstate']);
    // Switched off in settings: the script stops, but its WXT context (controller) lives on.
    watcher.stop();
    expect(controller.signal.aborted).toBe(false);
    expect(added.every((a) => a.signal?.aborted)).toBe(true);
  });

  it('keeps going when the reader throws', async () => {
    render('gmail-2024-thread.html', '#inbox/a');
    read.mockImplementationOnce(() => {
      throw new Error('reader bug');
    });
    start();
    await vi.advanceTimersByTimeAsync(500);
    expect(reports).toEqual([null]);
    watcher.scanNow();
    expect(reports.at(-1)?.title).toBe('Renewal quote for 2027');
  });
});
