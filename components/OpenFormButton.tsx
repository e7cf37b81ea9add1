// The small button that opens a form below it. Hidden, not removed, while its form is open: focus
// comes back to it when the form closes (use-focus-return.ts).
import type { ComponentChildren } from 'preact';

export interface OpenFormButtonProps {
  /** Its form is open. */
  open: boolean;
  onClick: (event: MouseEvent) => void;
  children: ComponentChildren;
}

export function OpenFormButton({ open, onClick, children }: OpenFormButtonProps) {
  return (
    <button type="button" class="cl-button cl-button--small" hidden={open} onClick={onClick}>
      {children}
    </button>
  );
}
