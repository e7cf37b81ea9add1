// The background's one message door: checks who is asking, parses what they sent, runs the handler
// and answers with an envelope. Content scripts may only report what they see.
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { toAppError } from '@/utils/app-error';
import { t } from '@/utils/i18n';
import {
  CONTENT_SCRIPT_MESSAGES,
  type MessageName,
  type MessageOutputs,
  messageInputs,
  type ParsedInput,
  type Reply,
  RequestSchema,
} from '@/utils/messaging';
import type { PageSnapshot } from '@/utils/page-snapshot';
import { classifySender, type SenderKind, type SenderLike } from '@/utils/sender';
import { reportsByItself, siteForUrl } from '@/utils/sites';

export type Handlers = {
  [N in MessageName]: (
    input: ParsedInput<N>,
    sender: Exclude<SenderKind, { kind: 'foreign' }>,
  ) => Promise<MessageOutputs[N]>;
};

/** Answers one request. Exported for tests; `registerRouter` wires it to runtime.onMessage. */
export async function answerRequest(
  raw: unknown,
  senderLike: SenderLike,
  handlers: Handlers,
  identity: { runtimeId: string; extensionOrigin: string },
): Promise<Reply<unknown> | undefined> {
  const request = v.safeParse(RequestSchema, raw);
  if (!request.success) return undefined; // not ours: let other listeners answer
  const { name, data } = request.output;
  const sender = classifySender(senderLike, identity.runtimeId, identity.extensionOrigin);
  if (sender.kind === 'foreign') {
    return refuse(t('routerRefusedForeign'));
  }
  if (sender.kind === 'content-script' && !CONTENT_SCRIPT_MESSAGES.has(name)) {
    return refuse(t('routerRefusedWebPage'));
  }
  const input = v.safeParse(messageInputs[name], data);
  if (!input.success) {
    return {
      ok: false,
      error: {
        kind: 'bad_request',
        message: input.issues[0]?.message ?? t('routerInvalidRequest'),
      },
    };
  }
  if (sender.kind === 'content-script' && name === 'cs:reportPage') {
    const problem = reportProblem(input.output as PageSnapshot, sender.url);
    if (problem) return refuse(problem);
  }
  try {
    const handler = handlers[name] as (i: unknown, s: typeof sender) => Promise<unknown>;
    return { ok: true, value: (await handler(input.output, sender)) ?? null };
  } catch (error) {
    return { ok: false, error: toAppError(error) };
  }
}

/**
 * Why a content script's page report is refused, or null when it may be used. Only the Gmail and
 * Outlook scripts report by themselves, each from its own site, and only the page it runs in: a
 * script cannot ask for a look-up of another site, a website or a "selection" in the user's name.
 */
export function reportProblem(snapshot: PageSnapshot, senderUrl: string): string | null {
  const source = snapshot.source;
  if (!reportsByItself(source) || siteForUrl(senderUrl) !== source) {
    return t('routerReportOtherReader');
  }
  if (originOf(snapshot.url) !== originOf(senderUrl)) {
    return t('routerReportOtherPage');
  }
  return null;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function refuse(message: string): Reply<never> {
  return { ok: false, error: { kind: 'forbidden', message } };
}

export function registerRouter(handlers: Handlers): void {
  const identity = {
    runtimeId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
  };
  // sendResponse + `return true` (not a returned promise) works on every browser we support.
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    if (!v.is(RequestSchema, raw)) return false;
    void answerRequest(raw, sender, handlers, identity).then(sendResponse);
    return true;
  });
}
