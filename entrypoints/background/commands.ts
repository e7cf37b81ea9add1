// Keyboard shortcuts (manifest `commands`): open the panel on the current tab, or open it with its
// search box focused. A shortcut is a user gesture and grants activeTab, so the panel opens first,
// synchronously, and the page is read right after.

import { traced } from '@/utils/diagnostics';
export const OPEN_PANEL_COMMAND = 'open-panel';
export const FOCUS_SEARCH_COMMAND = 'focus-search';

export interface CommandTab {
  id?: number;
  windowId?: number;
}

export interface CommandDeps {
  /** Opens the panel; must call the browser synchronously (user gesture). */
  openPanel(target: { tabId: number; windowId: number | undefined }): Promise<void>;
  /** Reads the page now that the shortcut granted activeTab (same as `ui:readTab`). */
  readTab(tabId: number): Promise<unknown>;
  /** Asks the panel to focus its search box (it may still be loading). */
  requestSearchFocus(): Promise<void>;
  /** The active tab, for browsers that do not pass it to onCommand. */
  activeTab(): Promise<CommandTab | undefined>;
}

/** The commands.onCommand listener. Not async: the panel must open before the first await. */
export function createCommandHandler(
  deps: CommandDeps,
): (command: string, tab?: CommandTab) => void {
  return (command, tab) => {
    if (command !== OPEN_PANEL_COMMAND && command !== FOCUS_SEARCH_COMMAND) return;
    const run = (target: CommandTab | undefined) => {
      if (target?.id === undefined) return;
      deps.openPanel({ tabId: target.id, windowId: target.windowId }).catch(() => {
        // Refused (no gesture left after looking the tab up): the page is still read below.
      });
      if (command === FOCUS_SEARCH_COMMAND) void deps.requestSearchFocus();
      void deps.readTab(target.id).catch(traced('read tab from a shortcut'));
    };
    if (tab?.id !== undefined) run(tab);
    else void deps.activeTab().then(run);
  };
}
