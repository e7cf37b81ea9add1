// Code the first screen does not need (the sanitizer, the email viewer, the forms) loads when it
// is first used: `lazyComponent` renders nothing until its chunk is in, then the component.
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A module loaded once, on first use, shared by every caller. */
export function lazyModule<T>(load: () => Promise<T>): { get(): T | null; load(): Promise<T> } {
  let value: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    get: () => value,
    load() {
      pending ??= load().then((loaded) => {
        value = loaded;
        return loaded;
      });
      // A failed load (extension updated under the panel) may be tried again.
      pending.catch(() => {
        pending = null;
      });
      return pending;
    },
  };
}

/** The module's value once loaded; starts loading on first render. */
export function useLazyModule<T>(module: { get(): T | null; load(): Promise<T> }): T | null {
  const [value, setValue] = useState<T | null>(module.get);
  useEffect(() => {
    if (value) return;
    let live = true;
    module.load().then(
      (loaded) => live && setValue(() => loaded),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [module, value]);
  return value;
}

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
): (props: P) => JSX.Element | null {
  const module = lazyModule(load);
  return function Lazy(props: P) {
    const Loaded = useLazyModule(module);
    return Loaded ? <Loaded {...props} /> : null;
  };
}
