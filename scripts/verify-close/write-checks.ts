// verify:close --write: creates a throwaway lead and checks what the write paths assume (new records
// in lists and searches, refused fields, tasks), then deletes everything it made.
import { leadHasDomain, leadHasEmail } from '../../utils/close/search';
import {
  type Call,
  contactsAreObjects,
  hasAddress,
  isFinal,
  isObject,
  poll,
  searchBody,
  short,
  type Verdict,
} from './support';
import { taskChecks } from './task-checks';

export async function writeChecks(
  call: Call,
  waitMs: number,
  oppStatus: string | null,
  add: (name: string, result: Verdict, answer: string) => void,
  guard: (name: string, check: () => Promise<void>) => Promise<void>,
): Promise<void> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const domain = `closelookverify${tag}.example`;
  const email = `verify.${tag}@${domain}`;
  let leadId: string | null = null;
  try {
    const lead = await call('POST', '/lead/', {
      name: `Close Look verify ${tag} (delete me)`,
      url: `http://www.${domain}/`,
    });
    if (lead.status !== 200 || typeof lead.body?.id !== 'string') {
      add('POST /lead/ creates a lead', 'refuted', `${lead.status} ${short(lead.body)}`);
      return;
    }
    leadId = lead.body.id as string;
    add('POST /lead/ creates a lead', 'confirmed', `200, ${leadId}`);
    const id = leadId;

    await guard('POST /contact/ with lead_id + emails', async () => {
      const r = await call('POST', '/contact/', {
        lead_id: id,
        name: 'Verify Contact',
        emails: [{ email, type: 'office' }],
      });
      add(
        'POST /contact/ with lead_id + emails',
        r.status === 200 ? 'confirmed' : 'refuted',
        r.status === 200 ? '200' : `${r.status} ${short(r.body)}`,
      );
    });

    await guard('search finds a new lead by its http://www. url', async () => {
      const found = await poll(waitMs, async () => {
        const r = await call('POST', '/data/search/', searchBody(leadHasDomain(domain)));
        const hit =
          Array.isArray(r.body?.data) && r.body.data.some((l: { id?: string }) => l.id === id);
        return { done: hit ? true : null, last: `${r.status} ${short(r.body)}`, final: isFinal(r) };
      });
      add(
        'search finds a new lead by its http://www. url',
        found.done ? 'confirmed' : 'refuted',
        found.done ? `found after ${found.ms} ms` : `not found in ${found.ms} ms: ${found.last}`,
      );
    });

    await guard('search by address + _fields.contact gives contact objects', async () => {
      const found = await poll(waitMs, async () => {
        const r = await call('POST', '/data/search/', searchBody(leadHasEmail([email])));
        const leads: unknown[] = Array.isArray(r.body?.data) ? r.body.data : [];
        const mine = leads.filter((l) => isObject(l) && l.id === id);
        return {
          done: mine.length > 0 ? mine : null,
          last: `${r.status} ${short(r.body)}`,
          final: isFinal(r),
        };
      });
      if (!found.done) {
        add(
          'search finds a new contact by its address',
          'refuted',
          `not found in ${found.ms} ms: ${found.last}`,
        );
        return;
      }
      add('search finds a new contact by its address', 'confirmed', `found after ${found.ms} ms`);
      const shape = contactsAreObjects(found.done);
      const ok = shape.objects && hasAddress(found.done, email);
      add(
        '_fields.contact gives nested contact objects',
        ok ? 'confirmed' : 'refuted',
        shape.sample,
      );
    });

    await guard('new note visible in GET /activity/note/?lead_id=', async () => {
      const r = await call('POST', '/activity/note/', {
        lead_id: id,
        note: `Close Look verify ${tag}`,
      });
      if (r.status !== 200) {
        add(
          'new note visible in GET /activity/note/?lead_id=',
          'refuted',
          `create: ${r.status} ${short(r.body)}`,
        );
        return;
      }
      const noteId = r.body?.id;
      const seen = await poll(waitMs, async () => {
        const list = await call('GET', `/activity/note/?lead_id=${id}`);
        const hit =
          Array.isArray(list.body?.data) &&
          list.body.data.some((n: { id?: string }) => n.id === noteId);
        return { done: hit ? true : null, last: `${list.status}`, final: isFinal(list) };
      });
      add(
        'new note visible in GET /activity/note/?lead_id=',
        seen.done ? 'confirmed' : 'refuted',
        seen.done ? `after ${seen.ms} ms` : `not listed in ${seen.ms} ms`,
      );
    });

    await guard('POST /opportunity/ without value_currency', async () => {
      if (!oppStatus) {
        add(
          'POST /opportunity/ without value_currency',
          'skipped',
          'no opportunity status in any pipeline',
        );
        return;
      }
      const r = await call('POST', '/opportunity/', {
        lead_id: id,
        status_id: oppStatus,
        value: 100,
        value_period: 'one_time',
        note: `Close Look verify ${tag}`,
      });
      if (r.status !== 200) {
        add('POST /opportunity/ without value_currency', 'refuted', `${r.status} ${short(r.body)}`);
        return;
      }
      add(
        'POST /opportunity/ without value_currency',
        'confirmed',
        `200, currency ${r.body?.value_currency ?? 'not returned'}`,
      );
      const oppId = r.body?.id;
      const seen = await poll(waitMs, async () => {
        const list = await call('GET', `/opportunity/?lead_id=${id}`);
        const hit =
          Array.isArray(list.body?.data) &&
          list.body.data.some((o: { id?: string }) => o.id === oppId);
        return { done: hit ? true : null, last: `${list.status}`, final: isFinal(list) };
      });
      add(
        'new opportunity visible in GET /opportunity/?lead_id=',
        seen.done ? 'confirmed' : 'refuted',
        seen.done ? `after ${seen.ms} ms` : `not listed in ${seen.ms} ms`,
      );
    });

    await taskChecks({ call, leadId: id, tag, waitMs, add, guard, poll, isFinal, short });
  } finally {
    if (leadId !== null) {
      try {
        const del = await call('DELETE', `/lead/${leadId}/`);
        const after = await call('GET', `/lead/${leadId}/`);
        add(
          'DELETE /lead/{id}/ removes the throwaway lead',
          del.status < 300 && after.status === 404 ? 'confirmed' : 'refuted',
          `delete ${del.status}, then GET ${after.status}`,
        );
      } catch (error) {
        add(
          'DELETE /lead/{id}/ removes the throwaway lead',
          'refuted',
          `error: ${String(error)} — delete lead ${leadId} by hand`,
        );
      }
    }
  }
}
