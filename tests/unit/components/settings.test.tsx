// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrganizationSwitcher } from '@/components/OrganizationSwitcher';
import { SettingsForm, type SettingsFormProps } from '@/components/SettingsForm';
import { DEFAULT_SETTINGS, mergeManaged, type Settings } from '@/utils/settings';
import { journalEntries } from '@/utils/ui/write-journal-signal';
import { type JournalEntry, recordWrite } from '@/utils/write-journal';

afterEach(cleanup);

function renderForm(overrides: Partial<SettingsFormProps> & { user?: Settings } = {}) {
  const user = overrides.user ?? structuredClone(DEFAULT_SETTINGS);
  const props: SettingsFormProps = {
    user,
    effective: mergeManaged(user, {}),
    access: { outlook: false, linkedin: false },
    onSave: vi.fn(async () => {}),
    onRequestAccess: vi.fn(async () => true),
    onRemoveAccess: vi.fn(async () => true),
    onClearCache: vi.fn(async () => ({ lookups: 3, tabs: 1 })),
    ...overrides,
  };
  render(<SettingsForm {...props} />);
  return props;
}

describe('SettingsForm', () => {
  it('saves the never-look-up list normalized, with the cache time', async () => {
    const props = renderForm();
    fireEvent.input(screen.getByLabelText('Never look up'), {
      target: { value: '@Acme.com\nPeter@Initech.com' },
    });
    fireEvent.input(screen.getByLabelText('Keep look-ups for (minutes)'), {
      target: { value: '15' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Settings saved.');
    expect(props.onSave).toHaveBeenCalledWith({
      ...DEFAULT_SETTINGS,
      neverLookUp: ['acme.com', 'peter@initech.com'],
      cacheMinutes: 15,
    });
  });

  it('refuses entries that are neither addresses nor domains, and a bad cache time', async () => {
    const props = renderForm();
    fireEvent.input(screen.getByLabelText('Never look up'), {
      target: { value: 'acme.com\nnot-a-domain' },
    });
    fireEvent.input(screen.getByLabelText('Keep look-ups for (minutes)'), {
      target: { value: '2.5' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByText('These are not email addresses or domains: not-a-domain')).toBeTruthy();
    expect(screen.getByText('Enter a whole number of minutes from 0 to 1440.')).toBeTruthy();
    expect(screen.getByLabelText('Never look up').getAttribute('aria-invalid')).toBe('true');
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('asks for Outlook access inside the click that turns Outlook on', async () => {
    const user = { ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites, outlook: false } };
    const props = renderForm({ user });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Outlook' }));
    // Synchronously, before any await: the browser only prompts inside the user gesture.
    expect(props.onRequestAccess).toHaveBeenCalledWith('outlook');
    await screen.findByText('Outlook is on.');
    expect(props.onSave).toHaveBeenCalledWith({ ...user, sites: { ...user.sites, outlook: true } });
  });

  it('leaves Outlook off when the browser refuses access', async () => {
    const user = { ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites, outlook: false } };
    const props = renderForm({ user, onRequestAccess: vi.fn(async () => false) });
    const box = screen.getByRole('checkbox', { name: 'Outlook' }) as HTMLInputElement;
    fireEvent.click(box);
    await screen.findByText('The browser did not grant access to Outlook, so it stays off.');
    expect(props.onSave).not.toHaveBeenCalled();
    await waitFor(() => expect(box.checked).toBe(false));
  });

  it('grants and removes LinkedIn access from its own button', async () => {
    const props = renderForm({ access: { outlook: false, linkedin: true } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove access to LinkedIn' }));
    await screen.findByText('Close Look no longer has access to LinkedIn.');
    expect(props.onRemoveAccess).toHaveBeenCalledWith('linkedin');
    fireEvent.click(screen.getByRole('button', { name: 'Allow access to Outlook' }));
    expect(props.onRequestAccess).toHaveBeenCalledWith('outlook');
  });

  it("shows what the administrator's policy sets as locked", () => {
    const user = structuredClone(DEFAULT_SETTINGS);
    renderForm({
      user,
      effective: mergeManaged(user, {
        neverLookUp: ['competitor.com'],
        sites: { linkedin: false },
        cacheMinutes: 60,
      }),
    });
    const linkedin = screen.getByRole('checkbox', { name: 'LinkedIn' }) as HTMLInputElement;
    expect(linkedin.disabled).toBe(true);
    expect(linkedin.checked).toBe(false);
    expect(screen.getByRole('checkbox', { name: 'Gmail' }).hasAttribute('disabled')).toBe(false);
    const cache = screen.getByLabelText('Keep look-ups for (minutes)') as HTMLInputElement;
    expect(cache.disabled).toBe(true);
    expect(cache.value).toBe('60');
    expect(screen.getAllByText(/Set by your administrator\./).length).toBe(2);
    const locked = screen.getByRole('list', { name: 'Never looked up, set by your administrator' });
    expect(locked.textContent).toContain('competitor.com');
    // The user's own list does not show (or let them delete) the admin's entries.
    expect((screen.getByLabelText('Never look up') as HTMLTextAreaElement).value).toBe('');
  });

  it('clears cached data and says how much', async () => {
    const props = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Clear cached data' }));
    await screen.findByText('Cached data cleared (3 look-ups). Your drafts stay.');
    expect(props.onClearCache).toHaveBeenCalled();
  });
});

describe('OrganizationSwitcher', () => {
  const accounts = [
    {
      organizationId: 'orga_acme',
      organizationName: 'Acme Sales',
      userName: 'Ada',
      userEmail: 'a@x',
    },
    {
      organizationId: 'orga_globex',
      organizationName: 'Globex Partners',
      userName: 'Ada',
      userEmail: 'a@x',
    },
  ];

  it('is not shown with a single organization', () => {
    render(
      <OrganizationSwitcher
        accounts={accounts.slice(0, 1)}
        activeId="orga_acme"
        onSwitch={vi.fn()}
      />,
    );
    expect(screen.queryByLabelText('Organization')).toBeNull();
  });

  it('shows the current organization and switches to another', async () => {
    const onSwitch = vi.fn(async () => {});
    render(<OrganizationSwitcher accounts={accounts} activeId="orga_acme" onSwitch={onSwitch} />);
    const select = screen.getByLabelText('Organization') as HTMLSelectElement;
    expect(select.value).toBe('orga_acme');
    fireEvent.change(select, { target: { value: 'orga_globex' } });
    await waitFor(() => expect(onSwitch).toHaveBeenCalledWith('orga_globex'));
  });

  it("says when another organization's saves wait for it (queued while Close was unreachable)", () => {
    const queued = (organizationId: string, state: JournalEntry['state']) => ({
      ...recordWrite({
        kind: 'addNote',
        organizationId,
        input: {},
        meta: { clientId: `client-${organizationId}`, draftKey: null },
        owner: 'worker-a',
        now: 1,
      }),
      state,
    });
    journalEntries.value = [queued('orga_globex', 'queued'), queued('orga_acme', 'queued')];
    render(<OrganizationSwitcher accounts={accounts} activeId="orga_acme" onSwitch={vi.fn()} />);
    // The active organization's own queued save is shown in its form, not here.
    expect(screen.getAllByRole('status').map((el) => el.textContent)).toEqual([
      'Saves for Globex Partners will be sent when you switch to it.',
    ]);
    journalEntries.value = [];
  });
});
