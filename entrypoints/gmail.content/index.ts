// Gmail content script: lifecycle only. Watches the main pane and the compose dock, reads the open
// thread and the hovered person with utils/detect/gmail.ts and the recipients being written to
// with utils/detect/gmail-compose.ts, and reports changes to the background.
import { defineContentScript } from '#imports';
import { readGmail } from '@/utils/detect/gmail';
import { withGmailCompose } from '@/utils/detect/gmail-compose';
import { gmailComposeSelectors, gmailSelectors } from '@/utils/detect/gmail-selectors';
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
      // New-message windows open outside the main pane; a chip added there is reported as fast.
      alsoObserveSelector: gmailComposeSelectors.containers,
      hoverSelector: gmailSelectors.person,
      // A thread switch is reported as soon as the new thread's header and people are drawn.
      identitySelector: gmailSelectors.threadId,
      expectsItem: gmailUrlShowsThread,
      read: (doc, url, hover, changed) =>
        withGmailCompose(readGmail(doc, url, { hover, changed }), doc, url),
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
