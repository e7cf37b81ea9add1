// Focus goes back to the button that opened a form once the form closes (Esc, Cancel or a save).
import { useEffect, useRef } from 'preact/hooks';

export interface FocusReturn {
  /** Call when opening, with the opening click: remembers the button pressed (else what has focus). */
  remember: (event?: Event) => void;
}

/**
 * Remembers what opened a form and focuses it again when `open` turns false — only when the
 * closing left focus nowhere (the focused control was inside the form that went away), so a
 * control the user moved to meanwhile keeps it. The opener must stay in the document while the
 * form is open (hide it rather than unmount it).
 */
export function useFocusReturn(open: boolean): FocusReturn {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    const closed = wasOpen.current && !open;
    wasOpen.current = open;
    if (!closed) return;
    const target = opener.current;
    opener.current = null;
    const active = target?.ownerDocument.activeElement;
    const lost = !active || active === target?.ownerDocument.body;
    if (target?.isConnected && lost) target.focus();
  }, [open]);
  return {
    remember: (event) => {
      const button = event?.currentTarget ?? document.activeElement;
      opener.current = button instanceof HTMLElement && button !== document.body ? button : null;
    },
  };
}
