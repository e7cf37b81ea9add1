// The end of every form that saves through the write journal: Close's error (unless the journal
// speaks for it), the journal's status for this write with its Retry, and the button row.
import type { ComponentChildren } from 'preact';
import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import type { WriteHandle } from '@/components/use-write';
import { WriteStatus } from '@/components/WriteStatus';
import type { AppError } from '@/utils/app-error';

export interface WriteFormFooterProps {
  /** The last save's error. */
  error: AppError | null;
  /** Whether the error is already shown next to a field (then the banner stays quiet). */
  shownAtField?: boolean;
  /** Close's field errors no field of the form shows. */
  details?: string[] | undefined;
  write: WriteHandle;
  busy: boolean;
  onRetry: () => void;
  submitLabel: string;
  /** Besides while saving or while the journal holds the write (the submit button is off then). */
  disabled?: boolean;
  cancelLabel: string;
  onCancel?: (() => void) | undefined;
  /** Stands in for the submit button (see FormActions). */
  primary?: ComponentChildren;
  /** After the buttons, e.g. a status line. */
  children?: ComponentChildren;
}

export function WriteFormFooter(props: WriteFormFooterProps) {
  const { error, write, busy, onRetry } = props;
  const banner = error && !props.shownAtField && !error.outcomeUnknown ? error : null;
  return (
    <>
      <FormError error={banner} details={props.details ?? []} onRetry={onRetry} busy={busy} />
      <WriteStatus write={write} ownError={error} onRetry={onRetry} busy={busy} />
      <FormActions
        submitLabel={props.submitLabel}
        disabled={busy || write.blocked || !!props.disabled}
        cancelLabel={props.cancelLabel}
        onCancel={props.onCancel}
        primary={props.primary}
      >
        {props.children}
      </FormActions>
    </>
  );
}
