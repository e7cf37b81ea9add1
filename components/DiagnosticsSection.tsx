// "Diagnostics" on the settings page: the worker's recent failures (what failed and how, never
// the key or personal data), with "Copy" to paste into a support request.
import { useEffect, useId, useState } from 'preact/hooks';
import { type DiagnosticEntry, diagnosticsText } from '@/utils/diagnostics';
import { t } from '@/utils/i18n';

export interface DiagnosticsSectionProps {
  load: () => Promise<DiagnosticEntry[]>;
  /** Puts text on the clipboard. */
  copy: (text: string) => Promise<void>;
}

export function DiagnosticsSection({ load, copy }: DiagnosticsSectionProps) {
  const id = useId();
  const [entries, setEntries] = useState<DiagnosticEntry[] | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    load()
      .then(setEntries)
      .catch(() => setEntries([]));
  }, [load]);
  const text = entries ? diagnosticsText(entries) : '';
  return (
    <section class="cl-settings" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('diagnosticsHeading')}</h2>
      <p class="cl-hint">{t('diagnosticsHint')}</p>
      {entries === null ? null : entries.length === 0 ? (
        <p>{t('diagnosticsEmpty')}</p>
      ) : (
        <pre class="cl-diagnostics">{text}</pre>
      )}
      <button
        type="button"
        class="cl-button"
        disabled={!entries || entries.length === 0}
        onClick={() =>
          void copy(text)
            .then(() => setStatus(t('diagnosticsCopied')))
            .catch(() => setStatus(t('diagnosticsCopyFailed')))
        }
      >
        {t('diagnosticsCopy')}
      </button>
      <p role="status" class="cl-hint">
        {status}
      </p>
    </section>
  );
}
