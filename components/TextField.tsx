// A labelled text box built on Field: a one-line input, or a text area when it is given rows.
import type { InputHTMLAttributes, TargetedEvent } from 'preact';
import { Field } from '@/components/Field';

export interface TextFieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  value: string;
  onValue: (text: string) => void;
  /** A text area this many rows high; without it, a one-line input. */
  rows?: number;
  type?: 'text' | 'url' | 'date';
  inputMode?: 'decimal' | 'email' | 'numeric' | 'tel' | 'url' | undefined;
  autoComplete?: 'off';
  /** While a save runs: the box keeps focus and Tab order, but takes no typing. */
  readOnly?: boolean | undefined;
  onBlur?: () => void;
  onKeyDown?: (event: KeyboardEvent) => void;
}

export function TextField({ label, error, hint, value, onValue, rows, ...box }: TextFieldProps) {
  const onInput = (ev: TargetedEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    onValue(ev.currentTarget.value);
  // Preact types an input's attributes by its `type`; every `type` allowed here is a text box.
  const inputBox = box as InputHTMLAttributes<HTMLInputElement>;
  return (
    <Field label={label} error={error} hint={hint}>
      {(c) =>
        rows ? (
          <textarea
            {...c}
            {...box}
            class="cl-input cl-textarea"
            rows={rows}
            value={value}
            onInput={onInput}
          />
        ) : (
          <input {...c} {...inputBox} class="cl-input" value={value} onInput={onInput} />
        )
      }
    </Field>
  );
}
