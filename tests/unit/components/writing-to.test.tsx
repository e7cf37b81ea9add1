// @vitest-environment happy-dom
// "Writing to" in the panel: the recipients of the email being written in Gmail, each once, with
// their lead when Close knows them.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetAllActivities } from '@/components/activity-cache';
import { PanelView } from '@/components/PanelView';
import { gmailPage, makeModel } from '@/tests/unit/components/fixtures';
import type { PageSnapshot } from '@/utils/page-snapshot';

beforeEach(() => {
  fakeBrowser.reset();
  forgetAllActivities();
});
afterEach(cleanup);

const replying: PageSnapshot = {
  ...gmailPage,
  people: [
    { email: 'jo@northwind.example', name: 'Jo Lindqvist', role: 'from', writing: 'to' },
    { email: 'sam@northwind.example', name: 'Sam Berg', role: 'cc' },
    { email: 'lee@harbor-goods.example', name: 'Lee Park', writing: 'cc' },
  ],
};

describe('Writing to', () => {
  it('lists each recipient once, with the lead Close knows them by, the others under People', () => {
    render(<PanelView model={makeModel({ page: replying })} />);
    const writing = screen.getByRole('list', { name: 'Writing to' });
    const jo = within(writing).getByText('Jo Lindqvist <jo@northwind.example>').closest('li');
    expect(jo?.textContent).toContain('Lead: Northwind Robotics · Potential');
    expect(jo?.textContent).toContain('Head of Ops · +49 40 123456');
    expect(jo?.textContent).toContain('in Close');
    const lee = within(writing)
      .getByText(/Lee Park <lee@harbor-goods\.example>/)
      .closest('li');
    expect(lee?.textContent).toMatch(/^Cc/);
    expect(within(writing).getByRole('button', { name: 'Add Lee Park as contact' })).toBeTruthy();

    const people = screen.getByRole('list', { name: 'People' });
    expect(people.textContent).toContain('Sam Berg <sam@northwind.example>');
    const onPage = screen.getByRole('region', { name: /On this page/ });
    expect(within(onPage).getAllByText(/jo@northwind\.example/)).toHaveLength(1);
  });

  it('offers "Add as contact" for an unknown recipient, prefilled', async () => {
    render(<PanelView model={makeModel({ page: replying })} />);
    const writing = screen.getByRole('list', { name: 'Writing to' });
    fireEvent.click(within(writing).getByRole('button', { name: 'Add Lee Park as contact' }));
    const name = (await screen.findByLabelText('Name')) as HTMLInputElement;
    expect(name.value).toBe('Lee Park');
  });

  it('is absent when nothing is being written, and waits for the look-up before "Not in Close"', () => {
    const { unmount } = render(<PanelView model={makeModel()} />);
    expect(screen.queryByRole('list', { name: 'Writing to' })).toBeNull();
    unmount();
    render(<PanelView model={makeModel({ page: replying, lookup: { status: 'loading' } })} />);
    const writing = screen.getByRole('list', { name: 'Writing to' });
    expect(within(writing).queryByRole('button')).toBeNull();
    expect(writing.textContent).not.toContain('in Close');
  });
});
