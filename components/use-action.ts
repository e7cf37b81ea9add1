// A hook for a form's async save: busy flag, the typed error, Close's field errors, and retry.
import { useCallback, useRef, useState } from 'preact/hooks';
import { type AppError, toAppError } from '@/utils/app-error';

export interface ActionState<A extends unknown[], R> {
  /** Runs the action; resolves with its result, or undefined when it failed (the error is kept). */
  run: (...args: A) => Promise<R | undefined>;
  /** Runs the last attempted call again. */
  retry: () => Promise<R | undefined>;
  busy: boolean;
  error: AppError | null;
  reset: () => void;
}

export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): ActionState<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const lastArgs = useRef<A | null>(null);
  const inFlight = useRef(false);
  const actionRef = useRef(action);
  actionRef.current = action;

  const run = useCallback(async (...args: A) => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    lastArgs.current = args;
    setBusy(true);
    setError(null);
    try {
      return await actionRef.current(...args);
    } catch (caught) {
      setError(toAppError(caught));
      return undefined;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }, []);

  const retry = useCallback(
    () => (lastArgs.current ? run(...lastArgs.current) : Promise.resolve(undefined)),
    [run],
  );
  const reset = useCallback(() => setError(null), []);
  return { run, retry, busy, error, reset };
}

/** Close's field error for a form field, trying each name it may come under (snake_case, camelCase). */
export function fieldError(error: AppError | null, ...names: string[]): string | undefined {
  const errors = error?.fieldErrors;
  if (!errors) return undefined;
  for (const name of names) if (errors[name]) return errors[name];
  return undefined;
}

/** Field errors that no visible field claimed, so the form can show them at the top. */
export function unclaimedFieldErrors(error: AppError | null, claimed: readonly string[]): string[] {
  const errors = error?.fieldErrors;
  if (!errors) return [];
  return Object.entries(errors)
    .filter(([name]) => !claimed.includes(name))
    .map(([name, message]) => `${name}: ${message}`);
}

/** Ctrl+Enter / Cmd+Enter in a text area submits its form. */
export function submitOnModEnter(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return;
  const form = target.closest('form');
  if (!form) return;
  event.preventDefault();
  form.requestSubmit();
}
