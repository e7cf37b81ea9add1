// @vitest-environment happy-dom
// Keyboard use of a lead's forms in the panel: Esc closes an open form, keeps what was typed (the
// form shows it again when reopened) and puts focus back on the button that opened it.
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetAllActivities } from '@/components/activity-cache';
import { PanelView } from '@/components/PanelView';
import { makeModel } from '@/tests/unit/components/fixtures';

beforeEach(() => {
  fakeBrowser.reset();
  forgetAllActivities();
});
afterEach(cleanup);

/** Each form of a lead: the button that opens it, a field in it and what the user types there. */
const FORMS = [
  { opener: 'Edit lead', form: 'Edit lead', field: 'Description', text: 'Met at the expo' },
  { opener: 'Add contact', form: 'New contact', field: 'Title', text: 'Head of Ops' },
  { opener: 'Add opportunity', form: 'New opportunity', field: 'Value', text: '4800' },
  { opener: 'Add task', form: null, field: 'Task', text: 'Call Sam back' },
] as const;

const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));

describe('Esc on a lead form', () => {
  for (const { opener, form, field, text } of FORMS) {
    it(`closes "${opener}" without losing what was typed and focuses its button again`, async () => {
      render(<PanelView model={makeModel()} />);
      const article = screen.getByRole('article', { name: 'Northwind Robotics' });
      const button = await within(article).findByRole('button', { name: opener });
      button.focus();
      fireEvent.click(button);
      const input = (await within(article).findByLabelText(field, {
        exact: true,
      })) as HTMLInputElement;
      await settle();
      if (form) expect(within(article).getByRole('form', { name: form })).toBeTruthy();
      input.focus();
      fireEvent.input(input, { target: { value: text } });
      fireEvent.keyDown(input, { key: 'Escape' });

      await waitFor(() =>
        expect(within(article).queryByLabelText(field, { exact: true })).toBeNull(),
      );
      const again = within(article).getByRole('button', { name: opener });
      await waitFor(() => expect(document.activeElement).toBe(again));

      fireEvent.click(again);
      await waitFor(
        () =>
          expect(
            (within(article).getByLabelText(field, { exact: true }) as HTMLInputElement).value,
          ).toBe(text),
        // The form and its draft load on first use: slow on a busy machine.
        { timeout: 5000 },
      );
    });
  }

  it('leaves the always-open note box alone', async () => {
    render(<PanelView model={makeModel()} />);
    const article = screen.getByRole('article', { name: 'Northwind Robotics' });
    const note = within(article).getByLabelText('Note', { exact: true }) as HTMLTextAreaElement;
    await settle();
    fireEvent.input(note, { target: { value: 'Still here' } });
    fireEvent.keyDown(note, { key: 'Escape' });
    await settle();
    expect(within(article).getByLabelText('Note', { exact: true })).toBe(note);
    expect(note.value).toBe('Still here');
  });
});
