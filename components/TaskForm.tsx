// Adds a follow-up task (what to do, due day with presets) or edits one; the text and day stay a
// draft until Close saves them (through the write journal, like a note), and Esc closes the form
// without losing that draft.
import { useState } from 'preact/hooks';
import { TextField } from '@/components/TextField';
import { fieldError, useAction } from '@/components/use-action';
import { useDraft } from '@/components/use-draft';
import { useWrite } from '@/components/use-write';
import { WriteFormFooter } from '@/components/WriteFormFooter';
import type { Task } from '@/utils/close/types';
import { t } from '@/utils/i18n';
import { addDays, localDay } from '@/utils/task-days';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  text: t('taskFormText'),
  due: t('taskFormDue'),
  presets: t('taskFormPresets'),
  tomorrow: t('taskFormTomorrow'),
  inThreeDays: t('taskFormInThreeDays'),
  nextWeek: t('taskFormNextWeek'),
  add: t('commonAddTask'),
  save: t('taskFormSave'),
  saving: t('commonSaving'),
  cancel: t('commonCancel'),
  empty: t('taskFormEmpty'),
  restored: t('taskFormRestored'),
} as const;

export interface TaskDraft {
  text: string;
  /** `YYYY-MM-DD`, or '' for no due day. */
  due: string;
}

export interface TaskFormProps {
  /** draftKey('task', lead.id) or draftKey('task-edit', task.id). */
  draftKey: string;
  /** The task being edited; a new task when absent. */
  task?: Task;
  /** The task's lead, for the "look in Close" link when Close may already have it. */
  leadId: string;
  /** `write`: the journal details (useWrite) to send with the task. */
  save: (draft: { text: string; due: string | null }, write: WriteMeta) => Promise<Task>;
  onSaved: (task: Task) => void;
  /** The background saved it though this form lost Close's answer (the worker stopped). */
  onSavedElsewhere?: () => void;
  /** Closes the form; the draft stays for next time. */
  onCancel: () => void;
  now?: () => number;
}

export function TaskForm({
  draftKey,
  task,
  leadId,
  save,
  onSaved,
  onSavedElsewhere,
  onCancel,
  now = Date.now,
}: TaskFormProps) {
  const today = localDay(new Date(now()));
  const draft = useDraft<TaskDraft>(draftKey, {
    text: task?.text ?? '',
    due: task ? (task.due?.slice(0, 10) ?? '') : addDays(today, 1),
  });
  const write = useWrite(draft.key, onSavedElsewhere);
  const action = useAction((fields: { text: string; due: string | null }, meta: WriteMeta) =>
    write.guard(meta, save(fields, meta)),
  );
  const [localError, setLocalError] = useState<string | undefined>();
  const set = (patch: Partial<TaskDraft>) => draft.setValue({ ...draft.value, ...patch });

  async function submit(event?: Event) {
    event?.preventDefault();
    const submitted = draft.value;
    const text = submitted.text.trim();
    if (!text) {
      setLocalError(strings.empty);
      return;
    }
    if (write.blocked) return;
    setLocalError(undefined);
    // In storage before it leaves: whatever dies next, the task is there until Close has it.
    await draft.flush();
    const saved = await action.run(
      { text, due: submitted.due || null },
      write.begin(submitted, leadId),
    );
    if (!saved) return;
    await draft.settle(submitted);
    onSaved(saved);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    void draft.flush().then(onCancel);
  }

  const textError = localError ?? fieldError(action.error, 'text');
  const dueError = fieldError(action.error, 'date', 'due');
  const presets: Array<[string, string]> = [
    [strings.tomorrow, addDays(today, 1)],
    [strings.inThreeDays, addDays(today, 3)],
    [strings.nextWeek, addDays(today, 7)],
  ];
  return (
    <form class="cl-form cl-task-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <TextField
        label={strings.text}
        error={textError}
        value={draft.value.text}
        onValue={(text) => set({ text })}
        onBlur={() => void draft.flush()}
        autoComplete="off"
      />
      <div class="cl-task-form__due">
        <TextField
          label={strings.due}
          error={dueError}
          type="date"
          value={draft.value.due}
          onValue={(due) => set({ due })}
          onBlur={() => void draft.flush()}
        />
        <fieldset class="cl-task-form__presets">
          <legend class="cl-visually-hidden">{strings.presets}</legend>
          {presets.map(([label, day]) => (
            <button
              key={label}
              type="button"
              class="cl-button cl-button--small"
              aria-pressed={draft.value.due === day}
              onClick={() => set({ due: day })}
            >
              {label}
            </button>
          ))}
        </fieldset>
      </div>
      <WriteFormFooter
        error={action.error}
        shownAtField={!!textError || !!dueError}
        write={write}
        busy={action.busy}
        onRetry={() => void submit()}
        submitLabel={action.busy ? strings.saving : task ? strings.save : strings.add}
        cancelLabel={strings.cancel}
        onCancel={() => void draft.flush().then(onCancel)}
      >
        <span role="status" aria-live="polite" class="cl-form__status">
          {draft.restored ? strings.restored : ''}
        </span>
      </WriteFormFooter>
    </form>
  );
}
