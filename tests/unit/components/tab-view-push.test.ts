// The panel follows its tab from the views the background stores: each one arrives with its value
// (storage.onChanged), so a thread switch costs the panel no second request.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TabView } from '@/utils/tab-view';
import { followTab, tabView } from '@/utils/ui/tab-view-signal';

const view = (updatedAt: number, status: 'loading' | 'idle' = 'idle'): TabView => ({
  tabId: 41,
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzNext',
  snapshot: null,
  query: null,
  lookup: { status },
  access: 'watched',
  updatedAt,
});

describe('panel view push', () => {
  let asked: string[];
  let stop: () => void;

  beforeEach(() => {
    fakeBrowser.reset();
    asked = [];
    fakeBrowser.runtime.onMessage.addListener(
      (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
        asked.push((message as { name: string }).name);
        sendResponse({ ok: true, value: view(1) });
        return true;
      },
    );
  });
  afterEach(() => stop?.());

  it('shows a stored view as it arrives, without asking the background again', async () => {
    stop = followTab('?tabId=41');
    await vi.waitFor(() => expect(tabView.value?.updatedAt).toBe(1));
    const before = asked.length;
    await fakeBrowser.storage.session.set({ 'tab:41': view(5, 'loading') });
    await vi.waitFor(() => expect(tabView.value?.lookup.status).toBe('loading'));
    expect(tabView.value?.updatedAt).toBe(5);
    expect(asked.length).toBe(before);
    // Another tab's view is not this panel's business.
    await fakeBrowser.storage.session.set({ 'tab:42': { ...view(9), tabId: 42 } });
    expect(tabView.value?.updatedAt).toBe(5);
  });

  it("shows the tab's stored view at once, before the background answers", async () => {
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.runtime.onMessage.addListener(() => true); // a background that has not answered yet
    await fakeBrowser.storage.session.set({
      'tab:43': { ...view(3), tabId: 43, lookup: { status: 'ready' } },
    });
    stop = followTab('?tabId=43');
    await vi.waitFor(() => expect(tabView.value?.tabId).toBe(43));
    expect(tabView.value?.lookup.status).toBe('ready');
  });

  it('keeps a newer view when an older one arrives late, and asks again when the view is removed', async () => {
    stop = followTab('?tabId=41');
    await fakeBrowser.storage.session.set({ 'tab:41': view(7, 'loading') });
    await vi.waitFor(() => expect(tabView.value?.updatedAt).toBe(7));
    await fakeBrowser.storage.session.set({ 'tab:41': view(6) });
    expect(tabView.value?.updatedAt).toBe(7);
    const before = asked.length;
    await fakeBrowser.storage.session.remove('tab:41');
    await vi.waitFor(() => expect(asked.length).toBe(before + 1));
    expect(asked.at(-1)).toBe('ui:getTabView');
  });
});
