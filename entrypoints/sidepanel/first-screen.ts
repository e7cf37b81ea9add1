// Imported first by main.tsx, and importing only leaf modules (the browser namespace, the storage
// keys): the storage.session read the first screen needs is issued before any other module of the
// panel is evaluated, so it is answered while they are (and before the reads other modules' start-up
// issues, which the browser would otherwise answer first). See utils/ui/first-read.ts.
import { readFirstScreen } from '@/utils/ui/first-read';

export const firstScreen = readFirstScreen(location.search);
