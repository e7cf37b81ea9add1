// A lead's open follow-up tasks: due day (overdue marked), tick done, edit, and "Add task". Every
// save goes through the write journal: a form whose save is not known to be in Close opens by
// itself on a reopened panel, and a save found by a check brings the list again from Close.
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '@/components/error-text';
import { OpenFormButton } from '@/components/OpenFormButton';
import { OrganizationScope } from '@/components/organization-scope';
import { oldestPending } from '@/components/pending-form';
import { TaskForm } from '@/components/TaskForm';
import { TaskItem, type TaskPatch } from '@/components/TaskItem';
import { useFocusReturn } from '@/components/use-focus-return';
import { type AppError, toAppError } from '@/utils/app-error';
import type { Task } from '@/utils/close/types';
import { draftKey, scopedDraftKey } from '@/utils/drafts';
import { t } from '@/utils/i18n';
import { bySoonest } from '@/utils/task-days';
import { journalEntries } from '@/utils/ui/write-journal-signal';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  heading: t('taskListHeading'),
  list: t('taskListOpen'),
  none: t('taskListNone'),
  loading: t('taskListLoading'),
  add: t('commonAddTask'),
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
  create: (draft: { text: string; due: string | null }, write: WriteMeta) => Promise<Task>;
  update: (taskId: string, patch: TaskPatch, write: WriteMeta) => Promise<Task>;
  /** After a task was added, changed or ticked (the lead's timeline is out of date). */
  onWrote?: () => void;
  now?: () => number;
}

type Form = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; taskId: string };

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
  const organizationId = useContext(OrganizationScope);
  /** Close's list as asked here (when the look-up brought none, or after a save found by a check). */
  const [loaded, setLoaded] = useState<Task[] | null>(null);
  /** Tasks added, changed or ticked here, by id: they win over a list that may predate them. */
  const [local, setLocal] = useState<Record<string, Task>>({});
  const scoped = (form: 'task' | 'task-edit' | 'task-done', id: string) =>
    scopedDraftKey(organizationId, draftKey(form, id));
  const tasks = withLocal(loaded ?? open ?? null, local);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [form, setForm] = useState<Form>({ kind: 'none' });
  const [status, setStatus] = useState('');
  const [attempt, setAttempt] = useState(0);
  // Esc, Cancel or a save closes a task form: focus goes back to the button that opened it.
  const focusReturn = useFocusReturn(form.kind !== 'none');

  const known = open !== undefined && attempt === 0;
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
  const shown = tasks ?? [];

  // A tick the journal knows Close has: the task leaves the list, whatever an older list says; one
  // whose answer no page saw (a check found it) is also said, once.
  const handledTicks = useRef(new Set<string>());
  const ticked = shown.flatMap((task) => {
    const entry = journalEntries.value.find(
      (e) => e.state === 'saved' && e.draftKey === scoped('task-done', task.id),
    );
    return entry ? [{ task, entry }] : [];
  });
  const tickedIds = ticked.map(({ entry }) => entry.id).join(' ');
  useEffect(() => {
    if (!tickedIds) return;
    for (const { task, entry } of ticked) {
      keep({ ...task, isComplete: true });
      if (!entry.answerUnseen || handledTicks.current.has(entry.id)) continue;
      handledTicks.current.add(entry.id);
      onWrote?.();
      setStatus(strings.ticked(task.text));
    }
  }, [tickedIds]);

  // A save the journal holds for one of these forms ("Not saved", "Close may already have this",
  // "Will be sent…") is shown without the user opening the form: it opens, once per save.
  const forms = new Map<string, Form>([
    [scoped('task', leadId), { kind: 'add' }],
    ...shown.map((task): [string, Form] => [
      scoped('task-edit', task.id),
      { kind: 'edit', taskId: task.id },
    ]),
  ]);
  const shownEntries = useRef(new Set<string>());
  const pending = oldestPending(journalEntries.value, forms, shownEntries.current);
  useEffect(() => {
    if (!pending || form.kind !== 'none') return;
    shownEntries.current.add(pending.entryId);
    setForm(pending.form);
  }, [pending?.entryId, form.kind]);

  const forget = (taskId: string) => setLocal(({ [taskId]: _gone, ...rest }) => rest);

  /** Close answered a save made here; a tick leaves an open edit form alone. */
  function savedHere(task: Task, message: string, ticked = false) {
    keep(task);
    onWrote?.();
    if (!ticked) setForm({ kind: 'none' });
    setStatus(message);
  }

  /** Close has a save whose answer was lost: its form closes and the list is asked again. */
  function savedElsewhere(message: string) {
    onWrote?.();
    setForm({ kind: 'none' });
    setStatus(message);
    setAttempt((n) => n + 1);
  }

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
            const editing = form.kind === 'edit' && form.taskId === task.id;
            return (
              <TaskItem
                key={task.id}
                task={task}
                leadId={leadId}
                now={now}
                editing={editing}
                onEdit={(event) => {
                  if (editing) return setForm({ kind: 'none' });
                  focusReturn.remember(event);
                  setForm({ kind: 'edit', taskId: task.id });
                }}
                onCloseEdit={() => setForm({ kind: 'none' })}
                update={(patch, write) => update(task.id, patch, write)}
                onSaved={(savedTask, ticked) =>
                  savedHere(savedTask, ticked ? strings.ticked(task.text) : strings.saved, ticked)
                }
                onSavedElsewhere={() => {
                  // Close's list shows the new version.
                  forget(task.id);
                  savedElsewhere(strings.saved);
                }}
              />
            );
          })}
        </ul>
      ) : null}
      <div role="status" aria-live="polite" class="cl-form__status">
        {status}
      </div>
      {form.kind === 'add' ? (
        <TaskForm
          draftKey={draftKey('task', leadId)}
          leadId={leadId}
          now={now}
          save={create}
          onSaved={(savedTask) => savedHere(savedTask, strings.added)}
          onSavedElsewhere={() => savedElsewhere(strings.added)}
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
