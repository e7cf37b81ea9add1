// A bounded in-memory log of the worker's failures, so one that was handled quietly still leaves a
// trace (shown on the settings page under "Diagnostics"). It keeps what failed and how, never what
// with: no API key, no message text (it may quote an address or a page), no URL, no page data.
import { type AppErrorKind, toAppError } from '@/utils/app-error';

export interface DiagnosticEntry {
  /** ms since epoch. */
  at: number;
  /** Which step failed: a fixed label chosen in the code, e.g. "outlook sync". */
  where: string;
  /** The error's kind (network, timeout, auth…) and its class name (TypeError, CloseServerError…). */
  kind: AppErrorKind;
  name: string;
  /** Close's HTTP status, when there was one. */
  status?: number;
}

const MAX_ENTRIES = 100;
const entries: DiagnosticEntry[] = [];

/** Records a failure (the oldest entry goes once the log is full). */
export function recordFailure(where: string, error: unknown, now: number = Date.now()): void {
  const status =
    error && typeof error === 'object' && typeof (error as { status?: unknown }).status === 'number'
      ? (error as { status: number }).status
      : undefined;
  const name = error instanceof Error ? error.name || 'Error' : typeof error;
  let kind: AppErrorKind = 'unknown';
  try {
    kind = toAppError(error).kind;
  } catch {
    // A value toAppError cannot read is still worth its line: kind stays unknown.
  }
  entries.push({ at: now, where, kind, name, ...(status !== undefined ? { status } : {}) });
  if (entries.length > MAX_ENTRIES) entries.splice(0, entries.length - MAX_ENTRIES);
}

/** For `.catch(traced('outlook sync'))`: records the failure and resolves with `fallback`. */
export function traced<T = undefined>(where: string, fallback?: T): (error: unknown) => T {
  return (error) => {
    recordFailure(where, error);
    return fallback as T;
  };
}

/** Newest first. */
export function diagnostics(): DiagnosticEntry[] {
  return [...entries].reverse();
}

export function clearDiagnostics(): void {
  entries.length = 0;
}

/** The log as plain text for "Copy" (one line per failure). */
export function diagnosticsText(list: readonly DiagnosticEntry[]): string {
  return list
    .map(
      (e) =>
        `${new Date(e.at).toISOString()} ${e.where}: ${e.kind} (${e.name}${e.status ? ` ${e.status}` : ''})`,
    )
    .join('\n');
}
