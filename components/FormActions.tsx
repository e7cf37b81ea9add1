// A form's button row: submit, then Cancel when the form can be left, then anything else (e.g. a status line).
import type { ComponentChildren } from 'preact';

export interface FormActionsProps {
  /** The submit button's text; the caller swaps in its "Saving…" text while busy. */
  submitLabel: string;
  disabled: boolean;
  cancelLabel: string;
  onCancel?: (() => void) | undefined;
  /** Stands in for the submit button, e.g. "Create a new lead anyway" beside possible duplicates. */
  primary?: ComponentChildren;
  children?: ComponentChildren;
}

export function FormActions({
  submitLabel,
  disabled,
  cancelLabel,
  onCancel,
  primary,
  children,
}: FormActionsProps) {
  return (
    <div class="cl-form__actions">
      {primary ?? (
        <button type="submit" class="cl-button cl-button--primary" disabled={disabled}>
          {submitLabel}
        </button>
      )}
      {onCancel ? (
        <button type="button" class="cl-button" onClick={onCancel}>
          {cancelLabel}
        </button>
      ) : null}
      {children}
    </div>
  );
}
