// A lead section that folds away under its heading and remembers being folded (for every lead).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { collapsedSectionsItem } from '@/utils/storage';

export interface CollapsibleProps {
  /** Remembered under this name, e.g. 'contacts'. */
  name: string;
  summary: string;
  children: ComponentChildren;
}

export function Collapsible({ name, summary, children }: CollapsibleProps) {
  const [open, setOpen] = useState(true);
  useEffect(() => {
    let live = true;
    const apply = (stored: Record<string, unknown> | null) => {
      if (live && typeof stored?.[name] === 'boolean') setOpen(!stored[name]);
    };
    void collapsedSectionsItem.getValue().then(apply);
    const unwatch = collapsedSectionsItem.watch(apply);
    return () => {
      live = false;
      unwatch();
    };
  }, [name]);

  return (
    <details
      class="cl-collapsible"
      open={open}
      onToggle={(event) => {
        const next = event.currentTarget.open;
        if (next === open) return;
        setOpen(next);
        void collapsedSectionsItem
          .getValue()
          .then((stored) => collapsedSectionsItem.setValue({ ...stored, [name]: !next }));
      }}
    >
      <summary class="cl-collapsible__summary">{summary}</summary>
      {children}
    </details>
  );
}
