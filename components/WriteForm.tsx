// The frame every form that saves a Close record through the write journal shares: "changed in
// Close since" on top; Close's error, the journal's status for this write and the buttons below;
// Esc leaves it like Cancel, after saving the draft.
import type { ComponentChildren } from 'preact';
import { closeOnEscape } from '@/components/close-on-escape';
import { unclaimedFieldErrors } from '@/components/use-action';
import type { WriteHandle } from '@/components/use-write';
import { WriteFormFooter } from '@/components/WriteFormFooter';
import type { AppError } from '@/utils/app-error';
import { t } from '@/utils/i18n';

const strings = {
  recordChanged: t('formRecordChanged'),
} as const;

export interface WriteFormProps {
  /** The form's accessible name ("Edit contact", "New opportunity", …). */
  label: string;
  onSubmit: (event?: Event) => void;
  /** The record changed in Close since the draft was started (the draft was moved onto it). */
  recordChanged: boolean;
  /** The last save's error. */
  error: AppError | null;
  /** Close's field names the form shows next to a field; the others are listed in the banner. */
  claimed: readonly string[];
  write: WriteHandle;
  busy: boolean;
  submitLabel: string;
  /** Besides while saving (the submit button is always off then). */
  disabled?: boolean;
  cancelLabel: string;
  /** Cancel, and Esc after `flush` saved the draft (the form can be left only when given). */
  onCancel?: (() => void) | undefined;
  /** Saves the draft now. */
  flush: () => Promise<void>;
  children: ComponentChildren;
}

export function WriteForm(props: WriteFormProps) {
  const { error, busy, write } = props;
  const retry = () => void props.onSubmit();
  return (
    <form
      class="cl-form"
      onSubmit={props.onSubmit}
      onKeyDown={closeOnEscape(props.flush, props.onCancel)}
      noValidate
      aria-label={props.label}
    >
      {props.recordChanged ? (
        <p class="cl-hint" role="status">
          {strings.recordChanged}
        </p>
      ) : null}
      {props.children}
      <WriteFormFooter
        error={error}
        details={unclaimedFieldErrors(error, props.claimed)}
        write={write}
        busy={busy}
        onRetry={retry}
        submitLabel={props.submitLabel}
        disabled={!!props.disabled}
        cancelLabel={props.cancelLabel}
        onCancel={props.onCancel}
      />
    </form>
  );
}

/**
 * The end of a form's submit: the draft is in storage before the write leaves (whatever dies next,
 * the fields are there until Close has them), and settled once Close answered with the record.
 */
export async function sendDraft<V, R>(
  draft: { flush: () => Promise<void>; settle: (submitted: V) => Promise<boolean> },
  submitted: V,
  send: () => Promise<R | null | undefined>,
): Promise<R | undefined> {
  await draft.flush();
  const saved = await send();
  if (!saved) return undefined;
  await draft.settle(submitted);
  return saved;
}
