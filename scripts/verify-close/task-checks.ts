// verify:close rows for what the extension and the fake assume about Close's tasks (/task/),
// docs/close-api.md "Tasks". Every task made here is on the throwaway lead and deleted here too.
import type { Answer, Verdict } from './support';

export interface TaskCheckContext {
  call: (method: string, path: string, body?: unknown) => Promise<Answer>;
  leadId: string;
  /** Unique text for this run, so its tasks are recognisable in Close. */
  tag: string;
  waitMs: number;
  add: (name: string, result: Verdict, answer: string) => void;
  guard: (name: string, check: () => Promise<void>) => Promise<void>;
  poll: <T>(
    waitMs: number,
    attempt: () => Promise<{ done: T | null; last: string; final?: boolean }>,
  ) => Promise<{ done: T | null; last: string; ms: number }>;
  isFinal: (answer: Answer) => boolean;
  short: (body: unknown) => string;
}

/** A day `days` after today (UTC), as Close's `date` takes it. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const ids = (answer: Answer): string[] =>
  Array.isArray(answer.body?.data) ? answer.body.data.map((t: { id?: string }) => t.id) : [];

/** The field errors of a 400, or null when Close answered otherwise. */
function fieldErrors(answer: Answer): Record<string, unknown> | null {
  const errors = answer.body?.['field-errors'];
  return answer.status === 400 && errors && typeof errors === 'object' ? errors : null;
}

export async function taskChecks(ctx: TaskCheckContext): Promise<void> {
  const { call, leadId, tag, waitMs, add, guard, poll, isFinal, short } = ctx;
  const made: string[] = [];
  const create = async (body: Record<string, unknown>) => {
    const r = await call('POST', '/task/', { _type: 'lead', lead_id: leadId, ...body });
    if (r.status === 200 && typeof r.body?.id === 'string') made.push(r.body.id);
    return r;
  };
  try {
    await guard('POST /task/ (_type lead, text)', async () => {
      const r = await create({ text: `Close Look verify ${tag}` });
      if (r.status !== 200) {
        add('POST /task/ (_type lead, text)', 'refuted', `${r.status} ${short(r.body)}`);
        return;
      }
      add('POST /task/ (_type lead, text)', 'confirmed', '200');
      const taskId = r.body?.id;
      add(
        'task assumption: a task without date is dateless (is_dateless, due_date null)',
        r.body?.is_dateless === true && r.body?.due_date === null ? 'confirmed' : 'refuted',
        `is_dateless ${short(r.body?.is_dateless)}, due_date ${short(r.body?.due_date)}, date ${short(r.body?.date)}`,
      );
      const me = await call('GET', '/me/');
      add(
        'task assumption: without assigned_to the task is the caller’s',
        typeof me.body?.id === 'string' && r.body?.assigned_to === me.body.id
          ? 'confirmed'
          : 'refuted',
        `assigned_to ${short(r.body?.assigned_to)}, /me/ ${short(me.body?.id)}`,
      );
      const seen = await poll(waitMs, async () => {
        const list = await call('GET', `/task/?lead_id=${leadId}`);
        return {
          done: ids(list).includes(taskId) ? true : null,
          last: `${list.status}`,
          final: isFinal(list),
        };
      });
      add(
        'new task visible in GET /task/?lead_id=',
        seen.done ? 'confirmed' : 'refuted',
        seen.done ? `after ${seen.ms} ms` : `not listed in ${seen.ms} ms`,
      );
    });

    await guard('task assumption: POST /task/ without text → 400 on text', async () => {
      const r = await create({ text: '' });
      const errors = fieldErrors(r);
      add(
        'task assumption: POST /task/ without text → 400 on text',
        errors && 'text' in errors ? 'confirmed' : 'refuted',
        // The wording is shown to the user as Close sends it; the fake says "This field is required.".
        `${r.status} ${short(errors?.text ?? r.body)}`,
      );
    });

    await guard('task assumption: POST /task/ with a bad date → 400 on date', async () => {
      const r = await create({ text: `Close Look verify ${tag} bad date`, date: 'next tuesday' });
      const errors = fieldErrors(r);
      add(
        'task assumption: POST /task/ with a bad date → 400 on date',
        errors && ('date' in errors || 'due_date' in errors) ? 'confirmed' : 'refuted',
        // The fake says "Invalid date.".
        `${r.status} ${short(errors?.date ?? errors?.due_date ?? r.body)}`,
      );
    });

    await guard('task assumption: date YYYY-MM-DD answers due_date of that day', async () => {
      const day = dayFromNow(3);
      const r = await create({ text: `Close Look verify ${tag} dated`, date: day });
      if (r.status !== 200) {
        add(
          'task assumption: date YYYY-MM-DD answers due_date of that day',
          'refuted',
          `${r.status} ${short(r.body)}`,
        );
        return;
      }
      add(
        'task assumption: date YYYY-MM-DD answers due_date of that day',
        r.body?.due_date === day && r.body?.is_dateless === false ? 'confirmed' : 'refuted',
        `sent ${day}: due_date ${short(r.body?.due_date)}, is_dateless ${short(r.body?.is_dateless)}`,
      );
      const taskId = r.body.id as string;
      const open = await poll(waitMs, async () => {
        const list = await call('GET', `/task/?lead_id=${leadId}&is_complete=false`);
        return {
          done: ids(list).includes(taskId) ? true : null,
          last: `${list.status}`,
          final: isFinal(list),
        };
      });
      const put = await call('PUT', `/task/${taskId}/`, { is_complete: true });
      if (put.status !== 200 || put.body?.is_complete !== true) {
        add(
          'task assumption: PUT is_complete → gone from is_complete=false',
          'refuted',
          `PUT ${put.status} ${short(put.body)}`,
        );
        return;
      }
      const gone = await poll(waitMs, async () => {
        const list = await call('GET', `/task/?lead_id=${leadId}&is_complete=false`);
        return {
          done: list.status === 200 && !ids(list).includes(taskId) ? true : null,
          last: `${list.status}`,
          final: isFinal(list),
        };
      });
      add(
        'task assumption: GET /task/?is_complete=false lists only open tasks',
        open.done && gone.done ? 'confirmed' : 'refuted',
        open.done ? 'open task listed' : `open task not listed in ${open.ms} ms`,
      );
      add(
        'task assumption: PUT is_complete → gone from is_complete=false',
        gone.done ? 'confirmed' : 'refuted',
        gone.done ? `after ${gone.ms} ms` : `still listed after ${gone.ms} ms`,
      );
    });
  } finally {
    // Deleting the lead should take its tasks with it; delete them first all the same.
    const left: string[] = [];
    for (const id of made) {
      const del = await call('DELETE', `/task/${id}/`).catch(() => null);
      if (!del || del.status >= 300) left.push(id);
    }
    add(
      'DELETE /task/{id}/ removes the tasks made here',
      left.length === 0 ? 'confirmed' : 'refuted',
      left.length === 0 ? `${made.length} deleted` : `left: ${left.join(', ')}`,
    );
  }
}
