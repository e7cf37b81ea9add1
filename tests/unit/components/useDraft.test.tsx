// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { render as renderNow } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useDraft } from '@/components/use-draft';
import { DRAFT_DEBOUNCE_MS, draftKey, loadDraft, saveDraft } from '@/utils/drafts';

function NoteBox({ recordId }: { recordId: string }) {
  const draft = useDraft(draftKey('note', recordId), '');
  return (
    <div>
      <label for="n">Note</label>
      <textarea
        id="n"
        value={draft.value}
        onInput={(e) => draft.setValue(e.currentTarget.value)}
        onBlur={() => void draft.flush()}
      />
      <span data-testid="ready">{draft.ready ? 'ready' : 'loading'}</span>
      <button type="button" onClick={() => void draft.clear()}>
        Saved
      </button>
    </div>
  );
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('useDraft', () => {
  it('saves while typing after a short pause and restores after remount', async () => {
    const first = render(<NoteBox recordId="lead_1" />);
    await screen.findByText('ready');
    fireEvent.input(screen.getByLabelText('Note'), { target: { value: 'Call back Tuesday' } });
    await waitFor(
      async () => expect(await loadDraft('note:lead_1', '')).toBe('Call back Tuesday'),
      {
        timeout: DRAFT_DEBOUNCE_MS * 4,
      },
    );
    first.unmount();
    render(<NoteBox recordId="lead_1" />);
    await waitFor(() =>
      expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe(
        'Call back Tuesday',
      ),
    );
  });

  it('keeps what the user typed before the form had finished mounting, with or without a stored draft', async () => {
    // Outside act(): effects run after the browser paints, as in the panel, so the user (or a
    // busy machine) can type into the box before the draft hook's mount effect has run.
    for (const stored of [null, 'an older draft']) {
      fakeBrowser.reset();
      if (stored) await saveDraft('note:lead_9', stored, Date.now());
      const host = document.createElement('div');
      document.body.append(host);
      renderNow(<NoteBox recordId="lead_9" />, host);
      try {
        const box = host.querySelector('textarea') as HTMLTextAreaElement;
        fireEvent.input(box, { target: { value: 'typed at once' } });
        await waitFor(() => expect(host.textContent).toContain('ready'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(box.value).toBe('typed at once');
      } finally {
        renderNow(null, host);
        host.remove();
      }
    }
  });

  it('saves at once on blur and on pagehide', async () => {
    render(<NoteBox recordId="lead_2" />);
    await screen.findByText('ready');
    const box = screen.getByLabelText('Note');
    fireEvent.input(box, { target: { value: 'blurred' } });
    fireEvent.blur(box);
    await waitFor(async () => expect(await loadDraft('note:lead_2', '')).toBe('blurred'));
    fireEvent.input(box, { target: { value: 'hidden' } });
    await act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    await waitFor(async () => expect(await loadDraft('note:lead_2', '')).toBe('hidden'));
  });

  it('keeps drafts of different records apart and clears only when told', async () => {
    await saveDraft('note:lead_a', 'for A');
    render(<NoteBox recordId="lead_b" />);
    await screen.findByText('ready');
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('');
    cleanup();
    render(<NoteBox recordId="lead_a" />);
    await waitFor(() =>
      expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('for A'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    await waitFor(async () => expect(await loadDraft('note:lead_a', '')).toBeNull());
    expect((screen.getByLabelText('Note') as HTMLTextAreaElement).value).toBe('');
  });

  it('follows a newer record while open: edits stay, untouched fields take the new values', async () => {
    function LeadBox({ record }: { record: { name: string; title: string } }) {
      const draft = useDraft(draftKey('lead', 'lead_9'), record);
      return (
        <div>
          <label for="name">Name</label>
          <input
            id="name"
            value={draft.value.name}
            onInput={(e) => draft.setValue({ ...draft.value, name: e.currentTarget.value })}
          />
          <span data-testid="title">{draft.value.title}</span>
          <span data-testid="changed">{draft.recordChanged ? 'changed' : 'same'}</span>
          <span data-testid="ready">{draft.ready ? 'ready' : 'loading'}</span>
        </div>
      );
    }
    const view = render(<LeadBox record={{ name: 'Initech', title: 'Old' }} />);
    await screen.findByText('ready');
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Initech AG' } });
    view.rerender(<LeadBox record={{ name: 'Initech', title: 'New' }} />);
    await waitFor(() => expect(screen.getByTestId('title').textContent).toBe('New'));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Initech AG');
    expect(screen.getByTestId('changed').textContent).toBe('changed');
  });
});
