// The worker's failure log: bounded, newest first, and never the message text (no key, no addresses).
import { beforeEach, describe, expect, it } from 'vitest';
import { CloseServerError, NetworkError } from '@/utils/close/errors';
import {
  clearDiagnostics,
  diagnostics,
  diagnosticsText,
  recordFailure,
  traced,
} from '@/utils/diagnostics';

describe('diagnostics', () => {
  beforeEach(() => clearDiagnostics());

  it('keeps what failed and how, newest first, without the error text', () => {
    recordFailure('outlook sync', new TypeError('api_secret123 jo@northwind.example'), 1_000);
    recordFailure('background refresh', new CloseServerError(503), 2_000);
    const [newest, oldest] = diagnostics();
    expect(newest).toEqual({
      at: 2_000,
      where: 'background refresh',
      kind: 'server',
      name: 'CloseServerError',
      status: 503,
    });
    expect(oldest).toMatchObject({ where: 'outlook sync', kind: 'unknown', name: 'TypeError' });
    const text = diagnosticsText(diagnostics());
    expect(text).toContain('background refresh: server (CloseServerError 503)');
    expect(text).not.toMatch(/api_secret123|northwind/);
  });

  it('holds the last 100 failures only', () => {
    for (let i = 0; i < 130; i++) recordFailure(`step ${i}`, new Error('x'), i);
    const list = diagnostics();
    expect(list).toHaveLength(100);
    expect(list[0]?.where).toBe('step 129');
    expect(list.at(-1)?.where).toBe('step 30');
  });

  it('traces a swallowed rejection and resolves with the fallback', async () => {
    await expect(Promise.reject(new NetworkError()).catch(traced('cache store', 0))).resolves.toBe(
      0,
    );
    expect(diagnostics()[0]).toMatchObject({ where: 'cache store', kind: 'network' });
  });
});
