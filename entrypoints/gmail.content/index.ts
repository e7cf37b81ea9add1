// Gmail content script: lifecycle only. Watches the main pane, reads the open thread and the
// hovered person with utils/detect/gmail.ts, and reports changes to the background.
import { defineContentScript } from '#imports';
import { readGmail } from '@/utils/detect/gmail';
import { gmailSelectors } from '@/utils/detect/gmail-selectors';
import { gmailUrlShowsThread } from '@/utils/detect/gmail-url';
import { watchPage } from '@/utils/detect/watch';
import {
  isContextInvalidated,
  sendFromContentScript,
  siteSwitchedOff,
} from '@/utils/messaging-content';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  // No start-up postMessage to the page (it carried the extension id). The context itself is the
  // quiet one from utils/quiet-content-script-context.ts (aliased in wxt.config.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    const watcher = watchPage({
      win: window,
      doc: document,
      signal: ctx.signal,
      rootSelector: gmailSelectors.main,
      hoverSelector: gmailSelectors.person,
      // A thread switch is reported as soon as the new thread's header and people are drawn.
      identitySelector: gmailSelectors.threadId,
      expectsItem: gmailUrlShowsThread,
      read: (doc, url, hover, changed) => readGmail(doc, url, { hover, changed }),
      report: (snapshot) => {
        const sent = snapshot
          ? sendFromContentScript('cs:reportPage', snapshot)
          : sendFromContentScript('cs:clearPage');
        sent.then(
          // Switched off in settings: stop watching (the background re-injects when it is back on).
          (reply) => {
            if (siteSwitchedOff(reply)) watcher.stop();
          },
          (error: unknown) => {
            if (isContextInvalidated(error)) watcher.stop();
          },
        );
      },
    });
    ctx.onInvalidated(watcher.stop);
  },
});
