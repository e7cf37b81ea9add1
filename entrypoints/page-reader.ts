// On-demand company-website reader. The background runs it with
// scripting.executeScript({ target: { tabId }, files: ['/page-reader.js'] }); the script's completion
// value (this function's return) is the PageSnapshot, or null. No listeners, nothing left behind.
import { defineUnlistedScript } from '#imports';
import { readWebsite } from '@/utils/detect/website';
import type { PageSnapshot } from '@/utils/page-snapshot';

export default defineUnlistedScript((): PageSnapshot | null => {
  try {
    return readWebsite(document, new URL(location.href));
  } catch {
    return null;
  }
});
