// Notes: list by lead, get, create (plain text or HTML wrapped in <body> as Close expects) and update.
import type { CloseHttp, JsonBody } from '@/utils/close/http';
import {
  mapNote,
  mapPage,
  pageSchema,
  parseWith,
  type RawNote,
  RawNoteSchema,
} from '@/utils/close/schemas';
import type { Note, Page } from '@/utils/close/types';
import { findCreatedOnLead } from '@/utils/close/verify';
import { t } from '@/utils/i18n';

const NotePageSchema = pageSchema(RawNoteSchema);

/** Close stores rich notes as `<body>…</body>`; add the wrapper unless it is there. */
export function wrapNoteHtml(html: string): string {
  const trimmed = html.trim();
  return /^<body[\s>]/i.test(trimmed) && /<\/body>$/i.test(trimmed)
    ? trimmed
    : `<body>${trimmed}</body>`;
}

/** The note's content: plain text, or HTML (sent as `note_html`, which Close also turns into text). */
export type NoteContent = { text: string; html?: undefined } | { html: string; text?: undefined };

function contentBody(content: NoteContent): JsonBody {
  return content.html !== undefined
    ? { note_html: wrapNoteHtml(content.html) }
    : { note: content.text };
}

export interface ListNotesInput {
  leadId: string;
  limit?: number;
  skip?: number;
}

export async function listNotes(http: CloseHttp, input: ListNotesInput): Promise<Page<Note>> {
  const raw = await http.get('activity/note/', {
    query: {
      lead_id: input.leadId,
      _limit: Math.min(100, Math.max(1, input.limit ?? 50)),
      _skip: input.skip ?? 0,
    },
  });
  return mapPage(parseWith(NotePageSchema, raw, t('closeWhatNotes')), mapNote);
}

export async function getNote(http: CloseHttp, id: string): Promise<Note> {
  const raw = await http.get(`activity/note/${encodeURIComponent(id)}/`);
  return mapNote(parseWith(RawNoteSchema, raw, t('closeWhatNote')));
}

function sameContent(raw: RawNote, content: NoteContent): boolean {
  if (content.html !== undefined) {
    return raw.note_html.replace(/\s+/g, '') === wrapNoteHtml(content.html).replace(/\s+/g, '');
  }
  return raw.note.trim() === content.text.trim();
}

export type CreateNoteInput = { leadId: string; contactId?: string } & NoteContent;

function noteContent(input: CreateNoteInput): NoteContent {
  return input.html !== undefined ? { html: input.html } : { text: input.text ?? '' };
}

/**
 * The note a create sent at `sentAt` (Close's clock) made, if Close has it: the lead's notes
 * since then with the same content (a plain list, so nothing found means not created).
 */
function findCreatedNoteRaw(
  http: CloseHttp,
  input: CreateNoteInput,
  sentAt: number,
): Promise<RawNote | undefined> {
  const content = noteContent(input);
  return findCreatedOnLead(
    http,
    'activity/note/',
    input.leadId,
    sentAt,
    (page) => parseWith(NotePageSchema, page, t('closeWhatLeadsNotes')).data,
    (note) => sameContent(note, content),
  );
}

/** For the write journal: the note a lost create made, or undefined when Close has none. */
export async function findCreatedNote(
  http: CloseHttp,
  input: CreateNoteInput,
  sentAt: number,
): Promise<Note | undefined> {
  const raw = await findCreatedNoteRaw(http, input, sentAt);
  return raw && mapNote(raw);
}

/** For the write journal: the note if it already has `content` (the update landed), else undefined. */
export async function findUpdatedNote(
  http: CloseHttp,
  id: string,
  content: NoteContent,
): Promise<Note | undefined> {
  const current = parseWith(
    RawNoteSchema,
    await http.get(`activity/note/${encodeURIComponent(id)}/`),
    t('closeWhatNote'),
  );
  return sameContent(current, content) ? mapNote(current) : undefined;
}

export async function createNote(http: CloseHttp, input: CreateNoteInput): Promise<Note> {
  const content = noteContent(input);
  const body: JsonBody = { lead_id: input.leadId, ...contentBody(content) };
  if (input.contactId) body.contact_id = input.contactId;
  const raw = await http.post('activity/note/', body, {
    verify: ({ sentAt }) => findCreatedNoteRaw(http, input, sentAt),
    // Whether a new note is in the list at once is not documented: not seeing it proves nothing.
    absenceIsCertain: false,
  });
  return mapNote(parseWith(RawNoteSchema, raw, t('closeWhatNewNote')));
}

export async function updateNote(http: CloseHttp, id: string, content: NoteContent): Promise<Note> {
  const body = contentBody(content);
  const raw = await http.put(`activity/note/${encodeURIComponent(id)}/`, body, {
    // Read back and compare the content ourselves: Close rewrites one of note/note_html.
    verify: async () => {
      const current = parseWith(
        RawNoteSchema,
        await http.get(`activity/note/${encodeURIComponent(id)}/`),
        t('closeWhatNote'),
      );
      return sameContent(current, content) ? current : undefined;
    },
  });
  return mapNote(parseWith(RawNoteSchema, raw, t('closeWhatUpdatedNote')));
}

export async function deleteNote(http: CloseHttp, id: string): Promise<void> {
  await http.delete(`activity/note/${encodeURIComponent(id)}/`);
}
