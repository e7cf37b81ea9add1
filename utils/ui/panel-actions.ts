// The panel's actions as background messages: the only way extension pages reach Close.
import type { PanelActions } from '@/components/panel-model';
import { sendMessage } from '../messaging';
import { openOptionsPage } from './connection-signal';

export function createPanelActions(retryLookup: () => void): PanelActions {
  return {
    addNote: (leadId, text, write) => sendMessage('ui:addNote', { leadId, text, write }),
    updateNote: (noteId, text, write) => sendMessage('ui:updateNote', { noteId, text, write }),
    updateLead: (leadId, patch, write) => sendMessage('ui:updateLead', { leadId, patch, write }),
    createContact: (leadId, input, write) =>
      sendMessage('ui:createContact', { leadId, input, write }),
    updateContact: (contactId, patch, write) =>
      sendMessage('ui:updateContact', { contactId, patch, write }),
    createOpportunity: (input, write) => sendMessage('ui:createOpportunity', { input, write }),
    updateOpportunity: (opportunityId, patch, write) =>
      sendMessage('ui:updateOpportunity', { opportunityId, patch, write }),
    createLead: (input) => sendMessage('ui:createLead', input),
    findDuplicates: (input) => sendMessage('ui:findDuplicates', input),
    search: (query, cursor) => sendMessage('ui:search', { query, cursor }),
    loadActivities: (leadId, cursor) => sendMessage('ui:loadActivities', { leadId, cursor }),
    getEmail: (emailId) => sendMessage('ui:getEmail', { emailId }),
    loadLead: (leadId) => sendMessage('ui:loadLead', { leadId }),
    loadLeadStatuses: () => sendMessage('ui:loadLeadStatuses'),
    loadPipelines: () => sendMessage('ui:loadPipelines'),
    loadLeadCustomFields: () => sendMessage('ui:loadLeadCustomFields'),
    retryLookup,
    openOptions: openOptionsPage,
  };
}
