import { describe, expect, it, vi } from 'vitest';
import {
  createCommandHandler,
  FOCUS_SEARCH_COMMAND,
  OPEN_PANEL_COMMAND,
} from '@/entrypoints/background/commands';

function deps() {
  const calls: string[] = [];
  return {
    calls,
    openPanel: vi.fn(async (t: { tabId: number; windowId: number | undefined }) => {
      calls.push(`open ${t.tabId}/${t.windowId}`);
    }),
    readTab: vi.fn(async (tabId: number) => {
      calls.push(`read ${tabId}`);
    }),
    requestSearchFocus: vi.fn(async () => {
      calls.push('focus');
    }),
    activeTab: vi.fn(async () => ({ id: 40, windowId: 2 })),
  };
}

describe('keyboard shortcuts', () => {
  it('opens the panel on the current tab synchronously, then reads the page', () => {
    const d = deps();
    createCommandHandler(d)(OPEN_PANEL_COMMAND, { id: 5, windowId: 1 });
    expect(d.calls).toEqual(['open 5/1', 'read 5']);
    expect(d.activeTab).not.toHaveBeenCalled();
  });

  it('opens the panel and asks it to focus its search box', () => {
    const d = deps();
    createCommandHandler(d)(FOCUS_SEARCH_COMMAND, { id: 5, windowId: 1 });
    expect(d.calls).toEqual(['open 5/1', 'focus', 'read 5']);
  });

  it('looks the active tab up when the browser does not pass it', async () => {
    const d = deps();
    createCommandHandler(d)(OPEN_PANEL_COMMAND);
    await vi.waitFor(() => expect(d.calls).toEqual(['open 40/2', 'read 40']));
  });

  it('ignores commands it does not know', () => {
    const d = deps();
    createCommandHandler(d)('_execute_action', { id: 5 });
    expect(d.calls).toEqual([]);
  });
});
