// @vitest-environment happy-dom
// The paged-list hook behind the timeline's and the search's "Load more".
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Paged } from '@/components/panel-model';
import { type PagedList, usePagedList } from '@/components/use-paged-list';
import { AppFailure } from '@/utils/app-error';

afterEach(cleanup);

/** Renders the hook and hands back its latest value on every read. */
function mountList(): () => PagedList<string> {
  let latest: PagedList<string> | null = null;
  function Probe() {
    latest = usePagedList<string>();
    return null;
  }
  render(<Probe />);
  return () => {
    if (!latest) throw new Error('not rendered');
    return latest;
  };
}

/** A load whose answer the test releases by hand. */
function deferred() {
  let answer!: (page: Paged<string>) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<Paged<string>>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  });
  return { promise, answer, fail };
}

describe('usePagedList', () => {
  it('replaces the list with a first page and appends the next one', async () => {
    const list = mountList();
    await act(() => list().fetchPage(null, async () => ({ items: ['a', 'b'], cursor: 'c1' })));
    expect(list().items).toEqual(['a', 'b']);
    expect(list().cursor).toBe('c1');
    await act(() => list().fetchPage('c1', async () => ({ items: ['c'], cursor: null })));
    expect(list().items).toEqual(['a', 'b', 'c']);
    expect(list().cursor).toBeNull();
    expect(list().status).toBe('idle');
  });

  it('drops a late answer to an older request', async () => {
    const list = mountList();
    const slow = deferred();
    let slowDone!: Promise<void>;
    act(() => {
      slowDone = list().fetchPage(null, () => slow.promise);
    });
    expect(list().status).toBe('loading');
    await act(() => list().fetchPage(null, async () => ({ items: ['new'], cursor: null })));
    slow.answer({ items: ['old'], cursor: 'x' });
    await act(() => slowDone);
    expect(list().items).toEqual(['new']);
    expect(list().cursor).toBeNull();
  });

  it('asks again for exactly the page that failed', async () => {
    const list = mountList();
    await act(() => list().fetchPage(null, async () => ({ items: ['a'], cursor: 'c1' })));
    const asked: (string | null)[] = [];
    let fails = true;
    const load = async (from: string | null) => {
      asked.push(from);
      if (fails) throw new AppFailure({ kind: 'network', message: 'No connection' });
      return { items: ['b'], cursor: null };
    };
    await act(() => list().fetchPage('c1', load));
    expect(list().error?.kind).toBe('network');
    expect(list().items).toEqual(['a']);
    fails = false;
    await act(async () => list().retry());
    await act(async () => {});
    expect(asked).toEqual(['c1', 'c1']);
    expect(list().items).toEqual(['a', 'b']);
    expect(list().error).toBeNull();
  });
});
