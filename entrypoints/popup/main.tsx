import { render } from 'preact';

render(<p>Close Look</p>, document.getElementById('app') as HTMLElement);
