// What a panel section shows below its first screen mounts one frame after the section does: the
// part the user looks at first (a lead's card) is drawn without waiting for the rest (tasks, note
// box, contacts, deals, timeline: ~10 ms of a reopened panel's first render on a busy machine),
// which follows in the next frame. Effects run after the browser has painted; under test (act)
// they run at once, so a rendered section is whole when render() returns.
import { useEffect, useState } from 'preact/hooks';

/** False for a component's first render, true once the browser has painted it. */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => setPainted(true), []);
  return painted;
}
