// The one protocol between extension pages, content scripts and the background: every message
// name, its input schema and its output type. Names say the direction: `cs:` content script →
// background, `ui:` extension page → background. The background answers with an envelope so typed
// errors survive the trip.
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type AppError, AppErrorSchema, AppFailure } from './app-error';
import type { ConnectionState } from './connection-state';
import { PageSnapshotSchema } from './page-snapshot';

const ApiKeySchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'Enter your Close API key.'),
  v.maxLength(200, 'That does not look like a Close API key.'),
  v.regex(/^[\x21-\x7e]+$/, 'That does not look like a Close API key.'),
);

const Empty = v.optional(v.null(), null);

/** Input schemas, checked by the background before any handler runs. */
export const messageInputs = {
  'cs:reportPage': PageSnapshotSchema,
  'cs:clearPage': Empty,
  'ui:getConnection': Empty,
  'ui:connect': v.object({ apiKey: ApiKeySchema }),
  'ui:disconnect': v.object({ organizationId: v.optional(v.string()) }),
} satisfies Record<string, v.GenericSchema>;

/** What each message answers. */
export interface MessageOutputs {
  'cs:reportPage': null;
  'cs:clearPage': null;
  'ui:getConnection': ConnectionState;
  'ui:connect': ConnectionState;
  'ui:disconnect': ConnectionState;
}

export type MessageName = keyof typeof messageInputs & keyof MessageOutputs;
export type MessageInput<N extends MessageName> = v.InferInput<(typeof messageInputs)[N]>;
export type ParsedInput<N extends MessageName> = v.InferOutput<(typeof messageInputs)[N]>;

/** Messages a content script may send. Everything else needs an extension page. */
export const CONTENT_SCRIPT_MESSAGES: ReadonlySet<MessageName> = new Set([
  'cs:reportPage',
  'cs:clearPage',
]);

export const RequestSchema = v.object({
  closeLook: v.literal(1),
  name: v.picklist(Object.keys(messageInputs) as MessageName[]),
  data: v.unknown(),
});

export type Reply<T> = { ok: true; value: T } | { ok: false; error: AppError };

const ReplySchema = v.variant('ok', [
  v.object({ ok: v.literal(true), value: v.unknown() }),
  v.object({ ok: v.literal(false), error: AppErrorSchema }),
]);

/** Sends a message to the background and resolves with its answer, or throws an AppFailure. */
export async function sendMessage<N extends MessageName>(
  name: N,
  ...args: MessageInput<N> extends null | undefined
    ? [data?: MessageInput<N>]
    : [data: MessageInput<N>]
): Promise<MessageOutputs[N]> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ closeLook: 1, name, data: args[0] ?? null });
  } catch (error) {
    throw new AppFailure({
      kind: 'unknown',
      message: `Close Look's background did not answer (${error instanceof Error ? error.message : 'no reply'}). Try again.`,
    });
  }
  const reply = v.safeParse(ReplySchema, raw);
  if (!reply.success) {
    throw new AppFailure({
      kind: 'unknown',
      message: "Close Look's background sent an odd answer.",
    });
  }
  if (!reply.output.ok) throw new AppFailure(reply.output.error);
  return reply.output.value as MessageOutputs[N];
}
