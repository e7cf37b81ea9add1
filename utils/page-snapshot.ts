// What a content script (or the on-demand page reader) saw on a page, and its schema.
import * as v from 'valibot';
import { EMAIL_SHAPE } from '@/utils/email-shape';
import { t } from '@/utils/i18n';

const MAX_PEOPLE = 500;
const text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));

export const PagePersonSchema = v.object({
  /** Lower-cased email address, when the page showed one (punycode domains included). */
  email: v.optional(
    v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.regex(EMAIL_SHAPE)),
  ),
  name: v.optional(text(200)),
  /** Where on the page the person appeared. */
  role: v.optional(v.picklist(['from', 'to', 'cc', 'bcc', 'hover', 'page', 'profile'])),
  /** A recipient of the email the user is writing (Gmail compose), and in which field. */
  writing: v.optional(v.picklist(['to', 'cc', 'bcc'])),
});
export type PagePerson = v.InferOutput<typeof PagePersonSchema>;

export const PageSnapshotSchema = v.object({
  source: v.picklist([
    'gmail',
    'outlook',
    'linkedin-profile',
    'linkedin-company',
    'website',
    'selection',
  ]),
  url: v.pipe(
    v.string(),
    v.maxLength(4096),
    v.url(),
    v.regex(/^https?:\/\//, t('pageSnapshotNotWebPage')),
  ),
  /** A short title for the context (thread subject, profile name, page title). */
  title: v.optional(text(500)),
  people: v.pipe(v.array(PagePersonSchema), v.maxLength(MAX_PEOPLE)),
  company: v.optional(
    v.object({
      name: v.optional(text(300)),
      description: v.optional(text(2000)),
      /** The company's own website as the page states it (LinkedIn company "Website", JSON-LD url). */
      website: v.optional(text(2048)),
      canonicalUrl: v.optional(text(2048)),
      /** A page hosted on a platform (GitHub, Medium…): shown as "on GitHub: acme". */
      platform: v.optional(v.object({ name: text(60), account: v.optional(text(200)) })),
    }),
  ),
  person: v.optional(
    v.object({
      name: text(200),
      headline: v.optional(text(500)),
      company: v.optional(text(300)),
      profileUrl: v.optional(text(2048)),
    }),
  ),
  /** The signed-in user's own addresses seen on the page (never looked up). */
  ownEmails: v.optional(v.pipe(v.array(v.pipe(v.string(), v.toLowerCase())), v.maxLength(20))),
});
export type PageSnapshot = v.InferOutput<typeof PageSnapshotSchema>;
export type PageSnapshotInput = v.InferInput<typeof PageSnapshotSchema>;
