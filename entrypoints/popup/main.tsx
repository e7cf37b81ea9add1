import { render } from 'preact';
import { PopupApp } from '@/entrypoints/popup/App';
import '@/components/panel.css';

render(<PopupApp />, document.getElementById('app') as HTMLElement);
