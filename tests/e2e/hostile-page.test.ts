// A hostile Gmail page: it must not learn the extension's id from anything the reader sends, and
// nothing it dispatches can switch the reader off (issue 14).
import { describe, expect, it } from 'vitest';
import { connectAccount, openPanelFor } from '@/tests/e2e/support/flows';
import { type GmailThread, gmailPage, gmailThreadMain } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const INITECH_THREAD: GmailThread = {
  subject: 'TPS reports',
  from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
  to: [],
};
const UMBRELLA_THREAD: GmailThread = {
  subject: 'Containment',
  from: { name: 'Albert Wesker', email: 'albert.wesker@umbrella-corp.com' },
  to: [],
};

declare global {
  interface Window {
    __heard?: string[];
  }
}

describe('a hostile Gmail page', () => {
  const harness = useExtension();

  it('never receives a message or event carrying the extension id, and cannot stop the reader', async () => {
    await connectAccount(harness());
    const id = harness().extensionId;
    harness().sites.set('mail.google.com', gmailPage(INITECH_THREAD, ME));
    const gmail = await harness().context.newPage();
    // The page listens before any content script runs: every `message`, and the event names WXT's
    // context used to dispatch on document and window (the page can build them from a known id).
    await gmail.addInitScript((extensionId: string) => {
      const heard: string[] = [];
      window.__heard = heard;
      window.addEventListener('message', (event) => {
        heard.push(`message ${JSON.stringify(event.data)}`);
      });
      for (const name of ['wxt:content-script-started', 'wxt:locationchange']) {
        const type = `${extensionId}:gmail:${name}`;
        const note = (where: string) => (event: Event) =>
          heard.push(`${where} ${type} ${JSON.stringify((event as CustomEvent).detail ?? null)}`);
        document.addEventListener(type, note('document'));
        window.addEventListener(type, note('window'));
      }
    }, id);
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzTPS');
    const panel = await openPanelFor(harness(), gmail);
    await panel.getByRole('article', { name: 'Initech' }).waitFor();

    // The page now does what used to stop WXT's context, by message and by event, then Gmail
    // opens another thread: the reader must still follow.
    await gmail.evaluate(
      ({ extensionId, html }) => {
        const type = `${extensionId}:gmail:wxt:content-script-started`;
        const detail = { contentScriptName: 'gmail', messageId: 'page' };
        window.postMessage({ type, ...detail }, '*');
        document.dispatchEvent(new CustomEvent(type, { detail }));
        const policy = (
          window as unknown as {
            trustedTypes: {
              createPolicy: (n: string, p: object) => { createHTML: (s: string) => string };
            };
          }
        ).trustedTypes.createPolicy('e2e', { createHTML: (s: string) => s });
        location.hash = '#inbox/FMfcgzUMB';
        const main = document.querySelector('[role=main]') as HTMLElement;
        main.innerHTML = policy.createHTML(html) as unknown as string;
      },
      { extensionId: id, html: gmailThreadMain(UMBRELLA_THREAD, ME) },
    );
    await panel.getByRole('article', { name: 'Umbrella Corp' }).waitFor();

    const heard = (await gmail.evaluate(() => window.__heard ?? [])) as string[];
    // Only what the page posted itself; nothing from the extension, nothing with its id otherwise.
    const fromExtension = heard.filter((h) => !h.includes('"messageId":"page"'));
    expect(fromExtension.filter((h) => h.includes(id))).toEqual([]);
    expect(heard.some((h) => h.includes('"messageId":"page"'))).toBe(true);
  });
});
