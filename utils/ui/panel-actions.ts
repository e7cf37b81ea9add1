// The panel's actions as background messages: the only way extension pages reach Close. Every
// action and form input type is derived from the message schemas in utils/messaging.ts.
import {
  type MessageInput,
  type MessageOutputs,
  PANEL_MESSAGES,
  type PanelActionName,
  type PanelMessage,
  panelActionName,
  type SendArgs,
  sendMessage,
} from '@/utils/messaging';
import { openOptionsPage } from '@/utils/ui/connection-signal';

/** One method per panel message (`ui:addNote` → `addNote(input)`), plus two local ones. */
export type PanelActions = {
  [N in PanelMessage as PanelActionName<N>]: (...input: SendArgs<N>) => Promise<MessageOutputs[N]>;
} & {
  /** Runs the page look-up again ("Try again"). */
  retryLookup(): void;
  /** Opens the options page to connect an account. */
  openOptions(): void;
};

/** What the lead edit form sends. Custom field values by field id (cf_...); null unsets. */
export type LeadPatch = MessageInput<'ui:updateLead'>['patch'];
/** What the contact form sends. */
export type ContactInput = MessageInput<'ui:createContact'>['input'];
export type ContactPatch = MessageInput<'ui:updateContact'>['patch'];
/** What the opportunity form sends; `value` in cents, `confidence` 0–100. */
export type OpportunityInput = MessageInput<'ui:createOpportunity'>['input'];
export type OpportunityPatch = MessageInput<'ui:updateOpportunity'>['patch'];
/** What "Create lead" sends. */
export type CreateLeadInput = MessageInput<'ui:createLead'>;
/** What to look for before creating a lead. */
export type DuplicateQuery = MessageInput<'ui:findDuplicates'>;

export function createPanelActions(retryLookup: () => void): PanelActions {
  const send = Object.fromEntries(
    PANEL_MESSAGES.map((name) => [
      panelActionName(name),
      (input?: unknown) => sendMessage(name, input as never),
    ]),
  ) as Omit<PanelActions, 'retryLookup' | 'openOptions'>;
  return { ...send, retryLookup, openOptions: openOptionsPage };
}
