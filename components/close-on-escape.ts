// Esc leaves an open form the way Cancel does, after saving its draft: reopening shows the text.
/**
 * A form's keydown handler: Esc saves the draft now, then closes the form. Does nothing when the
 * form cannot be left (no `onCancel`), while an input method is composing, or when an inner control
 * (a menu, a dialog) already used the key.
 */
export function closeOnEscape(
  flush: () => Promise<void>,
  onCancel: (() => void) | undefined,
): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Escape' || !onCancel || event.isComposing || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    void flush().then(onCancel, onCancel);
  };
}
