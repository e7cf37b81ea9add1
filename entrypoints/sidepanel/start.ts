// Imported first by main.tsx: asks for the connection and the tab's view while the rest of the
// panel's modules are still being evaluated, so the answers are there for the first render
// instead of being asked for after it (effects wait for a painted frame).
import { watchConnection } from '@/utils/ui/connection-signal';
import { followTab } from '@/utils/ui/tab-view-signal';

watchConnection();
followTab(location.search);
