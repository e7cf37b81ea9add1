// One binding from a form's draft to its fields: the value, the change, Close's error for that
// field, read-only while saving and "save the draft when leaving the field". Every form uses it
// instead of spelling the same five props on every field.

import { fieldError } from '@/components/use-action';
import type { AppError } from '@/utils/app-error';

export interface FieldBinding {
  value: string;
  onValue: (text: string) => void;
  error: string | undefined;
  readOnly: boolean;
  onBlur: () => void;
}

type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

export interface FormState<V> {
  value: V;
  set: (patch: Partial<V>) => void;
  /** The last save's error (its field errors go next to their fields). */
  error: AppError | null;
  /** True while a save runs. */
  busy: boolean;
  /** Saves the draft now (on leaving a field). */
  flush?: () => void;
  /** The form's own checks by field, shown when Close names no error for that field. */
  local?: Partial<Record<TextKeys<V>, string | undefined>>;
}

/**
 * `field('name')` spreads onto a TextField or SelectField. Close may name a field's error
 * differently (`lead_id` for `target`): give those names after the field's own.
 */
export function formFields<V>(form: FormState<V>) {
  return function field<K extends TextKeys<V>>(name: K, ...errorNames: string[]): FieldBinding {
    return {
      value: form.value[name] as string,
      onValue: (text) => form.set({ [name]: text } as unknown as Partial<V>),
      error:
        fieldError(form.error, ...(errorNames.length ? errorNames : [name])) ?? form.local?.[name],
      readOnly: form.busy,
      onBlur: () => form.flush?.(),
    };
  };
}
