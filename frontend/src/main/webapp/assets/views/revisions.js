// An article's revision history: every save is one; restoring makes a new save of an old one.

import { api, seg } from '../api.js';
import { t } from '../i18n.js';
import { h, path, time, announce, errorText, fill } from '../dom.js';

export async function revisions(ctx) {
  let slug = ctx.params.slug;
  ctx.setMeta({ title: t('revisions.title') });
  const detail = h('section', { class: 'revision', 'data-testid': 'revision-detail', 'aria-labelledby': 'revision-title', hidden: true });
  const list = h('ol', { class: 'revisions', 'data-testid': 'revision-list' });
  const back = h('a', { href: path('/write/', slug) }, t('revisions.back'));

  async function show(n) {
    try {
      const r = await api(`/api/posts/${seg(slug)}/revisions/${n}`);
      fill(detail,
        h('h2', { id: 'revision-title', tabindex: '-1' }, t('revisions.number', { n: r.number }), ': ', r.title),
        h('p', { class: 'meta' }, time(r.createdAt, true), r.createdBy ? h('span', null, r.createdBy) : null),
        r.summary ? h('p', { class: 'summary' }, r.summary) : null,
        r.tags?.length ? h('p', null, r.tags.map((x) => `#${x}`).join(' ')) : null,
        // The Markdown as written; shown as text, it is the author's source, not a page.
        h('pre', { class: 'source', tabindex: '0', 'data-testid': 'revision-body' }, r.body),
        h('p', { class: 'buttons' }, h('button', { type: 'button', 'data-testid': 'revision-restore', onclick: () => restore(r.number) }, t('revisions.restore'))));
      detail.hidden = false;
      detail.querySelector('h2').focus();
    } catch (err) {
      announce(errorText(err));
    }
  }

  async function restore(n) {
    if (!confirm(t('revisions.confirmRestore', { n }))) return;
    try {
      const article = await api(`/api/posts/${seg(slug)}/revisions/${n}/restore`, { method: 'POST' });
      // Restoring an old title renames the article; the history now lives under the new slug.
      if (article.slug !== slug) ctx.replaceUrl(`${path('/write/', article.slug)}/revisions`);
      slug = article.slug;
      back.href = path('/write/', slug);
      announce(t('revisions.restored', { n }));
      await load();
      detail.hidden = true;
      list.querySelector('button')?.focus();
    } catch (err) {
      announce(errorText(err));
    }
  }

  async function load() {
    const { items } = await api(`/api/posts/${seg(slug)}/revisions`);
    fill(list, ...items.map((r) => h('li', { 'data-testid': 'revision-item' },
      h('button', { type: 'button', class: 'linkish', onclick: () => show(r.number) }, t('revisions.number', { n: r.number }), ': ', r.title),
      h('span', { class: 'meta' }, time(r.createdAt, true), r.createdBy ? h('span', null, r.createdBy) : null))));
  }

  await load();
  fill(ctx.root,
    h('h1', null, t('revisions.title')),
    h('p', null, back),
    h('div', { class: 'two-col' }, list, detail));
}
