// Steps the write-journal specs share: stop the service worker mid-save (CDP), start from a Gmail
// thread with Peter (Initech) and no earlier drafts or journal, count Close's copies, and let time
// pass for the journal's stored entries.
import type { Page } from 'playwright-core';
import type { ExtensionHarness } from '@/tests/e2e/support/extension';
import { connectAccount } from '@/tests/e2e/support/flows';
import { gmailPage } from '@/tests/e2e/support/gmail-page';

const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
export const PETER = { name: 'Peter Gibbons', email: 'peter@initech.com' };

/** Chrome stops the extension's service worker (as it does after 30 s idle, or on a crash). */
export async function stopWorker(harness: ExtensionHarness): Promise<void> {
  const page = await harness.openPage('options.html');
  const cdp = await harness.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.close();
}

/** A Gmail thread with Peter (Initech), connected, earlier tests' drafts and journal gone. */
export async function gmailWithPeter(harness: ExtensionHarness): Promise<Page> {
  await connectAccount(harness);
  await harness.worker().evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    const keys = Object.keys(all).filter((k) => k.startsWith('draft:') || k === 'writeJournal');
    await chrome.storage.local.remove(keys);
  });
  harness.sites.set('mail.google.com', gmailPage({ subject: 'Hello', from: PETER, to: [] }, ME));
  const gmail = await harness.context.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/abc');
  return gmail;
}

/** The Initech lead in a panel, once shown. */
export async function initechIn(panel: Page) {
  const lead = panel.getByRole('article', { name: 'Initech' });
  await lead.waitFor();
  return lead;
}

/**
 * The user comes back `ms` later: every stored journal entry is that much older (its send time
 * too). Only storage changes, from an extension page, as time passing would change it; the
 * extension runs as it always does. Spares a spec the real wait (the journal trusts a list's
 * silence only LIST_SETTLE_MS after a send). Call it while no save is settling (e.g. while the
 * fake holds it), so the worker does not write back an entry it read before.
 */
export async function comeBackLater(harness: ExtensionHarness, ms: number): Promise<void> {
  const page = await harness.openPage('options.html');
  await page.evaluate(async (by) => {
    const { writeJournal } = await chrome.storage.local.get('writeJournal');
    if (!Array.isArray(writeJournal)) return;
    const older = writeJournal.map(
      (e: { startedAt: number; sentAt: number; updatedAt: number }) => ({
        ...e,
        startedAt: e.startedAt - by,
        sentAt: e.sentAt - by,
        updatedAt: e.updatedAt - by,
      }),
    );
    await chrome.storage.local.set({ writeJournal: older });
  }, ms);
  await page.close();
}
