// A lead's open follow-up tasks: due day (overdue marked), tick done, edit, and "Add task".
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '@/components/error-text';
import { OpenFormButton } from '@/components/OpenFormButton';
import { TaskForm } from '@/components/TaskForm';
import { useFocusReturn } from '@/components/use-focus-return';
import { type AppError, toAppError } from '@/utils/app-error';
import type { Task } from '@/utils/close/types';
import { draftKey } from '@/utils/drafts';
import { formatDate, formatDateTime } from '@/utils/format';
import { t } from '@/utils/i18n';
import { bySoonest, isOverdue } from '@/utils/task-days';

const strings = {
  heading: t('taskListHeading'),
  list: t('taskListOpen'),
  none: t('taskListNone'),
  loading: t('taskListLoading'),
  add: t('commonAddTask'),
  edit: t('commonEdit'),
  editLabel: (text: string) => t('taskListEditLabel', text),
  doneLabel: (text: string) => t('taskListDone', text),
  due: (day: string) => t('taskListDue', day),
  overdue: (day: string) => t('taskListOverdue', day),
  noDue: t('taskListNoDue'),
  added: t('taskListAdded'),
  saved: t('taskListSaved'),
  ticked: (text: string) => t('taskListDone', text),
  tryAgain: t('commonTryAgain'),
} as const;

export interface TaskListProps {
  leadId: string;
  /** The lead's open tasks as the look-up brought them (no request); absent: asked with `load`. */
  open?: Task[] | undefined;
  load: () => Promise<Task[]>;
  create: (draft: { text: string; due: string | null }) => Promise<Task>;
  update: (
    taskId: string,
    patch: { text?: string; due?: string | null; isComplete?: boolean },
  ) => Promise<Task>;
  /** After a task was added, changed or ticked (the lead's timeline is out of date). */
  onWrote?: () => void;
  now?: () => number;
}

type Form = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; taskId: string };

function dueText(task: Task, now: number): string {
  if (!task.due) return strings.noDue;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(task.due)
    ? formatDate(task.due)
    : formatDateTime(task.due);
  return isOverdue(task.due, now) ? strings.overdue(day) : strings.due(day);
}

/** The open tasks: Close's list with what was added, changed or ticked here on top. */
function withLocal(base: Task[] | null, local: Record<string, Task>): Task[] | null {
  if (!base) return null;
  const ids = new Set(base.map((task) => task.id));
  return [
    ...base.map((task) => local[task.id] ?? task),
    ...Object.values(local).filter((task) => !ids.has(task.id)),
  ]
    .filter((task) => !task.isComplete)
    .sort(bySoonest);
}

export function TaskList({
  leadId,
  open,
  load,
  create,
  update,
  onWrote,
  now = Date.now,
}: TaskListProps) {
  const [loaded, setLoaded] = useState<Task[] | null>(null);
  /** Tasks added, changed or ticked here, by id: they win over a list that may predate them. */
  const [local, setLocal] = useState<Record<string, Task>>({});
  const tasks = withLocal(open ?? loaded, local);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [form, setForm] = useState<Form>({ kind: 'none' });
  const [status, setStatus] = useState('');
  const [ticking, setTicking] = useState<string | null>(null);
  const [tickError, setTickError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Esc, Cancel or a save closes a task form: focus goes back to the button that opened it.
  const focusReturn = useFocusReturn(form.kind !== 'none');

  const known = open !== undefined;
  useEffect(() => {
    if (known) return;
    let live = true;
    setLoadError(null);
    load().then(
      (list) => live && setLoaded(list),
      (error) => live && setLoadError(toAppError(error)),
    );
    return () => {
      live = false;
    };
  }, [leadId, attempt, known]);

  const keep = (task: Task) => setLocal((all) => ({ ...all, [task.id]: task }));

  async function tick(task: Task) {
    setTicking(task.id);
    setTickError(null);
    setStatus('');
    try {
      const done = await update(task.id, { isComplete: true });
      keep(done);
      onWrote?.();
      setStatus(strings.ticked(task.text));
    } catch (error) {
      setTickError(toAppError(error));
    } finally {
      setTicking(null);
    }
  }

  const shown = tasks ?? [];
  const time = now();
  return (
    <section class="cl-tasks" aria-label={strings.heading}>
      <h3 class="cl-subheading">{strings.heading}</h3>
      {tasks === null && !loadError ? <p class="cl-muted">{strings.loading}</p> : null}
      {loadError ? (
        <div role="alert" class="cl-form-error">
          <p>{errorText(loadError)}</p>
          <button
            type="button"
            class="cl-button cl-button--small"
            onClick={() => setAttempt((n) => n + 1)}
          >
            {strings.tryAgain}
          </button>
        </div>
      ) : null}
      {tasks && shown.length === 0 ? <p class="cl-muted">{strings.none}</p> : null}
      {shown.length > 0 ? (
        <ul class="cl-list cl-task-list" aria-label={strings.list}>
          {shown.map((task) => {
            const overdue = isOverdue(task.due, time);
            return (
              <li key={task.id} class={`cl-task${overdue ? ' cl-task--overdue' : ''}`}>
                <input
                  type="checkbox"
                  class="cl-task__check"
                  checked={ticking === task.id}
                  disabled={ticking !== null}
                  aria-label={strings.doneLabel(task.text)}
                  onChange={() => void tick(task)}
                />
                <span class="cl-task__body">
                  <span class="cl-task__text">{task.text}</span>
                  <span class={`cl-task__due${overdue ? ' cl-task__due--overdue' : ''}`}>
                    {dueText(task, time)}
                  </span>
                </span>
                <button
                  type="button"
                  class="cl-button cl-button--small cl-button--quiet"
                  aria-label={strings.editLabel(task.text)}
                  aria-expanded={form.kind === 'edit' && form.taskId === task.id}
                  onClick={(event) => {
                    if (form.kind === 'edit' && form.taskId === task.id) {
                      return setForm({ kind: 'none' });
                    }
                    focusReturn.remember(event);
                    setForm({ kind: 'edit', taskId: task.id });
                  }}
                >
                  {strings.edit}
                </button>
                {form.kind === 'edit' && form.taskId === task.id ? (
                  <TaskForm
                    draftKey={draftKey('task-edit', task.id)}
                    task={task}
                    now={now}
                    save={({ text, due }) => update(task.id, { text, due })}
                    onSaved={(saved) => {
                      keep(saved);
                      onWrote?.();
                      setForm({ kind: 'none' });
                      setStatus(strings.saved);
                    }}
                    onCancel={() => setForm({ kind: 'none' })}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {tickError ? (
        <div role="alert" class="cl-form-error">
          <p>{errorText(tickError)}</p>
        </div>
      ) : null}
      <div role="status" aria-live="polite" class="cl-form__status">
        {status}
      </div>
      {form.kind === 'add' ? (
        <TaskForm
          draftKey={draftKey('task', leadId)}
          now={now}
          save={create}
          onSaved={(saved) => {
            keep(saved);
            onWrote?.();
            setForm({ kind: 'none' });
            setStatus(strings.added);
          }}
          onCancel={() => setForm({ kind: 'none' })}
        />
      ) : null}
      <OpenFormButton
        open={form.kind === 'add'}
        onClick={(event) => {
          setStatus('');
          focusReturn.remember(event);
          setForm({ kind: 'add' });
        }}
      >
        {strings.add}
      </OpenFormButton>
    </section>
  );
}
