// A labelled drop-down built on Field; the caller gives the options.
import type { ComponentChildren } from 'preact';
import { Field } from './Field';

export interface SelectFieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  /** The <option>s. */
  children: ComponentChildren;
}

export function SelectField({ label, error, hint, value, onValue, children }: SelectFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(c) => (
        <select
          {...c}
          class="cl-input"
          value={value}
          onChange={(ev) => onValue(ev.currentTarget.value)}
        >
          {children}
        </select>
      )}
    </Field>
  );
}
