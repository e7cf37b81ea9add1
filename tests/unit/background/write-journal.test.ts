// The write journal: its state machine, and the background runner that records before sending,
// settles with Close's answer, resolves another worker's lost answers by asking Close, and sends
// queued writes once.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  clearDraftIfUnchanged,
  createWriteJournal,
  type JournalStore,
} from '@/entrypoints/background/write-journal';
import { LIST_SETTLE_MS, type WriteKind } from '@/entrypoints/background/write-kinds';
import { AppFailure } from '@/utils/app-error';
import { loadDraft, saveDraft } from '@/utils/drafts';
import {
  afterCheck,
  afterSend,
  blocksSending,
  type JournalEntry,
  recordWrite,
  resend,
  resolutionOf,
} from '@/utils/write-journal';

const ORG = 'orga_1';
/** The journal's clock: tests move it past LIST_SETTLE_MS when a list's silence must count. */
const clock = { now: 1_000_000 };
const later = () => {
  clock.now += LIST_SETTLE_MS + 1;
};
const META = { clientId: 'client-0001', draftKey: 'orga_1/note:lead_1', draftValue: 'Hello' };

function entry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    ...recordWrite({
      kind: 'addNote',
      organizationId: ORG,
      input: { leadId: 'lead_1', text: 'Hello' },
      meta: META,
      owner: 'worker-a',
      now: 1000,
    }),
    ...overrides,
  };
}

const lost = (kind: 'network' | 'server' | 'timeout') =>
  new AppFailure({ kind, message: 'lost', outcomeUnknown: true });

describe('write journal state machine', () => {
  it('records a write as sending, owned by the worker that sends it', () => {
    const e = entry();
    expect(e).toMatchObject({ state: 'sending', owner: 'worker-a', attempts: 1, sentAt: 1000 });
    expect(resolutionOf(e, 'worker-a')).toBeNull();
    expect(resolutionOf(e, 'worker-b')).toBe('check');
    expect(blocksSending(e)).toBe(true);
  });

  it("settles with Close's answer: saved, failed for a refusal, queued when Close was unreachable", () => {
    expect(afterSend(entry(), { ok: true, resultId: 'acti_1' }, 2000)).toMatchObject({
      state: 'saved',
      resultId: 'acti_1',
      owner: null,
    });
    const refused = { kind: 'validation' as const, message: 'Bad', fieldErrors: { note: 'x' } };
    expect(afterSend(entry(), { ok: false, error: refused, checkable: true }, 2000).state).toBe(
      'failed',
    );
    const unreachable = { kind: 'network' as const, message: 'lost', outcomeUnknown: true };
    expect(afterSend(entry(), { ok: false, error: unreachable, checkable: true }, 2000).state).toBe(
      'queued',
    );
    // A search-backed check could never prove it absent: the user looks instead.
    expect(
      afterSend(entry(), { ok: false, error: unreachable, checkable: false }, 2000).state,
    ).toBe('unknown');
    const server = { kind: 'server' as const, message: '500', outcomeUnknown: true };
    expect(afterSend(entry(), { ok: false, error: server, checkable: true }, 2000).state).toBe(
      'unknown',
    );
  });

  it('resolves by checking: found is saved, absent is not saved (queued: sent), unsure is unknown', () => {
    const dead = entry();
    expect(afterCheck(dead, { found: true, resultId: 'acti_1' }, 2000).state).toBe('saved');
    expect(afterCheck(dead, { found: false, certain: true }, 2000).state).toBe('failed');
    expect(afterCheck(dead, { found: false, certain: false }, 2000).state).toBe('unknown');
    expect(afterCheck(dead, { found: null, unreachable: true }, 2000).state).toBe('checking');
    const queued = entry({ state: 'queued', owner: null });
    expect(resolutionOf(queued, 'worker-b')).toBe('check-then-send');
    expect(afterCheck(queued, { found: null, unreachable: true }, 2000).state).toBe('queued');
    expect(afterCheck(queued, { found: false, certain: true }, 2000).state).toBe('queued');
    expect(blocksSending(afterCheck(dead, { found: false, certain: true }, 2000))).toBe(false);
  });

  it('marks a save no page heard about (found by a check, or a queued write sent later), not one Close answered', () => {
    expect(afterSend(entry(), { ok: true, resultId: 'acti_1' }, 2000).answerUnseen).toBeUndefined();
    expect(afterCheck(entry(), { found: true, resultId: 'acti_1' }, 2000)).toMatchObject({
      state: 'saved',
      answerUnseen: true,
    });
    const queued = entry({ state: 'queued', owner: null });
    const sent = afterSend(
      resend(queued, 'worker-b', 3000),
      { ok: true, resultId: 'acti_2' },
      4000,
    );
    expect(sent).toMatchObject({ state: 'saved', answerUnseen: true, attempts: 2 });
  });
});

/** A journal store shared by "workers" (storage.local outlives a worker). */
function memoryStore(): JournalStore & { value: unknown } {
  const store = {
    value: [] as unknown,
    get: async () => store.value,
    set: async (v: JournalEntry[]) => {
      store.value = structuredClone(v);
    },
  };
  return store;
}

type NoteInput = { leadId: string; text: string };
interface FakeClose {
  notes: string[];
  reachable: boolean;
  /** The next send reaches Close, then its answer is lost. */
  loseNextAnswer: boolean;
}

/** A note kind over an in-memory "Close". */
function noteKind(close: FakeClose, send?: (input: NoteInput) => Promise<{ id: string }>) {
  const kind: WriteKind<NoteInput, { id: string }> = {
    send:
      send ??
      (async (input) => {
        if (!close.reachable) throw lost('network');
        close.notes.push(input.text);
        if (close.loseNextAnswer) {
          close.loseNextAnswer = false;
          throw lost('network');
        }
        return { id: `acti_${close.notes.length}` };
      }),
    check: async (_http, input) => {
      if (!close.reachable) throw new AppFailure({ kind: 'network', message: 'unreachable' });
      const index = close.notes.indexOf(input.text);
      return index === -1 ? undefined : `acti_${index + 1}`;
    },
    absenceIsCertain: () => true,
  };
  return kind;
}

function journalFor(
  store: JournalStore,
  kind: WriteKind<NoteInput, { id: string }>,
  workerId: string,
  cleared: Array<[string, unknown]> = [],
) {
  return createWriteJournal({
    kinds: { addNote: kind },
    store,
    http: async () => ({}) as never,
    activeOrganization: async () => ORG,
    workerId,
    now: () => clock.now,
    clearDraft: async (key, value) => {
      cleared.push([key, value]);
    },
  });
}

const input = (text = 'Hello', clientId = META.clientId) => ({
  leadId: 'lead_1',
  text,
  write: { ...META, clientId, draftValue: text },
});

describe('write journal runner', () => {
  it('records the write before it leaves, then settles it and clears its draft', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: true, loseNextAnswer: false };
    const seenAtSend: unknown[] = [];
    const kind = noteKind(close, async (i) => {
      seenAtSend.push(structuredClone(store.value));
      close.notes.push(i.text);
      return { id: 'acti_1' };
    });
    const cleared: Array<[string, unknown]> = [];
    const journal = journalFor(store, kind, 'worker-a', cleared);
    await expect(journal.run('addNote', input())).resolves.toEqual({ id: 'acti_1' });
    expect(seenAtSend[0]).toEqual([
      expect.objectContaining({ id: META.clientId, state: 'sending', owner: 'worker-a' }),
    ]);
    expect(await journal.entries()).toEqual([
      expect.objectContaining({ state: 'saved', resultId: 'acti_1' }),
    ]);
    expect(cleared).toEqual([[META.draftKey, 'Hello']]);
  });

  it('a worker killed between recording and sending: the next worker finds nothing and says "Not saved"', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: true, loseNextAnswer: false };
    // Worker A records, then dies before anything leaves (its send never runs to Close).
    const never = vi.fn(() => new Promise<{ id: string }>(() => {}));
    void journalFor(store, noteKind(close, never), 'worker-a').run('addNote', input());
    await vi.waitFor(() => expect(never).toHaveBeenCalled());
    expect(close.notes).toEqual([]);

    const cleared: Array<[string, unknown]> = [];
    const sendB = vi.fn(noteKind(close).send);
    const b = journalFor(store, { ...noteKind(close), send: sendB }, 'worker-b', cleared);
    // Too soon for Close's list to prove anything: it keeps checking, says nothing definite.
    expect(await b.resolve(META.clientId)).toMatchObject({ state: 'checking' });
    later();
    const found = await b.resolve(META.clientId);
    expect(found).toMatchObject({ state: 'failed' });
    expect(sendB).not.toHaveBeenCalled(); // never a blind resend
    expect(cleared).toEqual([]); // the text stays as a draft
    expect(close.notes).toEqual([]);
  });

  it('a worker killed after Close stored it: the next worker finds it, says "Saved" and clears the draft', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: true, loseNextAnswer: false };
    const stored = vi.fn((i: NoteInput) => {
      close.notes.push(i.text);
      return new Promise<{ id: string }>(() => {}); // the answer dies with the worker
    });
    void journalFor(store, noteKind(close, stored), 'worker-a').run('addNote', input());
    await vi.waitFor(() => expect(close.notes).toEqual(['Hello']));

    const cleared: Array<[string, unknown]> = [];
    const b = journalFor(store, noteKind(close), 'worker-b', cleared);
    await b.resolve();
    expect(await b.entries()).toEqual([
      expect.objectContaining({ state: 'saved', resultId: 'acti_1' }),
    ]);
    expect(cleared).toEqual([[META.draftKey, 'Hello']]);
    expect(close.notes).toEqual(['Hello']);
  });

  it('never checks a write its own worker is still sending', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: true, loseNextAnswer: false };
    let finish: (v: { id: string }) => void = () => {};
    const kind = noteKind(
      close,
      (i) =>
        new Promise((r) => {
          close.notes.push(i.text);
          finish = r;
        }),
    );
    const check = vi.spyOn(kind, 'check');
    const journal = journalFor(store, kind, 'worker-a');
    const running = journal.run('addNote', input());
    await vi.waitFor(() => expect(close.notes).toHaveLength(1));
    await journal.resolve();
    expect(check).not.toHaveBeenCalled();
    finish({ id: 'acti_1' });
    await running;
    expect((await journal.entries())[0]?.state).toBe('saved');
  });

  it('queues a write while Close is unreachable and sends it once when Close answers again', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: false, loseNextAnswer: false };
    const onQueued = vi.fn();
    const journal = createWriteJournal({
      kinds: { addNote: noteKind(close) },
      store,
      http: async () => ({}) as never,
      activeOrganization: async () => ORG,
      workerId: 'worker-a',
      now: () => clock.now,
      clearDraft: async () => {},
      onQueued,
    });
    await expect(journal.run('addNote', input())).rejects.toMatchObject({ outcomeUnknown: true });
    expect((await journal.entries())[0]?.state).toBe('queued');
    expect(onQueued).toHaveBeenLastCalledWith(true);

    await journal.resolve(); // still unreachable: it waits
    expect((await journal.entries())[0]?.state).toBe('queued');
    expect(close.notes).toEqual([]);

    close.reachable = true;
    await journal.resolve(); // reachable, but too soon after the send for the list to prove absence
    expect(close.notes).toEqual([]);
    later();
    await journal.resolve();
    await journal.resolve();
    expect(close.notes).toEqual(['Hello']);
    expect((await journal.entries())[0]).toMatchObject({ state: 'saved', attempts: 2 });
    expect(onQueued).toHaveBeenLastCalledWith(false);
  });

  it('a queued write that reached Close after all is settled by the check, not sent again', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: true, loseNextAnswer: true };
    const journal = journalFor(store, noteKind(close), 'worker-a');
    // Close stored it, the answer was lost, and so was the check (Close went away).
    const kind = noteKind(close);
    const send = vi.fn(async (i: NoteInput) => {
      close.notes.push(i.text);
      close.reachable = false;
      throw lost('network');
    });
    const a = journalFor(store, { ...kind, send }, 'worker-a');
    await expect(a.run('addNote', input())).rejects.toBeTruthy();
    expect((await a.entries())[0]?.state).toBe('queued');
    close.reachable = true;
    await journal.resolve();
    expect(close.notes).toEqual(['Hello']);
    expect((await journal.entries())[0]?.state).toBe('saved');
  });

  it("an edit's read-back counts at once: a queued edit Close lacks is sent without the list-settle wait", async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: false, loseNextAnswer: false };
    const edit = { ...noteKind(close), readsRecord: true };
    const journal = journalFor(store, edit, 'worker-a');
    await expect(journal.run('addNote', input('Edited'))).rejects.toBeTruthy();
    expect((await journal.entries())[0]?.state).toBe('queued');
    close.reachable = true;
    await journal.resolve(); // no clock change: the read-back already proves it absent
    expect(close.notes).toEqual(['Edited']);
    expect((await journal.entries())[0]).toMatchObject({ state: 'saved', answerUnseen: true });
  });

  it('cancels a queued write: it is never sent and its draft stays', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: false, loseNextAnswer: false };
    const cleared: Array<[string, unknown]> = [];
    const journal = journalFor(store, noteKind(close), 'worker-a', cleared);
    await journal.run('addNote', input()).catch(() => {});
    expect(await journal.cancel(META.clientId)).toBe(true);
    close.reachable = true;
    later();
    await journal.resolve();
    expect(close.notes).toEqual([]);
    expect(await journal.entries()).toEqual([]);
    expect(cleared).toEqual([]);
  });

  it('sends a client id only once, even when the page asks twice', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: true, loseNextAnswer: false };
    const journal = journalFor(store, noteKind(close), 'worker-a');
    await journal.run('addNote', input());
    await expect(journal.run('addNote', input())).rejects.toMatchObject({});
    expect(close.notes).toEqual(['Hello']);
  });

  it("checks another organization's lost answer with that organization's key", async () => {
    const store = memoryStore();
    store.value = [entry({ organizationId: 'orga_2', owner: 'worker-gone' })];
    const close: FakeClose = { notes: ['Hello'], reachable: true, loseNextAnswer: false };
    const kind = noteKind(close);
    const asked: unknown[] = [];
    const check = kind.check;
    kind.check = async (http, i, sentAt) => {
      asked.push(http);
      return check(http, i, sentAt);
    };
    const keys = { active: { key: 'orga_1' }, other: { key: 'orga_2' } };
    const journal = createWriteJournal({
      kinds: { addNote: kind },
      store,
      http: async () => keys.active as never,
      httpFor: async (org) => (org === 'orga_2' ? (keys.other as never) : null),
      activeOrganization: async () => ORG,
      workerId: 'worker-b',
      now: () => clock.now,
      clearDraft: async () => {},
    });
    await journal.resolve();
    expect(asked).toEqual([keys.other]);
    expect((await journal.entries())[0]).toMatchObject({
      state: 'saved',
      organizationId: 'orga_2',
    });
  });

  it("keeps another organization's queued write until it is active again, then sends it once", async () => {
    const store = memoryStore();
    store.value = [entry({ organizationId: 'orga_2', state: 'queued', owner: null })];
    const close: FakeClose = { notes: [], reachable: true, loseNextAnswer: false };
    const kind = noteKind(close);
    const check = vi.spyOn(kind, 'check');
    let active = ORG;
    const onQueued = vi.fn();
    const journal = createWriteJournal({
      kinds: { addNote: kind },
      store,
      http: async () => ({}) as never,
      httpFor: async () => ({}) as never,
      activeOrganization: async () => active,
      workerId: 'worker-b',
      now: () => clock.now,
      clearDraft: async () => {},
      onQueued,
    });
    later();
    await journal.resolve();
    // Sent only with its own organization's forms and client: it waits, and keeps no retry going.
    expect(close.notes).toEqual([]);
    expect(check).not.toHaveBeenCalled();
    expect((await journal.entries())[0]?.state).toBe('queued');
    await journal.cancel('nothing-0001'); // any change of the journal re-reads what waits
    expect(onQueued).toHaveBeenLastCalledWith(false);

    active = 'orga_2'; // the user switched to it
    await journal.resolve();
    expect(close.notes).toEqual(['Hello']);
    expect((await journal.entries())[0]).toMatchObject({ state: 'saved', attempts: 2 });
  });

  it('leaves an organization that is no longer connected alone', async () => {
    const store = memoryStore();
    store.value = [entry({ organizationId: 'orga_gone', owner: 'worker-gone' })];
    const close: FakeClose = { notes: ['Hello'], reachable: true, loseNextAnswer: false };
    const journal = createWriteJournal({
      kinds: { addNote: noteKind(close) },
      store,
      http: async () => ({}) as never,
      httpFor: async () => null,
      activeOrganization: async () => ORG,
      workerId: 'worker-b',
      now: () => clock.now,
      clearDraft: async () => {},
    });
    await journal.resolve();
    expect((await journal.entries())[0]?.state).toBe('sending');
  });

  it('a new save of the same draft replaces its settled status; Disconnect forgets them', async () => {
    const store = memoryStore();
    const close: FakeClose = { notes: [], reachable: true, loseNextAnswer: false };
    const journal = journalFor(store, noteKind(close), 'worker-a');
    await journal.run('addNote', input('One', 'client-0001'));
    await journal.run('addNote', input('Two', 'client-0002'));
    expect((await journal.entries()).map((e) => e.id)).toEqual(['client-0002']);
    await journal.forgetOrganization(ORG);
    expect(await journal.entries()).toEqual([]);
  });
});

describe('clearing a saved write’s draft', () => {
  beforeEach(() => fakeBrowser.reset());

  it('clears the draft that was sent, and keeps one the user changed since', async () => {
    await saveDraft('orga_1/note:lead_1', 'Sent text');
    await clearDraftIfUnchanged('orga_1/note:lead_1', 'Sent text');
    expect(await loadDraft('orga_1/note:lead_1', '')).toBeNull();

    await saveDraft('orga_1/note:lead_2', 'Sent text and more');
    await clearDraftIfUnchanged('orga_1/note:lead_2', 'Sent text');
    expect(await loadDraft('orga_1/note:lead_2', '')).toBe('Sent text and more');
  });
});
