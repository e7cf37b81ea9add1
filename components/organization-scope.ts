// The Close organization the panel shows: data cached in the page (lead statuses, pipelines,
// custom fields, activity) belongs to one organization and is looked up under its id.
import { createContext } from 'preact';

/** The active organization's id; '' outside a connected panel. */
export const OrganizationScope = createContext<string>('');
