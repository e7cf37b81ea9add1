// Imported by main.tsx right after first-screen.ts: follows the connection and the tab's view from
// the storage.session read already on its way, so the answers are there for the first render
// instead of being asked for after it (effects wait for a painted frame).
import { firstScreen } from '@/entrypoints/sidepanel/first-screen';
import { watchConnection } from '@/utils/ui/connection-signal';
import { followTab } from '@/utils/ui/tab-view-signal';

watchConnection(firstScreen);
followTab(location.search, firstScreen);
