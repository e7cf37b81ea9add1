// The one Close client of the background and the look-up engine of the active organization. The
// client reads the active account's key from the account store on every request.
import { CLOSE_API_BASE_URL } from '@/utils/close/api-origin';
import { NotConnectedError } from '@/utils/close/errors';
import { type CloseHttp, createCloseHttp } from '@/utils/close/http';
import { createLookupEngine, type LookupEngine } from '@/utils/lookup/engine';
import { createSessionLookupCache } from '@/utils/lookup/session-cache';
import type { ConnectionService } from './connection';

export interface CloseSession {
  /** The client, or a NotConnectedError when no account is connected. */
  http(): Promise<CloseHttp>;
  engine(): Promise<{ engine: LookupEngine; organizationId: string }>;
  /** Forgets the engine (after an organization switch or a disconnect). */
  reset(): void;
}

export function createCloseSession(
  connection: ConnectionService,
  options: { freshMs?: () => Promise<number> } = {},
): CloseSession {
  const client = createCloseHttp({
    baseURL: CLOSE_API_BASE_URL,
    getApiKey: async () => (await connection.activeAccount())?.apiKey ?? null,
  });
  let current: { engine: LookupEngine; organizationId: string } | undefined;

  async function http(): Promise<CloseHttp> {
    if (!(await connection.activeAccount())) throw new NotConnectedError();
    return client;
  }

  return {
    http,
    async engine() {
      const account = await connection.activeAccount();
      if (!account) throw new NotConnectedError();
      if (current?.organizationId !== account.organizationId) {
        current?.engine.dispose();
        const freshMs = options.freshMs ? await options.freshMs() : undefined;
        current = {
          organizationId: account.organizationId,
          engine: createLookupEngine({
            http: client,
            cache: createSessionLookupCache(),
            organizationId: account.organizationId,
            ...(freshMs !== undefined ? { freshMs } : {}),
          }),
        };
      }
      return current;
    },
    reset() {
      current?.engine.dispose();
      current = undefined;
    },
  };
}
