// @vitest-environment happy-dom
// A note's HTML is sanitized once per note and version, not on every render of the timeline.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ActivityTimeline } from '@/components/ActivityTimeline';
import { forgetAllActivities } from '@/components/activity-cache';
import { activities, makeActions, NOW } from '@/tests/unit/components/fixtures';
import type { Activity } from '@/utils/close/types';
import * as sanitize from '@/utils/sanitize-html';

vi.mock('@/utils/sanitize-html', async (original) => {
  const real = await original<typeof import('@/utils/sanitize-html')>();
  return { ...real, sanitizeHtml: vi.fn(real.sanitizeHtml) };
});

beforeEach(() => {
  fakeBrowser.reset();
  forgetAllActivities();
});
afterEach(cleanup);

const noteActivity: Activity = {
  id: 'acti_note',
  type: 'Note',
  rawType: 'Note',
  leadId: 'lead_1',
  date: '2024-05-18T12:00:00Z',
  userName: 'Ada',
  contactId: null,
  summary: 'Pricing sent',
  note: 'Pricing sent',
  noteHtml: '<p>Pricing <b>sent</b></p>',
};

describe('ActivityTimeline', () => {
  it('sanitizes a note once, however often the timeline renders', async () => {
    const actions = makeActions();
    const view = render(
      <ActivityTimeline
        leadId="lead_1"
        load={async () => ({ items: [noteActivity, ...activities], cursor: null })}
        getEmail={(emailId) => actions.getEmail({ emailId })}
        now={() => NOW}
      />,
    );
    await screen.findByText('sent');
    const calls = () =>
      vi.mocked(sanitize.sanitizeHtml).mock.calls.filter(([html]) => html === noteActivity.noteHtml)
        .length;
    expect(calls()).toBe(1);
    // Opening and closing an email re-renders the whole list.
    fireEvent.click(screen.getByRole('button', { name: 'Open email: Pilot next steps' }));
    await screen.findByRole('article', { name: 'Pilot next steps' });
    fireEvent.click(screen.getByRole('button', { name: 'Close email' }));
    view.rerender(
      <ActivityTimeline
        leadId="lead_1"
        load={async () => ({ items: [noteActivity, ...activities], cursor: null })}
        getEmail={(emailId) => actions.getEmail({ emailId })}
        now={() => NOW + 1000}
      />,
    );
    expect(calls()).toBe(1);
  });
});
