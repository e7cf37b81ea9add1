// Outlook on the web reader, registered at runtime by the background (scripting.registerContentScripts,
// id "close-look-outlook") only after the user grants the optional Outlook permission. Same lifecycle
// as Gmail; self-contained because unlisted scripts get no WXT ctx.
import { defineUnlistedScript } from '#imports';
import { readOutlook } from '@/utils/detect/outlook';
import { watchPage } from '@/utils/detect/watch';
import {
  extensionRuntime,
  isContextInvalidated,
  sendFromContentScript,
  siteSwitchedOff,
} from '@/utils/messaging-content';

// A Symbol-keyed flag: a string-named global could be shadowed by a page element with that id or
// name (DOM clobbering) and keep the reader from ever starting. The page cannot name this symbol.
const RUNNING = Symbol.for('close-look.outlook-reader');

export default defineUnlistedScript(() => {
  // Registered and also injected into already-open tabs right after the grant: run once per world.
  const flags = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (flags[RUNNING] === true) return;
  flags[RUNNING] = true;
  const lifetime = new AbortController();
  // Stopped (switched off, extension gone): a later injection may start a fresh reader.
  lifetime.signal.addEventListener('abort', () => {
    flags[RUNNING] = false;
  });
  const alive = (): boolean => {
    if (extensionRuntime()) return true;
    lifetime.abort();
    return false;
  };
  watchPage({
    win: window,
    doc: document,
    signal: lifetime.signal,
    rootSelector: '#MainModule, [role="main"]',
    read: (doc, url) => (alive() ? readOutlook(doc, url) : null),
    report: (snapshot) => {
      if (!alive()) return;
      const sent = snapshot
        ? sendFromContentScript('cs:reportPage', snapshot)
        : sendFromContentScript('cs:clearPage');
      sent.then(
        // Switched off in settings: stop watching (the background registers it again when back on).
        (reply) => {
          if (siteSwitchedOff(reply)) lifetime.abort();
        },
        (error: unknown) => {
          if (isContextInvalidated(error)) lifetime.abort();
        },
      );
    },
  });
});
