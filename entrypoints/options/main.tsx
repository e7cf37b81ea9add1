import { render } from 'preact';
import { OptionsApp } from '@/entrypoints/options/App';
import '@/components/panel.css';

render(<OptionsApp />, document.getElementById('app') as HTMLElement);
