// The Dockwise docs widget. One tag does everything:
//
//   <script type="module" src=".../dockwise-widget.js"></script>        registers <dockwise-review>
//   <script type="module" src=".../dockwise-widget.js" data-auto></script>  and upgrades every Dockerfile block
//
// <dockwise-review> reviews the Dockerfile in its text content (or `src`: a URL to fetch) and shows it with the
// findings underlined (the message on hover or focus), a compact list of findings, and on request the rewritten
// Dockerfile with its changes. `<pre><code class="language-dockerfile" data-dockwise>` blocks are upgraded too
// (all Dockerfile blocks with `data-auto`). Everything renders inside a shadow root (no style leaks either way),
// user text only ever through textContent, and every widget on the page shares one load of the wasm engine.
import { init, review } from './index.js';

const TAG = 'dockwise-review';
const SEVERITY_ORDER = ['style', 'info', 'warning', 'error'];

let engine = null;
/** The engine, loaded once for the whole page (every widget awaits the same promise). */
function ready() {
  engine ??= init();
  return engine;
}

const STYLE = `
:host {
  all: initial;
  display: block;
  margin: 1em 0;
  --dw-bg: #ffffff; --dw-fg: #1f2328; --dw-muted: #59636e; --dw-border: #d1d9e0; --dw-code-bg: #f6f8fa;
  --dw-accent: #0969da; --dw-tip-bg: #1f2328; --dw-tip-fg: #ffffff;
  --dw-error: #cf222e; --dw-warning: #bc4c00; --dw-info: #0969da; --dw-style: #6e7781;
  color-scheme: light;
}
:host([hidden]) { display: none; }
:host([theme="dark"]) {
  --dw-bg: #0d1117; --dw-fg: #e6edf3; --dw-muted: #9198a1; --dw-border: #3d444d; --dw-code-bg: #151b23;
  --dw-accent: #4493f8; --dw-tip-bg: #e6edf3; --dw-tip-fg: #0d1117;
  --dw-error: #ff7b72; --dw-warning: #f0883e; --dw-info: #79c0ff; --dw-style: #9198a1;
  color-scheme: dark;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {
    --dw-bg: #0d1117; --dw-fg: #e6edf3; --dw-muted: #9198a1; --dw-border: #3d444d; --dw-code-bg: #151b23;
    --dw-accent: #4493f8; --dw-tip-bg: #e6edf3; --dw-tip-fg: #0d1117;
    --dw-error: #ff7b72; --dw-warning: #f0883e; --dw-info: #79c0ff; --dw-style: #9198a1;
    color-scheme: dark;
  }
}
.dw {
  position: relative; box-sizing: border-box; border: 1px solid var(--dw-border); border-radius: 6px;
  background: var(--dw-bg); color: var(--dw-fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
}
.bar { display: flex; gap: .75em; align-items: center; padding: .4em .75em; border-bottom: 1px solid var(--dw-border); }
.title { font-weight: 600; }
.summary { color: var(--dw-muted); flex: 1; }
button {
  font: inherit; font-size: 13px; color: var(--dw-fg); background: var(--dw-code-bg); cursor: pointer;
  border: 1px solid var(--dw-border); border-radius: 6px; padding: .15em .7em; margin: 0;
}
button:hover { border-color: var(--dw-accent); }
button:focus-visible, mark:focus-visible, li:focus-visible { outline: 2px solid var(--dw-accent); outline-offset: 1px; }
pre {
  margin: 0; padding: .75em; overflow: auto; background: var(--dw-code-bg); color: var(--dw-fg);
  font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; tab-size: 4;
  white-space: pre; border: 0;
}
code { font: inherit; color: inherit; background: none; padding: 0; }
mark {
  background: none; color: inherit; cursor: help; border-radius: 2px;
  text-decoration: underline wavy var(--sev); text-decoration-skip-ink: none; text-underline-offset: 3px;
}
mark:hover, mark:focus { background: color-mix(in srgb, var(--sev) 18%, transparent); }
.sev-error { --sev: var(--dw-error); } .sev-warning { --sev: var(--dw-warning); }
.sev-info { --sev: var(--dw-info); } .sev-style { --sev: var(--dw-style); }
ol, ul { list-style: none; margin: 0; padding: .35em .75em .5em; border-top: 1px solid var(--dw-border); }
li { margin: .3em 0; padding: 0; font-size: 13px; color: var(--dw-fg); }
li.finding { cursor: pointer; display: grid; grid-template-columns: auto auto 1fr; gap: 0 .6em; align-items: baseline; }
li .code { font: 600 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--sev); }
li .name { color: var(--dw-muted); font-size: 12px; }
li .line { color: var(--dw-muted); font-size: 12px; justify-self: end; }
li .message { grid-column: 1 / -1; }
.changes li::before { content: "✓ "; color: var(--dw-accent); }
.state { padding: .75em; color: var(--dw-muted); }
.state.error { color: var(--dw-error); }
.tip {
  position: absolute; z-index: 10; max-width: min(36em, 90%); padding: .4em .6em; border-radius: 6px;
  background: var(--dw-tip-bg); color: var(--dw-tip-fg); font-size: 12.5px; line-height: 1.4; pointer-events: none;
  box-shadow: 0 4px 12px rgb(0 0 0 / .2);
}
.tip div + div { margin-top: .35em; }
.tip b { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
[hidden] { display: none !important; }
`;

/** The Dockerfile written inside the element: a `<script type="text/dockerfile">` child (raw text, `<` allowed)
 * or the text content, without the indentation the page's HTML added. */
function inlineSource(element) {
  const raw = element.querySelector(':scope > script[type="text/dockerfile"], :scope > template')?.textContent
    ?? element.textContent;
  return dedent(raw);
}

function dedent(text) {
  const lines = text.replace(/\r\n?/g, '\n').replace(/^\s*\n/, '').replace(/\s+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'tabindex') {
      node.setAttribute(key, value);
    } else node[key] = value;
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function worst(items) {
  return items.reduce((w, i) => (SEVERITY_ORDER.indexOf(i.severity) > SEVERITY_ORDER.indexOf(w) ? i.severity : w), 'style');
}

/** Split `source` at every finding's boundaries: text nodes, and `<mark>`s for stretches some finding covers. */
function annotate(source, items) {
  const length = source.length;
  const spans = items.map((item, index) => {
    let start = Math.max(0, Math.min(length, item.start_utf16 ?? 0));
    let end = Math.max(start, Math.min(length, item.end_utf16 ?? start));
    if (start === end) {
      // An insertion point: underline the character after it (or before, at the very end).
      if (end < length) end += source.codePointAt(end) > 0xffff ? 2 : 1;
      else if (start > 0) start -= 1;
    }
    return { start, end, index };
  });
  const cuts = [...new Set([0, length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const text = source.slice(from, to);
    const covering = spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.index);
    if (!covering.length) {
      nodes.push(document.createTextNode(text));
      continue;
    }
    nodes.push(el('mark', {
      class: `sev-${worst(covering.map((c) => items[c]))}`,
      tabindex: '0',
      'data-findings': covering.join(' '),
      'aria-describedby': 'tip',
      text,
    }));
  }
  return nodes;
}

export class DockwiseReview extends HTMLElement {
  static observedAttributes = ['src', 'options', 'unsafe'];

  #root;
  #source = null;
  #generation = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  /** The Dockerfile shown (set it to re-review). */
  get source() {
    return this.#source ?? inlineSource(this);
  }

  set source(text) {
    this.#source = String(text);
    if (this.isConnected) this.#render();
  }

  connectedCallback() {
    // `source` set on the element before this module defined it is an own property hiding the accessor.
    if (Object.hasOwn(this, 'source')) {
      const text = this.source;
      delete this.source;
      this.#source = String(text);
    }
    this.#render();
  }

  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.isConnected) this.#render();
  }

  async #render() {
    const generation = ++this.#generation;
    this.#show(el('div', { class: 'state', role: 'status', text: 'Reviewing…' }));
    let source;
    let result;
    try {
      source = this.#source ?? (this.hasAttribute('src') ? await this.#fetchSource() : inlineSource(this));
      await ready();
      const options = this.getAttribute('options') ? JSON.parse(this.getAttribute('options')) : {};
      if (this.hasAttribute('unsafe')) options.unsafe = true;
      result = review(source, options);
    } catch (e) {
      if (generation === this.#generation) {
        this.#show(el('div', { class: 'state error', role: 'alert', text: `Dockwise could not review this: ${e.message ?? e}` }));
      }
      return;
    }
    if (generation !== this.#generation) return;
    this.#show(this.#view(source, result));
    this.dispatchEvent(new CustomEvent('dockwise-review', { detail: result }));
  }

  async #fetchSource() {
    const url = new URL(this.getAttribute('src'), document.baseURI);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    return response.text();
  }

  #show(content) {
    const style = el('style', { text: STYLE });
    this.#root.replaceChildren(style, el('div', { class: 'dw', part: 'container' }, content));
  }

  #view(source, result) {
    const items = [
      ...result.findings,
      ...result.syntax_errors.map((e) => ({ ...e, rule: 'syntax', name: 'syntax-error', severity: 'error' })),
    ];
    const count = items.length;
    const summary = count === 0 ? 'No findings' : `${count} finding${count === 1 ? '' : 's'}`;
    const toggle = el('button', { type: 'button', class: 'toggle', text: 'Show rewrite', 'aria-pressed': 'false' });
    const rewritten = result.rewritten !== source;
    if (!rewritten) toggle.hidden = true;
    const code = el('pre', { class: 'source', tabindex: '0', 'aria-label': 'Dockerfile' }, el('code', {}, ...annotate(source, items)));
    const list = el('ol', { class: 'findings', 'aria-label': 'Findings' }, ...items.map((item, index) => el('li', {
      class: `finding sev-${item.severity}`,
      'data-rule': item.rule,
      'data-index': String(index),
      tabindex: '0',
    }, el('span', { class: 'code', text: item.rule }), el('span', { class: 'name', text: item.name }),
    el('span', { class: 'line', text: `line ${item.line}` }), el('span', { class: 'message', text: item.message }))));
    if (!count) list.hidden = true;
    const rewrite = el('div', { class: 'rewrite', hidden: true },
      el('pre', { class: 'rewritten', tabindex: '0', 'aria-label': 'Rewritten Dockerfile' }, el('code', { text: result.rewritten })),
      el('ul', { class: 'changes', 'aria-label': 'Changes' },
        ...result.changes.map((c) => el('li', { 'data-rules': c.rules.join(' '), text: `${c.rules.join(', ')}: ${c.summary}` }))));
    const tip = el('div', { class: 'tip', id: 'tip', role: 'tooltip', hidden: true });
    const bar = el('div', { class: 'bar' }, el('span', { class: 'title', text: 'Dockerfile' }),
      el('span', { class: 'summary', text: summary }), toggle);
    const reviewView = el('div', { class: 'review' }, code, list);
    const container = el('div', { class: 'body' }, bar, reviewView, rewrite, tip);

    toggle.addEventListener('click', () => {
      const showing = rewrite.hidden;
      rewrite.hidden = !showing;
      reviewView.hidden = showing;
      toggle.textContent = showing ? 'Show findings' : 'Show rewrite';
      toggle.setAttribute('aria-pressed', String(showing));
    });
    const showTip = (mark) => {
      const indexes = mark.dataset.findings.split(' ').map(Number);
      tip.replaceChildren(...indexes.map((i) => el('div', {}, el('b', { text: items[i].rule }), ` ${items[i].message}`)));
      tip.hidden = false;
      const box = this.#root.querySelector('.dw').getBoundingClientRect();
      const at = mark.getBoundingClientRect();
      tip.style.left = `${Math.max(0, at.left - box.left)}px`;
      tip.style.top = `${at.bottom - box.top + 4}px`;
    };
    const hideTip = () => { tip.hidden = true; };
    code.addEventListener('pointerover', (e) => { const m = e.target.closest?.('mark'); if (m) showTip(m); });
    code.addEventListener('pointerout', (e) => { if (e.target.closest?.('mark')) hideTip(); });
    code.addEventListener('focusin', (e) => { const m = e.target.closest?.('mark'); if (m) showTip(m); });
    code.addEventListener('focusout', hideTip);
    const focusFinding = (li) => {
      const mark = [...code.querySelectorAll('mark')].find((m) => m.dataset.findings.split(' ').includes(li.dataset.index));
      mark?.focus();
    };
    list.addEventListener('click', (e) => { const li = e.target.closest('li'); if (li) focusFinding(li); });
    list.addEventListener('keydown', (e) => {
      const li = e.target.closest('li');
      if (li && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); focusFinding(li); }
    });
    return container;
  }
}

const DOCKERFILE_CLASS = /(^|\s)(language|lang)-(dockerfile|docker|containerfile)(\s|$)/i;

/** Replace Dockerfile code blocks under `root` with widgets: those marked `data-dockwise` or class `dockwise` (on
 * the code, the pre or a wrapper), or every one with `all`. Returns the widgets created. */
export function upgrade(root = document, { all = false } = {}) {
  const created = [];
  for (const pre of [...root.querySelectorAll('pre')]) {
    if (pre.closest(TAG) || !pre.isConnected || pre.hasAttribute('data-dockwise-upgraded')) continue;
    const code = pre.querySelector(':scope > code');
    const chain = [code, pre, pre.parentElement, pre.parentElement?.parentElement].filter(Boolean);
    if (!chain.some((node) => DOCKERFILE_CLASS.test(node.className ?? ''))) continue;
    // Marked by an attribute, or by a `dockwise` class (Markdown renderers that drop data- attributes keep classes).
    const marked = chain.find((node) => node.hasAttribute('data-dockwise') || node.classList.contains('dockwise'));
    if (!all && !marked) continue;
    const widget = document.createElement(TAG);
    for (const node of chain) {
      for (const [data, attribute] of [['data-theme', 'theme'], ['data-options', 'options'], ['data-unsafe', 'unsafe']]) {
        if (node.hasAttribute(data) && !widget.hasAttribute(attribute)) widget.setAttribute(attribute, node.getAttribute(data));
      }
    }
    widget.source = (code ?? pre).textContent;
    // The original block stays, hidden: frameworks that rendered it (React in Docusaurus) still find their nodes.
    pre.before(widget);
    pre.hidden = true;
    pre.setAttribute('data-dockwise-upgraded', '');
    created.push(widget);
  }
  return created;
}

if (!customElements.get(TAG)) customElements.define(TAG, DockwiseReview);

// `data-auto` on the <script> tag that loaded this module (or `?auto` in its URL, for site generators that cannot
// set attributes) upgrades every Dockerfile block, not only marked ones.
const tag = [...document.querySelectorAll('script[type="module"][src]')].find((s) => s.src === import.meta.url);
const auto = (tag?.hasAttribute('data-auto') ?? false) || new URL(import.meta.url).searchParams.has('auto');
let scheduled = false;
const upgradeAll = () => {
  scheduled = false;
  upgrade(document, { all: auto });
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', upgradeAll, { once: true });
else upgradeAll();
// Blocks added later (single-page docs sites such as Docusaurus render pages on navigation) are upgraded too.
new MutationObserver((records) => {
  if (scheduled || !records.some((r) => [...r.addedNodes].some((n) => n.nodeType === 1 && n.localName !== TAG))) return;
  scheduled = true;
  requestAnimationFrame(upgradeAll);
}).observe(document.documentElement, { childList: true, subtree: true });
