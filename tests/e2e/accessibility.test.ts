// axe-core (WCAG 2.1 A and AA rules) on the production build's pages, in light and dark colour
// schemes: the side panel with a matched lead (card, tasks and every form open), the popup and the
// options page. No critical or serious violation may remain. axe runs from node_modules inside the
// test page only; it is never part of the extension.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectAccount, tabIdOf } from '@/tests/e2e/support/flows';
import { type GmailThread, gmailPage } from '@/tests/e2e/support/gmail-page';
import { useExtension } from '@/tests/e2e/support/harness';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const WCAG_21_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const ME = { name: 'Ada Lovelace', email: 'ada@acme-sales.example' };
const thread: GmailThread = {
  subject: 'TPS reports',
  from: { name: 'Peter Gibbons', email: 'peter@initech.com' },
  to: [],
};
const SCHEMES = ['light', 'dark'] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}
interface AxeSummary {
  rules: number;
  passes: number;
  incomplete: string[];
  violations: Violation[];
}

/** Runs axe's WCAG 2.1 A/AA rules on the page as it is now (injected through CDP, past the page's CSP). */
async function audit(page: Page): Promise<AxeSummary> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    interface Rule {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }
    type Results = Record<'passes' | 'violations' | 'incomplete' | 'inapplicable', Rule[]>;
    const { axe } = window as unknown as {
      axe: { run: (context: Document, options: object) => Promise<Results> };
    };
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    const ids = new Set<string>();
    for (const group of [result.passes, result.violations, result.incomplete, result.inapplicable])
      for (const rule of group) ids.add(rule.id);
    return {
      rules: ids.size,
      passes: result.passes.length,
      incomplete: result.incomplete.map((r) => `${r.id} ×${r.nodes.length}`),
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    };
  }, WCAG_21_A_AA);
}

/** The critical and serious violations, readable in a failure message. */
function blocking(summary: AxeSummary): string[] {
  return summary.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.impact} ${v.id} (${v.help}) at ${JSON.stringify(n.target)}: ${n.failureSummary}`,
      ),
    );
}

async function expectNoBlocking(page: Page, where: string, scheme: 'light' | 'dark') {
  // The audit means something only if the page really is in the scheme under test.
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
    scheme === 'dark',
  );
  const summary = await audit(page);
  // One line per audit, so the run records what ran (rules, passes, minor findings).
  console.info(
    `axe ${where}: ${summary.rules} rules, ${summary.passes} passed, ${summary.violations.length} violated (${summary.violations.map((v) => `${v.id}:${v.impact}`).join(', ') || 'none'}), need review: ${summary.incomplete.join(', ') || 'none'}`,
  );
  expect(blocking(summary), where).toEqual([]);
}

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  const harness = useExtension();

  async function panelWithLead(scheme: (typeof SCHEMES)[number]): Promise<Page> {
    await connectAccount(harness());
    harness().sites.set('mail.google.com', gmailPage(thread, ME));
    const gmail = await harness().context.newPage();
    await gmail.goto('https://mail.google.com/mail/u/0/#inbox/tps');
    const tabId = await tabIdOf(harness(), gmail);
    const panel = await harness().context.newPage();
    await panel.emulateMedia({ colorScheme: scheme });
    await panel.setViewportSize({ width: 360, height: 600 });
    await panel.goto(`chrome-extension://${harness().extensionId}/sidepanel.html?tabId=${tabId}`);
    await panel.getByRole('article', { name: 'Initech' }).waitFor();
    return panel;
  }

  for (const scheme of SCHEMES) {
    it(`the side panel with a matched lead and its forms open has no serious violation (${scheme})`, async () => {
      const panel = await panelWithLead(scheme);
      const lead = panel.getByRole('article', { name: 'Initech' });
      await lead
        .getByRole('list', { name: 'Open tasks' })
        .getByText(/Overdue/)
        .waitFor();
      await panel
        .getByRole('button', { name: /^Open email:/ })
        .first()
        .waitFor();
      await expectNoBlocking(panel, `side panel, first screen (${scheme})`, scheme);

      // The task form and the lead edit form, open together.
      await lead.getByRole('button', { name: 'Add task' }).click();
      await lead.getByLabel('Task', { exact: true }).waitFor();
      await lead.getByRole('button', { name: 'Edit lead' }).click();
      await lead.getByLabel('Status', { exact: true }).waitFor();
      await expectNoBlocking(panel, `side panel, task + lead edit forms (${scheme})`, scheme);

      await lead.getByRole('button', { name: 'Add contact' }).click();
      await lead.getByRole('button', { name: 'Cancel' }).first().waitFor();
      await expectNoBlocking(panel, `side panel, contact form (${scheme})`, scheme);

      await lead.getByRole('button', { name: 'Add opportunity' }).click();
      await lead.getByLabel('Value').first().waitFor();
      await expectNoBlocking(panel, `side panel, opportunity form (${scheme})`, scheme);

      // The status menu, open.
      await lead.getByRole('button', { name: /Lead status:/ }).click();
      await lead.getByRole('menuitemradio').first().waitFor();
      await expectNoBlocking(panel, `side panel, status menu (${scheme})`, scheme);
    });

    it(`the popup with a match has no serious violation (${scheme})`, async () => {
      await connectAccount(harness());
      harness().sites.set('mail.google.com', gmailPage(thread, ME));
      const gmail = await harness().context.newPage();
      await gmail.goto('https://mail.google.com/mail/u/0/#inbox/abc');
      const tabId = await tabIdOf(harness(), gmail);
      const popup = await harness().context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.setViewportSize({ width: 360, height: 600 });
      await popup.goto(`chrome-extension://${harness().extensionId}/popup.html?tabId=${tabId}`);
      await popup.getByText('Initech').first().waitFor();
      await popup.getByLabel('Note', { exact: true }).waitFor();
      await expectNoBlocking(popup, `popup (${scheme})`, scheme);
    });

    it(`the options page, before and after connecting, has no serious violation (${scheme})`, async () => {
      const options = await harness().context.newPage();
      await options.emulateMedia({ colorScheme: scheme });
      await options.goto(`chrome-extension://${harness().extensionId}/options.html`);
      await options.getByLabel('API key').waitFor();
      // Earlier tests in this browser connected: start from "Not connected" as a new user does.
      const disconnect = options.getByRole('button', { name: 'Disconnect' });
      if (await disconnect.count()) {
        await disconnect.click();
        await options.getByText(/Not connected\./).waitFor();
      }
      await expectNoBlocking(options, `options, not connected (${scheme})`, scheme);
      await options.getByLabel('API key').fill('api_test_acme');
      await options.getByRole('button', { name: 'Connect' }).click();
      await options.getByText(/Connected as Ada Lovelace/).waitFor();
      await expectNoBlocking(options, `options, connected (${scheme})`, scheme);
    });
  }
});
