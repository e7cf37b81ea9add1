import '@/entrypoints/sidepanel/start';
import { render } from 'preact';
import { SidePanelApp } from '@/entrypoints/sidepanel/App';
import '@/components/panel.css';

render(<SidePanelApp />, document.getElementById('app') as HTMLElement);
