// Whether a lead changed after something about it was loaded, by its date_updated as a look-up
// showed it then and now (Close's timestamps on both sides: no local clock involved).

/** True when `leadUpdated` (now) is later than `seen` (when the thing was loaded); false if either is unknown. */
export function updatedSince(leadUpdated: string | undefined, seen: string | undefined): boolean {
  if (!leadUpdated || !seen) return false;
  const now = Date.parse(leadUpdated);
  const then = Date.parse(seen);
  return !Number.isNaN(now) && !Number.isNaN(then) && now > then;
}

/** True when both are known and name the same moment. */
export function sameInstant(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Date.parse(a);
  return !Number.isNaN(x) && x === Date.parse(b);
}
