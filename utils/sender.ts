// Who sent a runtime message: one of our extension pages, one of our content scripts, or neither.
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type SenderKind =
  | { kind: 'extension-page' }
  | { kind: 'content-script'; tabId: number; frameId: number; url: string }
  | { kind: 'foreign' };

/**
 * Classifies a sender. Extension pages (options, popup, side panel — also when opened in a tab)
 * have a URL under our own origin; content scripts have our id but the page's URL and a tab.
 */
export function classifySender(
  sender: SenderLike,
  runtimeId: string,
  extensionOrigin: string,
): SenderKind {
  if (sender.id !== runtimeId) return { kind: 'foreign' };
  const origin = extensionOrigin.replace(/\/$/, '');
  const url = sender.url ?? '';
  if (url === origin || url.startsWith(`${origin}/`)) {
    if (sender.origin === undefined || sender.origin === origin) return { kind: 'extension-page' };
    return { kind: 'foreign' };
  }
  const tabId = sender.tab?.id;
  if (typeof tabId === 'number' && tabId >= 0 && /^https?:\/\//.test(url)) {
    return { kind: 'content-script', tabId, frameId: sender.frameId ?? 0, url };
  }
  return { kind: 'foreign' };
}
