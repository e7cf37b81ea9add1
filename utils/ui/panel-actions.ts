// The panel's actions as background messages: the only way extension pages reach Close.
import type { PanelActions } from '@/components/panel-model';
import { sendMessage } from '../messaging';
import { openOptionsPage } from './connection-signal';

export function createPanelActions(retryLookup: () => void): PanelActions {
  return {
    addNote: (leadId, text) => sendMessage('ui:addNote', { leadId, text }),
    updateNote: (noteId, text) => sendMessage('ui:updateNote', { noteId, text }),
    updateLead: (leadId, patch) => sendMessage('ui:updateLead', { leadId, patch }),
    createContact: (leadId, input) => sendMessage('ui:createContact', { leadId, input }),
    updateContact: (contactId, patch) => sendMessage('ui:updateContact', { contactId, patch }),
    createOpportunity: (input) => sendMessage('ui:createOpportunity', { input }),
    updateOpportunity: (opportunityId, patch) =>
      sendMessage('ui:updateOpportunity', { opportunityId, patch }),
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
