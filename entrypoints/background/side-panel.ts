// Opening the panel from the background (shortcut, context menu), through the same helper the popup
// uses. Call it synchronously inside the user gesture: no await first.
import { openSidePanelNow } from '@/utils/ui/side-panel';

export function openPanelFor(target: { tabId: number; windowId: number | undefined }) {
  return openSidePanelNow(target);
}
