// DOM helpers shared by every view. User-supplied values only ever become text nodes or
// attribute values; HTML goes in through exactly two doors: trustedHtml() for markup the server
// sanitized, and setHighlighted() for search fragments that are escaped before <mark> is re-allowed.

import { t, has, lang, formatDate } from './i18n.js';

const PROPS = new Set(['value', 'checked', 'hidden', 'disabled', 'selected']);

/** h('a', { href, class, onclick }, 'text', child, [more]) → element. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

/** Replaces an element's children; unlike replaceChildren, null/false entries are skipped, not printed. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c == null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Inserts HTML the server produced and sanitized (article bodies, comments, previews). */
export function trustedHtml(el, html) {
  el.innerHTML = html || '';
  return el;
}

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escapes a search-highlight fragment, then lets only bare <mark>/<em> tags through again. */
export function highlight(fragment) {
  return escapeHtml(fragment).replace(/&#60;(\/?)(mark|em)&#62;/g, '<$1$2>');
}

export function setHighlighted(el, fragment) {
  el.innerHTML = highlight(fragment);
  return el;
}

/** "/tags/" + tag etc.: builds a path from segments that may hold any character. */
export const path = (...parts) => parts.map((p, i) => (i % 2 ? encodeURIComponent(p) : p)).join('');

export function time(iso, withTime = false) {
  return iso ? h('time', { datetime: iso }, formatDate(iso, withTime)) : null;
}

export const authorName = (a) => a?.displayName || a?.username || '';

export function authorLink(a) {
  return a?.username ? h('a', { href: path('/authors/', a.username) }, authorName(a)) : null;
}

export function tagList(tags) {
  if (!tags?.length) return null;
  return h('ul', { class: 'tags', 'aria-label': t('tags') },
    tags.map((tag) => h('li', null, h('a', { href: path('/tags/', tag), rel: 'tag' }, `#${tag}`))));
}

let announceTimer = 0;
/** Says something through the polite live region (and shows it as a toast). */
export function announce(message) {
  const region = document.getElementById('live');
  region.textContent = '';
  clearTimeout(announceTimer);
  // A fresh text node after a tick makes screen readers repeat identical messages.
  announceTimer = setTimeout(() => {
    region.textContent = message;
    announceTimer = setTimeout(() => { region.textContent = ''; }, 6000);
  }, 50);
}

/** A readable sentence for any failure: never "undefined", localized where the server is not. */
export function errorText(err) {
  if (err?.status === undefined) return t('error.unexpected');
  if (err.status === 0) return t('error.network');
  const key = `http.${err.status}`;
  const local = has(key) ? t(key) : t('error.status', { status: err.status });
  const server = err.detail || err.title;
  // The server explains in English: English readers get its sentence, others a localized one
  // with the server's words kept for reference.
  let text = !server ? local : lang() === 'en' ? server : `${local}（${server}）`;
  if (err.retryAfter) text += ` ${t('error.retryAfter', { s: err.retryAfter })}`;
  if (err.status >= 500 && err.traceId) text += ` ${t('error.trace', { id: err.traceId })}`;
  return text;
}

let fieldSeq = 0;
/**
 * A labelled input with an optional hint and a slot for its error, wired with aria-describedby.
 * opts: label, name, type, value, required, autocomplete, hint, testid, multiline, rows, options
 * ([value, label] pairs for a select), and any extra attributes in attrs.
 */
export function field(opts) {
  const id = `f${++fieldSeq}-${opts.name}`;
  const hintId = opts.hint ? `${id}-hint` : null;
  const attrs = {
    id, name: opts.name, required: opts.required, autocomplete: opts.autocomplete,
    'data-testid': opts.testid, 'aria-describedby': hintId, ...opts.attrs,
  };
  let input;
  if (opts.options) {
    input = h('select', attrs, opts.options.map(([v, label]) => h('option', { value: v }, label)));
    if (opts.value != null) input.value = opts.value;
  } else if (opts.multiline) {
    input = h('textarea', { ...attrs, rows: opts.rows || 4 });
    input.value = opts.value ?? '';
  } else {
    input = h('input', { ...attrs, type: opts.type || 'text', value: opts.value ?? '' });
  }
  return h('div', { class: 'field', 'data-field': opts.name },
    h('label', { for: id }, opts.label, opts.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    hintId ? h('p', { id: hintId, class: 'hint' }, opts.hint) : null,
    input,
    h('p', { id: `${id}-error`, class: 'field-error', hidden: true }));
}

/** The box at the top of a form that summarizes what went wrong. */
export const errorBox = () => h('div', { class: 'error-box', role: 'alert', tabindex: '-1', 'data-testid': 'error-message', hidden: true });

/** Clears previous errors of a form; call before every submit. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((p) => {
    p.hidden = true;
    p.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((el) => {
    el.removeAttribute('aria-invalid');
    el.setAttribute('aria-describedby', (el.getAttribute('aria-describedby') || '').replace(/\S+-error/, '').trim());
    if (!el.getAttribute('aria-describedby')) el.removeAttribute('aria-describedby');
  });
  const box = form.querySelector('.error-box');
  if (box) {
    box.hidden = true;
    box.textContent = '';
  }
}

/**
 * Shows a failure on a form: each field error next to its input (linked by aria-describedby),
 * and a summary with every message in the form's error box. Focus goes to the first bad input.
 */
export function showErrors(form, err) {
  clearErrors(form);
  const box = form.querySelector('.error-box');
  let first = null;
  const items = [];
  for (const e of err?.errors || []) {
    // "tags[0].<list element>" → "tags": the form knows top-level JSON names.
    const name = String(e.field || '').split(/[.[]/)[0];
    const wrap = name && form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    const label = wrap ? wrap.querySelector('label').firstChild.textContent : name;
    items.push(h('li', null, label ? `${label}: ${e.message}` : e.message));
    if (!wrap) continue;
    const input = wrap.querySelector('input, textarea, select');
    const p = wrap.querySelector('.field-error');
    p.textContent = e.message;
    p.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${p.id}`.trim());
    first ??= input;
  }
  if (box) {
    fill(box, h('p', null, errorText(err)), items.length ? h('ul', null, items) : null);
    box.hidden = false;
  }
  (first || box)?.focus?.();
}

/** Marks a field invalid from client-side checks, in the same way as server field errors. */
export const fieldError = (field, message) => ({ status: 400, detail: '', title: '', errors: [{ field, message }] });

/** Disables a form's submit buttons while a request runs, and re-enables them afterwards. */
export async function busy(form, fn) {
  const buttons = form.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  form.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
    form.removeAttribute('aria-busy');
  }
}

/** datetime-local value (the reader's local time) → ISO instant in UTC. */
export function fromLocalInput(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** ISO instant → datetime-local value in the reader's time zone. */
export function toLocalInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Splits "a, b，c" (ASCII or full-width commas) into trimmed, distinct, non-empty tags. */
export function parseTags(text) {
  return [...new Set(String(text || '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean))];
}

/**
 * "Load more" over one of the API's keyset cursors. `fetchPage(cursor)` resolves to
 * {items, nextCursor}, from `start` (a cursor, or null for the first page); `render(item)` makes each element, appended to `list`; `onPage(items,
 * elements)` runs after each page. `first()` loads the first page and leaves its errors to the
 * caller; each click loads the next page, announces it and focuses `focus` inside the first new
 * element, so keyboard users carry on from there instead of from the top of the page.
 */
export function pager(list, fetchPage, render, { focus = 'a', onPage = () => {}, start = null } = {}) {
  const more = h('button', { type: 'button', class: 'more', 'data-testid': 'load-more', hidden: true }, t('loadMore'));
  // A server-rendered list page may be a later page (?cursor=…): the list starts where it does.
  let cursor = start;

  async function load() {
    const page = await fetchPage(cursor);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    const elements = page.items.map(render);
    list.append(...elements);
    onPage(page.items, elements);
    return elements;
  }

  more.addEventListener('click', () => busy(more.parentElement, async () => {
    try {
      const elements = await load();
      announce(t('loaded', { n: elements.length }));
      elements[0]?.querySelector(focus)?.focus();
    } catch (err) {
      announce(errorText(err));
    }
  }));

  return { more, first: load };
}
