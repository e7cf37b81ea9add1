// Loads reference data (lead statuses, pipelines, custom fields) once per loader and shares it between forms.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type AppError, toAppError } from '../utils/app-error';

const cache = new WeakMap<() => Promise<unknown>, Promise<unknown>>();

export type Reference<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: AppError };

/**
 * The loader's answer, shared by every form that asks with the same loader; a failure is not
 * cached. Loads once per mount, so a caller passing a fresh closure on each render cannot loop.
 */
export function useReference<T>(loader: () => Promise<T>): Reference<T> {
  const [state, setState] = useState<Reference<T>>({ status: 'loading' });
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  useEffect(() => {
    const loader = loaderRef.current;
    let alive = true;
    let pending = cache.get(loader) as Promise<T> | undefined;
    if (!pending) {
      pending = loader();
      cache.set(loader, pending);
    }
    pending.then(
      (data) => alive && setState({ status: 'ready', data }),
      (error: unknown) => {
        cache.delete(loader);
        if (alive) setState({ status: 'error', error: toAppError(error) });
      },
    );
    return () => {
      alive = false;
    };
  }, []);
  return state;
}
