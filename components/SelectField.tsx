// A labelled drop-down built on Field; the caller gives the options.
import type { ComponentChildren } from 'preact';
import { Field } from '@/components/Field';

export interface SelectFieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: string;
  onValue: (value: string) => void;
  /**
   * While a save runs: keeps focus and Tab order (unlike `disabled`) but ignores a new choice.
   * A <select> has no read-only state of its own.
   */
  readOnly?: boolean | undefined;
  onBlur?: () => void;
  /** The <option>s. */
  children: ComponentChildren;
}

export function SelectField({
  label,
  error,
  hint,
  value,
  onValue,
  readOnly,
  onBlur,
  children,
}: SelectFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(c) => (
        <select
          {...c}
          class="cl-input"
          value={value}
          aria-readonly={readOnly ? 'true' : undefined}
          onBlur={onBlur}
          onChange={(ev) => {
            if (readOnly) ev.currentTarget.value = value;
            else onValue(ev.currentTarget.value);
          }}
        >
          {children}
        </select>
      )}
    </Field>
  );
}
