// The page side of the message layer: what a page learns when the background's answer is missing
// or odd. A write's lost or unusable answer is "outcome unknown" (the journal checks with Close,
// the form never offers a blind retry); a read's is a plain error.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AppFailure } from '@/utils/app-error';
import { sendMessage } from '@/utils/messaging';

/** A background that answers every message with `answer`. */
function answerWith(answer: unknown) {
  fakeBrowser.runtime.onMessage.addListener(
    (_message: unknown, _sender: unknown, reply: (value: unknown) => void) => {
      reply(answer);
      return true;
    },
  );
}

async function failure(promise: Promise<unknown>): Promise<AppFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('sendMessage', () => {
  beforeEach(() => fakeBrowser.reset());

  const note = { leadId: 'lead_1', text: 'Called back' };

  it('treats a write whose answer came back empty or odd as possibly saved', async () => {
    answerWith(undefined);
    expect((await failure(sendMessage('ui:addNote', note))).outcomeUnknown).toBe(true);
    fakeBrowser.reset();
    answerWith({ ok: 'maybe' });
    expect((await failure(sendMessage('ui:addNote', note))).outcomeUnknown).toBe(true);
  });

  it('treats a write whose message failed as possibly saved', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => {
      throw new Error('The message port closed before a response was received.');
    });
    const error = await failure(sendMessage('ui:addNote', note));
    expect(error.outcomeUnknown).toBe(true);
  });

  it('reports a read’s odd answer as a plain error, and passes a good answer on', async () => {
    answerWith(undefined);
    expect((await failure(sendMessage('ui:getConnection'))).outcomeUnknown).toBe(false);
    fakeBrowser.reset();
    answerWith({ ok: true, value: { status: 'disconnected' } });
    expect(await sendMessage('ui:getConnection')).toEqual({ status: 'disconnected' });
  });
});
