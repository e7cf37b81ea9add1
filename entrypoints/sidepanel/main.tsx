// First: the storage.session read of the first screen; then what follows it; then the page.
import '@/entrypoints/sidepanel/first-screen';
import '@/entrypoints/sidepanel/start';
import { render } from 'preact';
import { SidePanelApp } from '@/entrypoints/sidepanel/App';
import { warmFormatters } from '@/utils/format';
import '@/components/panel.css';

render(<SidePanelApp />, document.getElementById('app') as HTMLElement);
// While the first read is on its way: the locale check and the Intl formatters a lead card uses
// are built now rather than inside the render that shows it.
warmFormatters();
