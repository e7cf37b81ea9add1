// Adds a note to a lead, or edits an existing one; keeps the text as a draft until Close saves it.
import { useState } from 'preact/hooks';
import { closeOnEscape } from '@/components/close-on-escape';
import { TextField } from '@/components/TextField';
import { fieldError, submitOnModEnter, useAction } from '@/components/use-action';
import { useDraft } from '@/components/use-draft';
import { useWrite } from '@/components/use-write';
import { WriteFormFooter } from '@/components/WriteFormFooter';
import type { Note } from '@/utils/close/types';
import { t } from '@/utils/i18n';
import type { WriteMeta } from '@/utils/write-journal';

const strings = {
  label: t('commonNote'),
  add: t('noteFormAdd'),
  save: t('noteFormSave'),
  saving: t('commonSaving'),
  cancel: t('commonCancel'),
  empty: t('noteFormEmpty'),
  hint: t('noteFormHint'),
  added: t('noteFormAdded'),
  updated: t('noteFormUpdated'),
  restored: t('noteFormRestored'),
  recordChanged: t('formRecordChanged'),
} as const;

export interface NoteFormProps {
  /** Where the draft lives, e.g. draftKey('note', lead.id) or draftKey('note-edit', note.id). */
  draftKey: string;
  /** The note being edited; a new note when absent. */
  note?: Note;
  /** `write`: the journal details (useWrite) to send with the note. */
  save: (text: string, write: WriteMeta) => Promise<Note>;
  /** The note's lead, for the "look in Close" link when Close may already have it. */
  leadId?: string;
  /** `stillEditing`: the user typed while it saved, and that newer text is still in the box. */
  onSaved?: (note: Note, stillEditing: boolean) => void;
  /** The background saved it though this form lost Close's answer (the worker stopped). */
  onSavedElsewhere?: () => void;
  onCancel?: () => void;
}

export function NoteForm({
  draftKey,
  note,
  save,
  leadId,
  onSaved,
  onSavedElsewhere,
  onCancel,
}: NoteFormProps) {
  const draft = useDraft(draftKey, note?.note ?? '');
  const write = useWrite(draft.key, onSavedElsewhere);
  const action = useAction((text: string, meta: WriteMeta) => write.guard(meta, save(text, meta)));
  const [localError, setLocalError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  async function submit(event?: Event) {
    event?.preventDefault();
    const submitted = draft.value;
    const text = submitted.trim();
    if (!text) {
      setLocalError(strings.empty);
      return;
    }
    if (write.blocked) return;
    setLocalError(undefined);
    setDone(null);
    // In storage before it leaves: whatever dies next, the text is there until Close has it.
    await draft.flush();
    const saved = await action.run(text, write.begin(submitted, leadId));
    if (!saved) return;
    // Text typed while it saved stays (as a draft) instead of being wiped with what was sent.
    // A new note keeps only what was typed after the saved text, so the next click does not post
    // the saved note again.
    const reset = await draft.settle(
      submitted,
      note ? saved.note : '',
      note
        ? undefined
        : (newer) =>
            newer.startsWith(submitted) ? newer.slice(submitted.length).trimStart() : newer,
    );
    setDone(note ? strings.updated : strings.added);
    onSaved?.(saved, !reset);
  }

  const error = localError ?? fieldError(action.error, 'note', 'note_html', 'text');
  return (
    <form
      class="cl-form cl-note-form"
      onSubmit={submit}
      onKeyDown={closeOnEscape(draft.flush, onCancel)}
      noValidate
    >
      {note && draft.recordChanged ? (
        <p class="cl-hint" role="status">
          {strings.recordChanged}
        </p>
      ) : null}
      <TextField
        label={strings.label}
        error={error}
        hint={strings.hint}
        rows={3}
        value={draft.value}
        onValue={(text) => {
          draft.setValue(text);
          if (done) setDone(null);
        }}
        onBlur={() => void draft.flush()}
        onKeyDown={submitOnModEnter}
      />
      <WriteFormFooter
        error={action.error}
        shownAtField={!!error}
        write={write}
        busy={action.busy}
        onRetry={() => void submit()}
        submitLabel={action.busy ? strings.saving : note ? strings.save : strings.add}
        cancelLabel={strings.cancel}
        onCancel={onCancel}
      >
        <span role="status" aria-live="polite" class="cl-form__status">
          {done ?? (draft.restored ? strings.restored : '')}
        </span>
      </WriteFormFooter>
    </form>
  );
}
