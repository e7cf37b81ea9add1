// Test helper: every snapshot a reader produces must pass the schema the background enforces.
import * as v from 'valibot';
import { expect } from 'vitest';
import { type PageSnapshot, PageSnapshotSchema } from '@/utils/page-snapshot';

export function expectValidSnapshot(snapshot: PageSnapshot | null | undefined): void {
  expect(snapshot).toBeTruthy();
  const result = v.safeParse(PageSnapshotSchema, snapshot);
  if (!result.success)
    throw new Error(
      `snapshot rejected by PageSnapshotSchema: ${JSON.stringify(v.flatten(result.issues))}`,
    );
  // The schema must not have had to change anything (trim, lower-case): readers emit clean values.
  expect(result.output).toEqual(snapshot);
}
