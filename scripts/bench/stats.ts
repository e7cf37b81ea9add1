// What the browser benches report: the median of several runs, in whole milliseconds.

export const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export const ms = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '—');
