// On-demand LinkedIn reader (profile or company page), run only when the user opens the panel on the
// tab: scripting.executeScript({ target: { tabId }, files: ['/linkedin-reader.js'] }). Reads the
// DOM and returns the PageSnapshot (or null); injects nothing, listens to nothing.
import { defineUnlistedScript } from '#imports';
import { readLinkedIn } from '@/utils/detect/linkedin';
import type { PageSnapshot } from '@/utils/page-snapshot';

export default defineUnlistedScript((): PageSnapshot | null => {
  try {
    return readLinkedIn(document, new URL(location.href));
  } catch {
    return null;
  }
});
