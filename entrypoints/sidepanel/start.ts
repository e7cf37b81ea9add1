// Imported first by main.tsx: asks for the connection and the tab's view while the rest of the
// panel's modules are still being evaluated, so the answers are there for the first render
// instead of being asked for after it (effects wait for a painted frame). What storage.session
// holds for the first screen is read in one call (utils/ui/first-read.ts).
import { watchConnection } from '@/utils/ui/connection-signal';
import { readFirstScreen } from '@/utils/ui/first-read';
import { followTab } from '@/utils/ui/tab-view-signal';

export const firstScreen = readFirstScreen(location.search);
watchConnection(firstScreen);
followTab(location.search, firstScreen);
