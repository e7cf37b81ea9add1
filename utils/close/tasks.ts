// Tasks: a lead's open follow-ups, create one (text, due day, assignee), tick done, edit text or day.
import type { CloseHttp, JsonBody } from '@/utils/close/http';
import {
  mapPage,
  mapTask,
  pageSchema,
  parseWith,
  type RawTask,
  RawTaskSchema,
} from '@/utils/close/schemas';
import type { Page, Task } from '@/utils/close/types';
import { createdSince, newest, sameText } from '@/utils/close/verify';
import { t } from '@/utils/i18n';

const TaskPageSchema = pageSchema(RawTaskSchema);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A due day as Close takes it: `YYYY-MM-DD`, or null for a dateless task. */
export type TaskDay = string | null;

function checkDay(day: TaskDay | undefined): void {
  if (day !== undefined && day !== null && !DAY.test(day)) {
    throw new TypeError(`A task's due day must be YYYY-MM-DD (got "${day}").`);
  }
}

/** Same due day: Close may answer a day we sent as a datetime on that day. */
function sameDay(got: string | null | undefined, sent: TaskDay | undefined): boolean {
  if (sent === undefined) return true;
  if (sent === null) return !got;
  return (got ?? '').slice(0, 10) === sent;
}

export interface ListTasksInput {
  leadId: string;
  limit?: number;
}

/** The lead's open tasks, soonest first (`_order_by=date`; dateless ones count as their creation day). */
export async function listOpenTasks(http: CloseHttp, input: ListTasksInput): Promise<Page<Task>> {
  const raw = await http.get('task/', {
    query: {
      lead_id: input.leadId,
      is_complete: 'false',
      _order_by: 'date',
      _limit: Math.min(100, Math.max(1, input.limit ?? 50)),
    },
  });
  const page = mapPage(parseWith(TaskPageSchema, raw, t('closeWhatLeadsTasks')), mapTask);
  // Close filters by is_complete; checked again so a server that ignored it shows no done task.
  return { ...page, data: page.data.filter((t) => !t.isComplete) };
}

export async function getTask(http: CloseHttp, id: string): Promise<Task> {
  const raw = await http.get(`task/${encodeURIComponent(id)}/`);
  return mapTask(parseWith(RawTaskSchema, raw, t('closeWhatTask')));
}

export interface CreateTaskInput {
  leadId: string;
  text: string;
  /** `YYYY-MM-DD`; null or absent = dateless. */
  due?: TaskDay;
  /** The user the task is for (the connected user); Close assigns the caller when absent. */
  assignedTo?: string;
}

export async function createTask(http: CloseHttp, input: CreateTaskInput): Promise<Task> {
  checkDay(input.due);
  const body: JsonBody = { _type: 'lead', lead_id: input.leadId, text: input.text };
  if (input.due) body.date = input.due;
  if (input.assignedTo) body.assigned_to = input.assignedTo;
  const raw = await http.post('task/', body, {
    verify: ({ sentAt }) => findCreatedTaskRaw(http, input, sentAt),
    // Close does not promise a new task is in `GET /task/` at once: not finding it proves nothing.
    absenceIsCertain: false,
  });
  return mapTask(parseWith(RawTaskSchema, raw, t('closeWhatNewTask')));
}

/** The lead's newest tasks (done ones too) created since `sentAt` with the text and day we sent. */
async function findCreatedTaskRaw(
  http: CloseHttp,
  input: Pick<CreateTaskInput, 'leadId' | 'text' | 'due'>,
  sentAt: number,
): Promise<RawTask | undefined> {
  const page = await http.get('task/', {
    query: { lead_id: input.leadId, _order_by: '-date_created', _limit: 50 },
  });
  const tasks = parseWith(TaskPageSchema, page, t('closeWhatLeadsTasks')).data;
  return newest(
    tasks.filter(
      (task) =>
        createdSince(task.date_created, sentAt) &&
        sameText(task.text, input.text) &&
        sameDay(task.is_dateless ? null : task.date, input.due ?? null),
    ),
  );
}

/**
 * For the write journal: the task a lost create made, or undefined when the lead's task list has
 * none (a plain list of the lead's tasks, newest first, done ones included).
 */
export async function findCreatedTask(
  http: CloseHttp,
  input: Pick<CreateTaskInput, 'leadId' | 'text' | 'due'>,
  sentAt: number,
): Promise<Task | undefined> {
  const raw = await findCreatedTaskRaw(http, input, sentAt);
  return raw && mapTask(raw);
}

export interface TaskPatch {
  text?: string;
  due?: TaskDay;
  isComplete?: boolean;
}

/** Does the task carry every field of the patch (the day by its date part)? */
function carries(task: RawTask, patch: TaskPatch): boolean {
  return (
    (patch.text === undefined || task.text === patch.text) &&
    sameDay(task.is_dateless ? null : task.date, patch.due) &&
    (patch.isComplete === undefined || task.is_complete === patch.isComplete)
  );
}

async function readBack(http: CloseHttp, id: string, patch: TaskPatch) {
  const path = `task/${encodeURIComponent(id)}/`;
  const current = parseWith(RawTaskSchema, await http.get(path), t('closeWhatTask'));
  return carries(current, patch) ? current : undefined;
}

/** For the write journal: the task if it already carries `patch` (the edit landed), else undefined. */
export async function findUpdatedTask(
  http: CloseHttp,
  id: string,
  patch: TaskPatch,
): Promise<Task | undefined> {
  const raw = await readBack(http, id, patch);
  return raw && mapTask(raw);
}

export async function updateTask(http: CloseHttp, id: string, patch: TaskPatch): Promise<Task> {
  checkDay(patch.due);
  const body: JsonBody = {};
  if (patch.text !== undefined) body.text = patch.text;
  if (patch.due !== undefined) body.date = patch.due;
  if (patch.isComplete !== undefined) body.is_complete = patch.isComplete;
  const raw = await http.put(`task/${encodeURIComponent(id)}/`, body, {
    // A lost answer: read the task back and compare what we asked for.
    verify: () => readBack(http, id, patch),
  });
  return mapTask(parseWith(RawTaskSchema, raw, t('closeWhatUpdatedTask')));
}
