// The Markdown editor. Its one promise is never to lose an author's text: it is copied to
// localStorage every few seconds, saved drafts are also saved to the server periodically, leaving
// asks first, and a conflicting save (412) keeps the author's text and lets them choose.

import { request, seg, mayWrite, ApiError } from '../api.js';
import { t, formatDate } from '../i18n.js';
import {
  h, path, field, fieldError, errorBox, showErrors, clearErrors, trustedHtml, announce, errorText,
  fromLocalInput, toLocalInput, parseTags, fill,
} from '../dom.js';

const LOCAL_EVERY_MS = 3000;
const SERVER_EVERY_MS = 30_000;
const PREVIEW_DELAY_MS = 500;
const FIELDS = ['title', 'tags', 'summary', 'coverImageUrl', 'status', 'publishAt', 'body'];

const draftKey = (slug) => `blog.draft:${slug || 'new'}`;
const same = (a, b) => FIELDS.every((k) => (a[k] ?? '') === (b[k] ?? ''));

function valuesOf(article) {
  return {
    title: article.title || '', tags: (article.tags || []).join(', '), summary: article.summary || '',
    coverImageUrl: article.coverImageUrl || '', status: article.status || 'DRAFT',
    publishAt: toLocalInput(article.publishAt), body: article.bodyMarkdown ?? article.body ?? '',
  };
}

function readDraft(slug) {
  try {
    return JSON.parse(localStorage.getItem(draftKey(slug)) || 'null');
  } catch {
    return null;
  }
}

export async function editor(ctx) {
  if (!mayWrite()) throw new ApiError(403, { detail: t('editor.notAuthor') });
  let slug = ctx.params.slug || null;
  let ifMatch = null; // the ETag (or version) the text on screen is based on
  let serverStatus = null;
  let saved = valuesOf({}); // what the server holds, as form values: the reference for "unsaved"
  let initialHtml = '';

  if (slug) {
    // no-store: a copy cached for an anonymous read would lack the Markdown.
    const { data, res } = await request(`/api/posts/${seg(slug)}`, { cache: 'no-store' });
    if (data.bodyMarkdown == null) throw new ApiError(403, { detail: t('editor.notEditable') });
    if (data.slug !== slug) {
      slug = data.slug;
      ctx.replaceUrl(path('/write/', slug));
    }
    ifMatch = res.headers.get('ETag') || String(data.version);
    serverStatus = data.status;
    saved = valuesOf(data);
    initialHtml = data.bodyHtml;
  }

  const statusOptions = ['DRAFT', 'PUBLISHED', 'SCHEDULED'].map((s) => [s, t(`status.${s}`)]);
  const publishAtField = field({ name: 'publishAt', label: t('editor.publishAt'), type: 'datetime-local', hint: t('editor.publishAtHint'), testid: 'editor-publish-at' });
  const form = h('form', { class: 'editor-form', 'data-testid': 'editor-form', novalidate: true },
    errorBox(),
    field({ name: 'title', label: t('editor.title'), required: true, testid: 'editor-title', attrs: { maxlength: 200 } }),
    field({ name: 'tags', label: t('editor.tags'), hint: t('editor.tagsHint'), testid: 'editor-tags' }),
    field({ name: 'summary', label: t('editor.summary'), hint: t('editor.summaryHint'), multiline: true, rows: 2, testid: 'editor-summary', attrs: { maxlength: 500 } }),
    field({ name: 'coverImageUrl', label: t('editor.cover'), hint: t('settings.urlHint'), testid: 'editor-cover', attrs: { inputmode: 'url' } }),
    coverUpload(),
    h('div', { class: 'row' },
      field({ name: 'status', label: t('editor.status'), options: statusOptions, testid: 'editor-status' }),
      publishAtField),
    field({ name: 'body', label: t('editor.body'), hint: t('editor.bodyHint'), multiline: true, rows: 22, required: true, testid: 'editor-body', attrs: { spellcheck: 'true' } }),
    h('p', { class: 'buttons' },
      h('button', { type: 'submit', 'data-testid': 'editor-save' }, t('save')),
      h('span', { class: 'save-state', 'data-testid': 'editor-save-state' })));
  const el = form.elements;

  // ---- cover upload ----------------------------------------------------------------------
  // The uploaded image's address goes into the cover field, where saving picks it up like a typed one.
  function coverUpload() {
    const input = h('input', { id: 'cover-file', type: 'file', accept: 'image/jpeg,image/png,image/gif', 'data-testid': 'editor-cover-file' });
    const status = h('p', { class: 'hint', role: 'status', 'data-testid': 'editor-cover-state' });
    const thumb = h('img', { class: 'cover-thumb', alt: '', hidden: true, 'data-testid': 'editor-cover-preview' });
    input.addEventListener('change', async () => {
      const file = input.files[0];
      if (!file) return;
      status.textContent = t('editor.uploading');
      try {
        const { data } = await request('/api/posts/media', { method: 'POST', raw: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
        form.elements.coverImageUrl.value = data.url;
        thumb.src = data.variants[0].url;
        thumb.hidden = false;
        // Sizes read as 1440×960, not as grouped amounts (1,440).
        status.textContent = t('editor.uploaded', { w: String(data.width), h: String(data.height) });
      } catch (err) {
        status.textContent = errorText(err);
      }
      input.value = '';
    });
    return h('div', { class: 'field' }, h('label', { for: 'cover-file' }, t('editor.coverUpload')), input, status, thumb);
  }
  const state = form.querySelector('.save-state');
  const preview = h('div', { class: 'prose preview', 'data-testid': 'editor-preview' });
  const readTime = h('p', { class: 'meta' });
  const conflict = h('div', { class: 'conflict', role: 'alert', 'data-testid': 'editor-conflict', hidden: true });
  const other = h('section', { class: 'conflict-other', 'data-testid': 'conflict-server', 'aria-labelledby': 'other-title', hidden: true });
  const restoredNote = h('div', { class: 'note', hidden: true, 'data-testid': 'editor-restored' });
  const links = h('p', { class: 'actions' });

  const values = () => Object.fromEntries(FIELDS.map((k) => [k, el[k].value]));
  const setValues = (v) => {
    FIELDS.forEach((k) => { el[k].value = v[k] ?? ''; });
    syncStatus();
  };
  const dirty = () => !same(values(), saved);
  const syncStatus = () => { publishAtField.hidden = el.status.value !== 'SCHEDULED'; };
  const showState = (text) => { state.textContent = text; };

  function showLinks() {
    fill(links,
      slug && serverStatus === 'PUBLISHED' ? h('a', { href: path('/posts/', slug), 'data-testid': 'editor-view' }, t('editor.view')) : null,
      slug ? h('a', { href: `${path('/write/', slug)}/revisions`, 'data-testid': 'editor-revisions' }, t('article.revisions')) : null);
  }

  function keepLocally() {
    if (dirty()) localStorage.setItem(draftKey(slug), JSON.stringify({ ...values(), ifMatch, at: Date.now() }));
    else localStorage.removeItem(draftKey(slug));
  }

  // ---- preview -------------------------------------------------------------------------
  let previewTimer = 0;
  let previewAbort = null;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(async () => {
      previewAbort?.abort();
      previewAbort = new AbortController();
      if (!el.body.value.trim()) {
        preview.replaceChildren();
        readTime.textContent = '';
        return;
      }
      try {
        const { data } = await request('/api/posts/preview', { method: 'POST', body: { body: el.body.value }, signal: previewAbort.signal });
        trustedHtml(preview, data.html);
        readTime.textContent = t('readingMinutes', { n: data.readingMinutes });
      } catch (err) {
        if (err.name !== 'AbortError') readTime.textContent = errorText(err);
      }
    }, PREVIEW_DELAY_MS);
  }

  // ---- saving --------------------------------------------------------------------------
  let saving = false;
  let inConflict = false;

  async function save({ auto = false } = {}) {
    if (saving) return;
    const v = values();
    const publishAt = v.status === 'SCHEDULED' ? fromLocalInput(v.publishAt) : null;
    const problem = !v.title.trim() ? fieldError('title', t('validation.required'))
      : v.status === 'SCHEDULED' && !publishAt ? fieldError('publishAt', t('editor.publishAtRequired')) : null;
    if (problem) {
      if (!auto) showErrors(form, problem);
      return;
    }
    const body = {
      title: v.title.trim(), body: v.body, tags: parseTags(v.tags), status: v.status, publishAt,
      coverImageUrl: v.coverImageUrl.trim() || null, summary: v.summary.trim() || null,
    };
    saving = true;
    showState(t('editor.saving'));
    try {
      const { data, res } = slug
        ? await request(`/api/posts/${seg(slug)}`, { method: 'PUT', body, headers: { 'If-Match': ifMatch } })
        : await request('/api/posts', { method: 'POST', body });
      const oldKey = draftKey(slug);
      ifMatch = res.headers.get('ETag') || String(data.version);
      serverStatus = data.status;
      saved = v; // typing during the request leaves the form dirty again, as it should
      if (data.slug !== slug) {
        slug = data.slug; // a new article got its slug, or a new title renamed it
        ctx.replaceUrl(path('/write/', slug));
      }
      localStorage.removeItem(oldKey);
      keepLocally();
      clearErrors(form);
      hideConflict();
      restoredNote.hidden = true;
      showLinks();
      showState(t(auto ? 'editor.autosavedAt' : 'editor.savedAt', { time: formatDate(new Date().toISOString(), true) }));
      if (!auto) announce(t('editor.saved'));
    } catch (err) {
      if (err.status === 412) showConflict();
      else if (auto) showState(t('editor.autosaveFailed', { reason: errorText(err) }));
      else {
        showState('');
        showErrors(form, err);
      }
    } finally {
      saving = false;
    }
  }

  // ---- conflicts -----------------------------------------------------------------------
  function hideConflict() {
    inConflict = false;
    conflict.hidden = true;
    other.hidden = true;
  }

  function showConflict() {
    inConflict = true;
    keepLocally();
    showState(t('editor.notSaved'));
    fill(conflict,
      h('h2', null, t('editor.conflictTitle')),
      h('p', null, t('editor.conflictText')),
      h('p', { class: 'buttons' },
        h('button', { type: 'button', 'data-testid': 'conflict-load', onclick: loadOther }, t('editor.conflictLoad')),
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'conflict-copy', onclick: copyMine }, t('editor.copyMine'))));
    conflict.hidden = false;
    conflict.querySelector('button').focus();
  }

  async function copyMine() {
    try {
      await navigator.clipboard.writeText(el.body.value);
      announce(t('editor.copied'));
    } catch {
      // No clipboard permission: select the text so the author can copy it themselves.
      el.body.focus();
      el.body.select();
      announce(t('editor.selected'));
    }
  }

  /** Shows the server's current version beside the author's, with both ways forward. */
  async function loadOther() {
    let data;
    let res;
    try {
      ({ data, res } = await request(`/api/posts/${seg(slug)}`, { cache: 'no-store' }));
    } catch (err) {
      announce(errorText(err));
      return;
    }
    if (data.slug !== slug) {
      slug = data.slug;
      ctx.replaceUrl(path('/write/', slug));
    }
    const theirs = valuesOf(data);
    const theirTag = res.headers.get('ETag') || String(data.version);
    const text = h('textarea', { id: 'other-body', readonly: true, rows: 18, 'data-testid': 'conflict-server-body' });
    text.value = theirs.body;
    fill(other,
      h('h2', { id: 'other-title' }, t('editor.otherTitle', { version: data.version })),
      h('p', { class: 'meta' }, formatDate(data.updatedAt, true)),
      h('p', null, h('strong', null, theirs.title)),
      h('label', { for: 'other-body' }, t('editor.body')), text,
      h('p', { class: 'buttons' },
        h('button', {
          type: 'button', 'data-testid': 'conflict-overwrite',
          onclick: () => { ifMatch = theirTag; save(); },
        }, t('editor.keepMine')),
        h('button', {
          type: 'button', class: 'secondary', 'data-testid': 'conflict-take-theirs',
          onclick: () => {
            // The author's text moves into this panel rather than disappearing.
            const mine = values();
            text.value = mine.body;
            other.querySelector('h2').textContent = t('editor.yourOldText');
            setValues(theirs);
            saved = theirs;
            ifMatch = theirTag;
            serverStatus = data.status;
            inConflict = false;
            conflict.hidden = true;
            trustedHtml(preview, data.bodyHtml);
            localStorage.setItem(`${draftKey(slug)}:replaced`, JSON.stringify({ ...mine, at: Date.now() }));
            other.querySelector('.buttons').remove();
            announce(t('editor.tookTheirs'));
          },
        }, t('editor.takeTheirs'))));
    other.hidden = false;
    other.querySelector('h2').setAttribute('tabindex', '-1');
    other.querySelector('h2').focus();
  }

  // ---- wiring --------------------------------------------------------------------------
  setValues(saved);
  trustedHtml(preview, initialHtml);
  const local = readDraft(slug);
  if (local && !same(local, saved)) {
    // Unsaved work from an earlier visit (or before a reload / language switch) comes back,
    // still based on the version it was edited from, so a stale base is caught as a conflict.
    setValues(local);
    ifMatch = local.ifMatch ?? ifMatch;
    schedulePreview();
    fill(restoredNote,
      h('p', null, t('editor.restored', { time: formatDate(new Date(local.at).toISOString(), true) })),
      h('button', {
        type: 'button', class: 'secondary', 'data-testid': 'editor-discard-local',
        onclick: () => {
          if (!confirm(t('editor.confirmDiscard'))) return;
          localStorage.removeItem(draftKey(slug));
          setValues(saved);
          trustedHtml(preview, initialHtml);
          restoredNote.hidden = true;
          el.title.focus();
        },
      }, t('editor.discardLocal')));
    restoredNote.hidden = false;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });
  form.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') {
      e.preventDefault();
      save();
    }
  });
  el.status.addEventListener('change', syncStatus);
  el.body.addEventListener('input', schedulePreview);
  form.addEventListener('input', () => { if (dirty()) showState(t('editor.unsaved')); });

  const onBeforeUnload = (e) => {
    keepLocally();
    if (dirty()) {
      e.preventDefault();
      e.returnValue = ''; // older browsers only ask when this is set
    }
  };
  addEventListener('beforeunload', onBeforeUnload);
  ctx.setGuard(dirty);
  const localTimer = setInterval(keepLocally, LOCAL_EVERY_MS);
  // Only drafts are saved behind the author's back: publishing stays a deliberate act.
  const serverTimer = setInterval(() => {
    if (slug && serverStatus === 'DRAFT' && el.status.value === 'DRAFT' && dirty() && !inConflict) save({ auto: true });
  }, SERVER_EVERY_MS);

  showLinks();
  ctx.setMeta({ title: slug ? t('editor.editTitle') : t('editor.newTitle') });
  fill(ctx.root,
    h('h1', null, slug ? t('editor.editTitle') : t('editor.newTitle')),
    links, restoredNote, conflict,
    h('div', { class: 'editor' },
      form,
      h('div', { class: 'side' },
        other,
        h('section', { class: 'preview-pane', 'aria-labelledby': 'preview-title' },
          h('h2', { id: 'preview-title' }, t('editor.preview')), readTime, preview))));

  return () => {
    keepLocally();
    clearInterval(localTimer);
    clearInterval(serverTimer);
    clearTimeout(previewTimer);
    previewAbort?.abort();
    removeEventListener('beforeunload', onBeforeUnload);
  };
}
