// Email activities: one message with subject, bodies, sender, recipients, status and direction.
import type { CloseHttp } from '@/utils/close/http';
import { mapEmailMessage, parseWith, RawEmailMessageSchema } from '@/utils/close/schemas';
import type { EmailMessage } from '@/utils/close/types';
import { t } from '@/utils/i18n';

export async function getEmail(http: CloseHttp, id: string): Promise<EmailMessage> {
  const raw = await http.get(`activity/email/${encodeURIComponent(id)}/`);
  return mapEmailMessage(parseWith(RawEmailMessageSchema, raw, t('closeWhatEmail')));
}
