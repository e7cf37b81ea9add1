// The sanitizer in real Chromium (happy-dom parses differently: it drops <dialog>, for one). The
// module is bundled as it ships, run on a plain page with the panel's stylesheet, and fed a corpus
// of known mutation-XSS and UI-redress payloads (written for this test from the published
// techniques: namespace confusion, noscript/style/template re-parsing, clobbering, top-layer
// elements, overlays). Each output must run nothing, keep nothing forbidden, be a fixed point
// (sanitizing it again changes nothing, so re-parsing cannot mutate it) and stay inside its box.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Script payloads: each would call alert() or set window.__pwned if it ran. */
const MXSS: Record<string, string> = {
  'noscript title breakout': '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p>',
  'svg style namespace confusion':
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>"></style></svg>',
  'math mglyph style comment':
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
  'nested form namespace switch':
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  'math mi table style': '<math><mi><table><mi><style><img src=x onerror=alert(1)>',
  'svg animate onbegin': '<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>',
  'template content': '<template><img src=x onerror=alert(1)></template><p>t</p>',
  'select template': '<select><template><img src=x onerror=alert(1)></template></select>',
  'xmp raw text': '<xmp><img src=x onerror=alert(1)></xmp>',
  'textarea raw text': '<textarea><img src=x onerror=alert(1)></textarea>',
  'listing entity': '<listing>&lt;img src=1 onerror=alert(1)&gt;</listing>',
  'entity javascript href': '<a href="&#x6a;avascript:alert(1)">x</a>',
  'tab in scheme': '<a href="javas&#x09;cript:alert(1)">x</a>',
  'newline in scheme': '<a href="java\nscript:alert(1)">x</a>',
  'data html link': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  'iframe srcdoc': '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  'object data': '<object data="javascript:alert(1)"></object>',
  'embed src': '<embed src="javascript:alert(1)">',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'details ontoggle': '<details open ontoggle=alert(1)><summary>s</summary></details>',
  'video source onerror': '<video><source onerror=alert(1)></video>',
  'img onerror backtick': '<img src=`x` onerror=alert(1)>',
  'svg script href': '<svg><a xlink:href="javascript:alert(1)"><text x=0 y=20>x</text></a></svg>',
  'math href': '<math href="javascript:alert(1)">x</math>',
  'style import': "<style>@import 'https://evil.example/x.css';</style><p>s</p>",
  'base hijack': '<base href="javascript:alert(1)//"><a href="/x">x</a>',
  'custom element is': '<p is="x-evil" onclick=alert(1)>p</p>',
  'unclosed comment': '<!--<img src=x onerror=alert(1)>--!><img src=x onerror=alert(1)>',
  'cdata in html': '<![CDATA[><img src=x onerror=alert(1)>]]>',
  frameset: '<frameset onload=alert(1)>',
};

/** UI redress: things that would draw over the panel, take input or act on a click. */
const REDRESS: Record<string, string> = {
  'dialog open':
    '<dialog open><p>Session expired — sign in again</p><form><input type=password name=pw><button>Sign in</button></form></dialog>',
  popover: '<div popover id=p>Sign in again</div><button popovertarget=p>x</button>',
  'invoker command':
    '<dialog id=d>fake</dialog><button commandfor=d command=show-modal>open</button>',
  'fixed overlay': '<p style="position:fixed;inset:0;background:#fff;z-index:99999">Sign in</p>',
  'absolute offset':
    '<div style="position:absolute;top:-400px;left:-400px;width:2000px;height:2000px">x</div>',
  download: '<a download="invoice.pdf.exe" href="https://evil.example/x">invoice</a>',
  'named image clobbering':
    '<img name="getElementById"><img name="cookie"><form name="body"></form>',
  'id clobbering': '<a id="__closeLookConfig" href="https://evil.example/">x</a>',
  'form parts':
    '<fieldset><legend>Login</legend><label>Password <input type=password></label><output>o</output><select><option>a</option></select></fieldset>',
  'accesskey and autofocus':
    '<a accesskey="s" href="https://evil.example/">s</a><div autofocus tabindex=0>f</div>',
  contenteditable: '<div contenteditable>edit me</div>',
  'huge table': '<table width="20000" height="20000"><tr><td>wide</td></tr></table>',
  'huge image':
    '<img width="20000" height="20000" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
  'css background': '<table background="https://evil.example/t.gif"><tr><td>t</td></tr></table>',
  'remote image srcset': '<img srcset="https://evil.example/t.gif 1x">',
};

const FORBIDDEN_SELECTOR =
  'script,style,iframe,frame,object,embed,form,input,button,select,textarea,option,fieldset,legend,label,output,dialog,template,svg,math,base,meta,link,[popover],[popovertarget],[commandfor],[download],[name],[id],[style],[accesskey],[autofocus],[contenteditable],[tabindex],[srcset],[is]:not([is=""])';
// (`is=""` is what DOMPurify leaves: Chromium keeps serializing an element's "is value", and an
// empty one names no custom element.)

interface Outcome {
  html: string;
  /** Whether sanitizing the rendered output again gives the same tree (attribute order aside). */
  stable: boolean;
  forbidden: string[];
  handlers: string[];
  badUrls: string[];
  escaped: boolean;
  openDialogs: number;
}

let browser: Browser;
let page: Page;
const alerts: string[] = [];

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [resolve(ROOT, 'utils/sanitize-html.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'CloseLookSanitizer',
    write: false,
    platform: 'browser',
    target: 'chrome116',
    logLevel: 'silent',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox'],
  });
  page = await browser.newPage({ viewport: { width: 400, height: 700 } });
  page.on('dialog', (dialog) => {
    alerts.push(dialog.message());
    void dialog.dismiss();
  });
  await page.setContent(
    '<!doctype html><html><body><main><p id="above">Panel text</p><div id="box" class="cl-rich"></div><p id="below">More panel</p></main></body></html>',
  );
  await page.addStyleTag({ content: readFileSync(resolve(ROOT, 'components/panel.css'), 'utf8') });
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function render(dirty: string): Promise<Outcome> {
  return page.evaluate(
    ({ dirty, forbiddenSelector }) => {
      const api = (
        window as unknown as { CloseLookSanitizer: typeof import('@/utils/sanitize-html') }
      ).CloseLookSanitizer;
      const box = document.getElementById('box') as HTMLElement;
      const html = api.sanitizeHtml(dirty);
      box.innerHTML = html;
      const parse = (markup: string) => {
        const template = document.createElement('template');
        template.innerHTML = markup;
        return template.content;
      };
      const stable = parse(api.sanitizeHtml(box.innerHTML)).isEqualNode(parse(html));
      const all = Array.from(box.querySelectorAll('*'));
      const boxRect = box.getBoundingClientRect();
      // Anything from the email that is hit outside the box (above or below it) has escaped.
      let escaped = false;
      for (let x = 2; x < window.innerWidth; x += 20) {
        for (let y = 2; y < window.innerHeight; y += 20) {
          const inside =
            x >= boxRect.left && x <= boxRect.right && y >= boxRect.top && y <= boxRect.bottom;
          const hit = document.elementFromPoint(x, y);
          if (!inside && hit && box.contains(hit) && hit !== box) escaped = true;
        }
      }
      return {
        html,
        stable,
        forbidden: all.filter((el) => el.matches(forbiddenSelector)).map((el) => el.outerHTML),
        handlers: all.flatMap((el) => el.getAttributeNames().filter((n) => /^on/i.test(n))),
        badUrls: all
          .flatMap((el) =>
            ['href', 'src', 'action', 'background', 'poster', 'data'].map((a) =>
              el.getAttribute(a),
            ),
          )
          .filter(
            (v): v is string =>
              v !== null && !/^(?:https?:|mailto:|tel:|#|data:image\/)/i.test(v.trim()),
          ),
        escaped,
        openDialogs: document.querySelectorAll('dialog[open], :popover-open').length,
      };
    },
    { dirty, forbiddenSelector: FORBIDDEN_SELECTOR },
  );
}

describe('the sanitizer in Chromium', () => {
  it.each(Object.entries(MXSS))('neutralizes %s', async (_name, payload) => {
    const out = await render(payload);
    await page.waitForTimeout(50); // let an onerror/onbegin fire if one survived
    expect(out.forbidden).toEqual([]);
    expect(out.handlers).toEqual([]);
    expect(out.badUrls).toEqual([]);
    expect(out.stable).toBe(true);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
    ).toBeUndefined();
    expect(alerts).toEqual([]);
  });

  it.each(Object.entries(REDRESS))('keeps %s inside the rich-text box', async (_name, payload) => {
    const out = await render(payload);
    expect(out.forbidden).toEqual([]);
    expect(out.openDialogs).toBe(0);
    expect(out.escaped).toBe(false);
    expect(out.stable).toBe(true);
  });

  it('keeps ordinary formatting and safe links', async () => {
    const out = await render(
      '<p>Hi <b>Ada</b>, see <a href="https://ok.example/q?a=1&b=2">the plan</a> or <a href="mailto:a@b.example">mail</a>.</p><ul><li>one</li></ul><table><tr><td>cell</td></tr></table>',
    );
    expect(out.html).toContain('<b>Ada</b>');
    expect(out.html).toContain('href="https://ok.example/q?a=1&amp;b=2"');
    expect(out.html).toContain('href="mailto:a@b.example"');
    expect(out.html).toContain('<li>one</li>');
    expect(out.html).toContain('<td>cell</td>');
  });

  it('tells remote images from the parsed tree, including ones a regex would miss', async () => {
    const seen = await page.evaluate(() => {
      const api = (
        window as unknown as { CloseLookSanitizer: typeof import('@/utils/sanitize-html') }
      ).CloseLookSanitizer;
      return {
        plain: api.hasRemoteImages('<img src="https://t.example/p.gif">'),
        unquotedUpper: api.hasRemoteImages('<IMG\nSRC=HTTPS://t.example/p.gif>'),
        inAttribute: api.hasRemoteImages('<p title="<img src=https://t.example/p.gif>">x</p>'),
        inline: api.hasRemoteImages('<img src="data:image/png;base64,AAAA">'),
        none: api.hasRemoteImages('<p>no images</p>'),
      };
    });
    expect(seen).toEqual({
      plain: true,
      unquotedUpper: true,
      inAttribute: false,
      inline: false,
      none: false,
    });
  });
});
