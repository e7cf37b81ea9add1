// The task parser accepts the shapes Close answers with (structure of the recorded create_task,
// create_task_with_params and update_task answers; our own values).
import { describe, expect, it } from 'vitest';
import { mapTask, parseWith, RawTaskSchema } from '@/utils/close/schemas';

const base = {
  id: 'task_Q2ZLmRs7vK1uYxC9pT0aWn4eHbJ6dFg8iOqVzXc3kM5',
  _type: 'lead',
  lead_id: 'lead_Tq7WmZ2xKc9VbN4rY1pL8sD3fG6hJ0aE5uI2oP7yR4t',
  lead_name: 'Fabrikam',
  contact_id: null,
  contact_name: null,
  organization_id: 'orga_Zx8Cv7Bn6Mm5Ll4Kk3Jj2Hh1Gg0Ff9Dd8Ss7Aa6Qq5',
  text: 'Send the price list',
  object_type: null,
  object_id: null,
  assigned_to: 'user_Pp1Oo2Ii3Uu4Yy5Tt6Rr7Ee8Ww9Qq0Aa1Ss2Dd3Ff4',
  assigned_to_name: 'Robin Park',
  created_by: 'user_Pp1Oo2Ii3Uu4Yy5Tt6Rr7Ee8Ww9Qq0Aa1Ss2Dd3Ff4',
  created_by_name: 'Robin Park',
  updated_by: 'user_Pp1Oo2Ii3Uu4Yy5Tt6Rr7Ee8Ww9Qq0Aa1Ss2Dd3Ff4',
  updated_by_name: 'Robin Park',
  date_created: '2025-03-04T10:11:12.345000+00:00',
  date_updated: '2025-03-04T10:11:12.345000+00:00',
  view: 'inbox',
};

describe('task parsing', () => {
  it('reads a dateless task (date = creation day, due_date null) as having no due day', () => {
    const raw = {
      ...base,
      is_dateless: true,
      due_date: null,
      date: '2025-03-04',
      is_complete: false,
    };
    const task = mapTask(parseWith(RawTaskSchema, raw, 'a task'));
    expect(task).toMatchObject({ due: null, isComplete: false, assignedToName: 'Robin Park' });
  });

  it('reads a dated, completed task', () => {
    const raw = {
      ...base,
      is_dateless: false,
      due_date: '2025-03-10',
      date: '2025-03-10',
      is_complete: true,
      object_type: 'taskcompleted',
      object_id: 'acti_Mn5Bv4Cx3Zl2Kj1Hg0Fd9Sa8Po7Iu6Yt5Re4Wq3Ee2',
      view: 'archive',
    };
    expect(mapTask(parseWith(RawTaskSchema, raw, 'a task'))).toMatchObject({
      due: '2025-03-10',
      isComplete: true,
    });
  });

  it('accepts a datetime in date and a task without the optional fields', () => {
    const task = mapTask(
      parseWith(
        RawTaskSchema,
        { id: base.id, lead_id: base.lead_id, text: 'x', date: '2025-03-10T15:00:00+00:00' },
        'a task',
      ),
    );
    expect(task).toMatchObject({
      due: '2025-03-10T15:00:00+00:00',
      isComplete: false,
      assignedTo: null,
    });
  });

  it('refuses a task without an id', () => {
    expect(() => parseWith(RawTaskSchema, { ...base, id: '' }, 'a task')).toThrow(/a task/);
  });
});
