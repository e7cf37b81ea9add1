// The one Close client of the background and the look-up engine of the active organization. The
// client reads the active account's key from the account store on every request. Every write
// through it drops the cached look-ups it touched, then tells `afterWrite` (the tabs look again).

import type { ConnectionService } from '@/entrypoints/background/connection';
import { CLOSE_API_BASE_URL } from '@/utils/close/api-origin';
import { NotConnectedError } from '@/utils/close/errors';
import { type CloseHttp, createCloseHttp, type WriteEvent } from '@/utils/close/http';
import { traced } from '@/utils/diagnostics';
import { createLookupEngine, type LookupEngine } from '@/utils/lookup/engine';
import { createPageMarks } from '@/utils/lookup/page-marks';
import { createSessionLookupCache } from '@/utils/lookup/session-cache';

export interface CloseSession {
  /** The client, or a NotConnectedError when no account is connected. */
  http(): Promise<CloseHttp>;
  engine(): Promise<{ engine: LookupEngine; organizationId: string }>;
  /** Forgets the engine (after an organization switch or a disconnect). */
  reset(): void;
}

export function createCloseSession(
  connection: ConnectionService,
  options: {
    freshMs?: () => Promise<number>;
    /** Called after each successful write, once the cached look-ups it touched are gone. */
    afterWrite?: (event: WriteEvent) => void | Promise<void>;
    /** Called at once on each successful write, before its caller sees the answer. */
    onWrite?: (event: WriteEvent) => void;
    /** For tests: the fetch the client uses. */
    fetch?: typeof globalThis.fetch;
  } = {},
): CloseSession {
  const client = createCloseHttp({
    baseURL: CLOSE_API_BASE_URL,
    getApiKey: async () => (await connection.activeAccount())?.apiKey ?? null,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  /** The active organization's engine; a promise so concurrent first calls share one engine. */
  let current: { organizationId: string; engine: Promise<LookupEngine> } | undefined;

  client.onWrite((event) => {
    options.onWrite?.(event);
    // The engine drops what the write touched by itself too; waiting for our own call is what
    // orders the tabs' new look-ups after the invalidation. (Dropping twice costs a cache scan.)
    const existing = current?.engine;
    void (async () => {
      // A write landing after a reset (no engine yet) still drops what it touched: the engine of
      // the active organization is created for it. No account left: nothing to drop.
      const target = existing
        ? await existing
        : (await engine().catch(traced('engine after a write')))?.engine;
      await target?.invalidate(event).catch(traced('invalidate after a write', 0));
      await options.afterWrite?.(event);
    })().catch(
      // A failed refresh leaves the tab showing its last result; the write itself succeeded.
      traced('refresh after a write'),
    );
  });

  function forget(): void {
    void current?.engine.then((engine) => engine.dispose());
    current = undefined;
  }

  async function engine(): Promise<{ engine: LookupEngine; organizationId: string }> {
    const account = await connection.activeAccount();
    if (!account) throw new NotConnectedError();
    const { organizationId } = account;
    if (current?.organizationId !== organizationId) {
      forget();
      current = {
        organizationId,
        engine: (async () => {
          const freshMs = options.freshMs
            ? await options.freshMs().catch(traced('cache freshness setting'))
            : undefined;
          return createLookupEngine({
            http: client,
            cache: createSessionLookupCache(),
            marks: createPageMarks(organizationId),
            organizationId,
            ...(freshMs !== undefined ? { freshMs } : {}),
          });
        })(),
      };
    }
    return { engine: await current.engine, organizationId };
  }

  return {
    async http() {
      // The engine is what listens for writes: a write sent before any look-up ran in this worker
      // (the panel's forms after a restart) must still drop the cached look-ups it touched.
      await engine();
      return client;
    },
    engine,
    reset: forget,
  };
}
