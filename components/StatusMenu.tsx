// The lead's status on its card, changeable in one step: a menu of the organization's statuses.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '@/components/error-text';
import { type AppError, toAppError } from '@/utils/app-error';
import type { Lead, LeadStatus } from '@/utils/close/types';
import { t } from '@/utils/i18n';

const strings = {
  button: (status: string) => t('statusMenuButton', status),
  menu: t('statusMenuMenu'),
  loading: t('commonLoadingStatuses'),
  saving: t('commonSaving'),
  noStatus: t('leadCardNoStatus'),
} as const;

export interface StatusMenuProps {
  lead: Lead;
  loadStatuses: () => Promise<LeadStatus[]>;
  save: (statusId: string) => Promise<Lead>;
  onSaved: (lead: Lead) => void;
}

export function StatusMenu({ lead, loadStatuses, save, onSaved }: StatusMenuProps) {
  const [open, setOpen] = useState(false);
  const [statuses, setStatuses] = useState<LeadStatus[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open || statuses) return;
    let live = true;
    loadStatuses().then(
      (list) => live && setStatuses(list),
      (caught) => live && setError(toAppError(caught)),
    );
    return () => {
      live = false;
    };
  }, [open, statuses, loadStatuses]);

  useEffect(() => {
    if (!open || !statuses) return;
    const current = menu.current?.querySelector<HTMLElement>('[aria-checked="true"]');
    (current ?? menu.current?.querySelector<HTMLElement>('[role="menuitemradio"]'))?.focus();
  }, [open, statuses]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  async function choose(status: LeadStatus) {
    if (status.id === lead.statusId) {
      close();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await save(status.id));
      close();
    } catch (caught) {
      setError(toAppError(caught));
    } finally {
      setBusy(false);
    }
  }

  function onMenuKey(event: KeyboardEvent) {
    const items = [
      ...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? []),
    ];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    }
  }

  const label = lead.statusLabel || strings.noStatus;
  return (
    <span class="cl-status-menu">
      <button
        ref={button}
        type="button"
        class="cl-badge cl-status-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={strings.button(label)}
        onClick={() => setOpen(!open)}
      >
        <span>{label}</span> <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <span class="cl-status-menu__popup">
          {statuses === null && !error ? (
            <span class="cl-muted" role="status">
              {strings.loading}
            </span>
          ) : null}
          {statuses ? (
            <div
              ref={menu}
              role="menu"
              aria-label={strings.menu}
              onKeyDown={onMenuKey}
              aria-busy={busy}
            >
              {statuses.map((status) => (
                <button
                  key={status.id}
                  type="button"
                  role="menuitemradio"
                  aria-checked={status.id === lead.statusId}
                  tabIndex={-1}
                  disabled={busy}
                  onClick={() => void choose(status)}
                >
                  {status.label}
                </button>
              ))}
            </div>
          ) : null}
          {busy ? <span role="status">{strings.saving}</span> : null}
          {error ? (
            <span role="alert" class="cl-field-error">
              {errorText(error)}
            </span>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}
