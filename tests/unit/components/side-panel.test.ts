// "Open side panel" from the popup: opens beside the tab the popup follows as soon as it is known.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { canOpenSidePanel, openSidePanelNow, sidePanelOpenOptions } from '@/utils/ui/side-panel';

type WithPanels = {
  sidePanel?: { open: (options: unknown) => Promise<void> };
  sidebarAction?: { open: () => Promise<void> };
};
const extension = fakeBrowser as unknown as WithPanels;

beforeEach(() => {
  fakeBrowser.reset();
  extension.sidePanel = { open: vi.fn(async () => {}) };
});
afterEach(() => {
  delete extension.sidePanel;
  delete extension.sidebarAction;
});

describe('opening the side panel', () => {
  it('opens beside the tab when the tab is known, even before the window is', async () => {
    expect(canOpenSidePanel({ tabId: 7, windowId: undefined })).toBe(true);
    await openSidePanelNow({ tabId: 7, windowId: undefined });
    expect(extension.sidePanel?.open).toHaveBeenCalledWith({ tabId: 7 });
  });

  it('uses the window when only the window is known', async () => {
    await openSidePanelNow({ tabId: null, windowId: 3 });
    expect(extension.sidePanel?.open).toHaveBeenCalledWith({ windowId: 3 });
  });

  it('cannot open while neither is known, and says so instead of blaming the browser', async () => {
    expect(sidePanelOpenOptions({ tabId: null, windowId: undefined })).toBeNull();
    expect(canOpenSidePanel({ tabId: null })).toBe(false);
    await expect(openSidePanelNow({ tabId: null })).rejects.toThrow(/does not know which tab/);
    expect(extension.sidePanel?.open).not.toHaveBeenCalled();
  });

  it("uses Firefox's sidebar, which needs no tab", async () => {
    delete extension.sidePanel;
    extension.sidebarAction = { open: vi.fn(async () => {}) };
    expect(canOpenSidePanel({})).toBe(true);
    await openSidePanelNow({});
    expect(extension.sidebarAction.open).toHaveBeenCalled();
  });

  it('says when the browser has no side panel at all', async () => {
    delete extension.sidePanel;
    expect(canOpenSidePanel({ tabId: 1 })).toBe(false);
    await expect(openSidePanelNow({ tabId: 1 })).rejects.toThrow(/cannot open the side panel/);
  });
});
