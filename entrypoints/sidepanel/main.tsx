import './start';
import { render } from 'preact';
import { SidePanelApp } from './App';
import '@/components/panel.css';

render(<SidePanelApp />, document.getElementById('app') as HTMLElement);
