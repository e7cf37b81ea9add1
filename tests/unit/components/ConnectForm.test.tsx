// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectCallToAction } from '@/components/ConnectCallToAction';
import { ConnectForm } from '@/components/ConnectForm';
import { AppFailure } from '@/utils/app-error';
import type { ConnectionState } from '@/utils/connection-state';

const account = {
  organizationId: 'orga_1',
  organizationName: 'Acme Sales',
  userName: 'Ada Lovelace',
  userEmail: 'ada@acme.test',
};
const connected: ConnectionState = { status: 'connected', active: account, accounts: [account] };

afterEach(cleanup);

describe('ConnectForm', () => {
  it('connects with the typed key and shows who is connected', async () => {
    const onConnect = vi.fn(async () => connected);
    render(
      <ConnectForm
        state={{ status: 'disconnected' }}
        onConnect={onConnect}
        onDisconnect={vi.fn()}
      />,
    );
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: ' api_123 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await screen.findByText('Connected as Ada Lovelace · Acme Sales');
    expect(onConnect).toHaveBeenCalledWith('api_123');
    expect(screen.getByRole('button', { name: 'Disconnect' })).toBeTruthy();
  });

  it('keeps the typed key and explains a wrong key next to the field', async () => {
    const onConnect = vi.fn(async () => {
      throw new AppFailure({ kind: 'auth', message: 'Unauthorized' });
    });
    render(
      <ConnectForm
        state={{ status: 'disconnected' }}
        onConnect={onConnect}
        onDisconnect={vi.fn()}
      />,
    );
    const field = screen.getByLabelText('API key') as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'api_wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/did not accept this API key/);
    expect(field.value).toBe('api_wrong');
    expect(field.getAttribute('aria-describedby')).toContain(alert.id);
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('tells a network failure apart from a wrong key', async () => {
    const onConnect = vi.fn(async () => {
      throw new AppFailure({ kind: 'network', message: 'fetch failed' });
    });
    render(
      <ConnectForm
        state={{ status: 'disconnected' }}
        onConnect={onConnect}
        onDisconnect={vi.fn()}
      />,
    );
    fireEvent.input(screen.getByLabelText('API key'), { target: { value: 'api_1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not reach Close/);
  });

  it('disconnects the active organization', async () => {
    const onDisconnect = vi.fn(async () => ({ status: 'disconnected' }) as const);
    render(<ConnectForm state={connected} onConnect={vi.fn()} onDisconnect={onDisconnect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Disconnect' })).toBeNull());
    expect(onDisconnect).toHaveBeenCalledWith('orga_1');
  });
});

describe('ConnectCallToAction', () => {
  it('offers a button that opens the options', () => {
    const onOpenOptions = vi.fn();
    render(<ConnectCallToAction onOpenOptions={onOpenOptions} />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect your Close account' }));
    expect(onOpenOptions).toHaveBeenCalledOnce();
  });
});
