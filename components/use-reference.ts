// Loads reference data (lead statuses, pipelines, custom fields) once per loader and organization
// and shares it between forms; switching organization loads it again.
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { OrganizationScope } from '@/components/organization-scope';
import { type AppError, toAppError } from '@/utils/app-error';

const cache = new WeakMap<() => Promise<unknown>, Map<string, Promise<unknown>>>();

export type Reference<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'error'; error: AppError };

/**
 * The loader's answer for the active organization (OrganizationScope), shared by every form that
 * asks with the same loader; a failure is not cached. Loads once per mount and organization, so a
 * caller passing a fresh closure on each render cannot loop.
 */
export function useReference<T>(loader: () => Promise<T>): Reference<T> {
  const organizationId = useContext(OrganizationScope);
  const [state, setState] = useState<Reference<T>>({ status: 'loading' });
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  useEffect(() => {
    const loader = loaderRef.current;
    let alive = true;
    let byOrganization = cache.get(loader);
    if (!byOrganization) {
      byOrganization = new Map();
      cache.set(loader, byOrganization);
    }
    let pending = byOrganization.get(organizationId) as Promise<T> | undefined;
    if (!pending) {
      pending = loader();
      byOrganization.set(organizationId, pending);
    }
    const perOrganization = byOrganization;
    setState((current) => (current.status === 'loading' ? current : { status: 'loading' }));
    pending.then(
      (data) => alive && setState({ status: 'ready', data }),
      (error: unknown) => {
        perOrganization.delete(organizationId);
        if (alive) setState({ status: 'error', error: toAppError(error) });
      },
    );
    return () => {
      alive = false;
    };
  }, [organizationId]);
  return state;
}
