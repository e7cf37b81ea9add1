// One open task: tick it done, its due day (overdue marked), Edit and the edit form. A tick goes
// through the write journal like any save: a lost answer is looked up, never ticked twice blindly.
import { useContext } from 'preact/hooks';
import { errorText } from '@/components/error-text';
import { OrganizationScope } from '@/components/organization-scope';
import { TaskForm } from '@/components/TaskForm';
import { useAction } from '@/components/use-action';
import { useWrite } from '@/components/use-write';
import { WriteStatus } from '@/components/WriteStatus';
import type { Task } from '@/utils/close/types';
import { draftKey, scopedDraftKey } from '@/utils/drafts';
import { formatDate, formatDateTime } from '@/utils/format';
import { t } from '@/utils/i18n';
import { isOverdue } from '@/utils/task-days';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  edit: t('commonEdit'),
  editLabel: (text: string) => t('taskListEditLabel', text),
  doneLabel: (text: string) => t('taskListDone', text),
  due: (day: string) => t('taskListDue', day),
  overdue: (day: string) => t('taskListOverdue', day),
  noDue: t('taskListNoDue'),
  notDone: t('taskListNotDone'),
} as const;

export type TaskPatch = { text?: string; due?: string | null; isComplete?: boolean };

export interface TaskItemProps {
  task: Task;
  leadId: string;
  now: () => number;
  editing: boolean;
  /** Opens or closes the edit form. */
  onEdit: (event: Event) => void;
  /** Closes the edit form (Esc, Cancel); its draft stays. */
  onCloseEdit: () => void;
  update: (patch: TaskPatch, write: WriteMeta) => Promise<Task>;
  /** Close answered a tick (`ticked`) or an edit with the task as it has it now. */
  onSaved: (task: Task, ticked: boolean) => void;
  /** Close has an edit whose answer this page lost (a check found it; ticks: TaskList). */
  onSavedElsewhere: () => void;
}

function dueText(task: Task, now: number): string {
  if (!task.due) return strings.noDue;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(task.due)
    ? formatDate(task.due)
    : formatDateTime(task.due);
  return isOverdue(task.due, now) ? strings.overdue(day) : strings.due(day);
}

export function TaskItem(props: TaskItemProps) {
  const { task, leadId, now, editing } = props;
  const organizationId = useContext(OrganizationScope);
  // A tick has no draft: its key only ties the journal's entry to this task's checkbox.
  const tickKey = scopedDraftKey(organizationId, draftKey('task-done', task.id));
  const tickWrite = useWrite(tickKey);
  const tickAction = useAction((meta: WriteMeta) =>
    tickWrite.guard(meta, props.update({ isComplete: true }, meta)),
  );
  const ticking = tickAction.busy || tickWrite.blocked;

  async function tick() {
    if (ticking) return;
    const done = await tickAction.run(tickWrite.begin(undefined, leadId));
    if (done) props.onSaved(done, true);
  }

  const time = now();
  const overdue = isOverdue(task.due, time);
  const tickError = tickAction.error && !tickAction.error.outcomeUnknown ? tickAction.error : null;
  return (
    <li class={`cl-task${overdue ? ' cl-task--overdue' : ''}`}>
      <input
        type="checkbox"
        class="cl-task__check"
        checked={ticking}
        disabled={ticking}
        aria-label={strings.doneLabel(task.text)}
        onChange={() => void tick()}
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
        aria-expanded={editing}
        onClick={props.onEdit}
      >
        {strings.edit}
      </button>
      {tickError ? (
        <div role="alert" class="cl-form-error">
          <p>{errorText(tickError)}</p>
        </div>
      ) : (
        <WriteStatus
          write={tickWrite}
          ownError={tickAction.error}
          onRetry={() => void tick()}
          busy={tickAction.busy}
          notSaved={strings.notDone}
        />
      )}
      {editing ? (
        <TaskForm
          draftKey={draftKey('task-edit', task.id)}
          task={task}
          leadId={leadId}
          now={now}
          save={({ text, due }, write) => props.update({ text, due }, write)}
          onSaved={(saved) => props.onSaved(saved, false)}
          onSavedElsewhere={props.onSavedElsewhere}
          onCancel={props.onCloseEdit}
        />
      ) : null}
    </li>
  );
}
