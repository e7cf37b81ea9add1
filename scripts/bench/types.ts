// One section of `npm run bench`'s report.
export interface BenchSection {
  title: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  notes?: string[];
}
