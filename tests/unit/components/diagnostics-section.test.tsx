// @vitest-environment happy-dom
// "Diagnostics" on the settings page: the recent failures and "Copy".
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticsSection } from '@/components/DiagnosticsSection';

afterEach(cleanup);

describe('DiagnosticsSection', () => {
  it('lists the failures and copies them as text', async () => {
    const copy = vi.fn(async () => {});
    const load = async () => [
      {
        at: Date.parse('2026-01-02T03:04:05Z'),
        where: 'outlook sync',
        kind: 'network' as const,
        name: 'TypeError',
      },
    ];
    render(<DiagnosticsSection load={load} copy={copy} />);
    expect(screen.getByRole('heading', { name: 'Diagnostics' })).toBeTruthy();
    expect(await screen.findByText(/outlook sync: network \(TypeError\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied.')).toBeTruthy();
    expect(copy).toHaveBeenCalledWith('2026-01-02T03:04:05.000Z outlook sync: network (TypeError)');
  });

  it('says when nothing failed, and has nothing to copy', async () => {
    render(<DiagnosticsSection load={async () => []} copy={vi.fn()} />);
    expect(await screen.findByText('No failures recorded.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Copy' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
