// A labelled form field: visible label, optional hint, and its error right below, wired with aria-describedby.
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

export interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (control: FieldControlProps) => ComponentChildren;
}

export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const controlId = `${id}-control`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return (
    <div class={`cl-field${error ? ' cl-field--invalid' : ''}`}>
      <label for={controlId} class="cl-label">
        {label}
      </label>
      {children({
        id: controlId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
      })}
      {hint ? (
        <p id={hintId} class="cl-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} class="cl-field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
