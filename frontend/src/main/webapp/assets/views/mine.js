// "My articles": every status, filtered by ?status= so each filter has its own URL, a page at a
// time like the public lists.

import { api } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, path, time, pager, fill } from '../dom.js';

const FILTERS = ['', 'DRAFT', 'SCHEDULED', 'PUBLISHED'];
const PAGE = 20;
const local = (slug) => localStorage.getItem(`blog.draft:${slug}`);

function item(a) {
  return h('li', { 'data-testid': 'mine-item', 'data-slug': a.slug, 'data-status': a.status },
    h('h2', null, h('a', { href: path('/write/', a.slug) }, a.title)),
    h('p', { class: 'meta' },
      h('span', { class: `badge ${a.status.toLowerCase()}` }, t(`status.${a.status}`)),
      a.status === 'SCHEDULED' ? h('span', null, t('status.scheduledFor', { when: formatDate(a.publishAt, true) })) : null,
      h('span', null, t('mine.updated'), ' ', time(a.updatedAt, true)),
      local(a.slug) ? h('span', { class: 'badge pending' }, t('mine.localChanges')) : null),
    h('p', { class: 'actions' },
      h('a', { href: path('/write/', a.slug) }, t('article.edit')),
      a.status === 'PUBLISHED' ? h('a', { href: path('/posts/', a.slug) }, t('editor.view')) : null,
      h('a', { href: `${path('/write/', a.slug)}/revisions` }, t('article.revisions'))));
}

export async function mine(ctx) {
  const status = (ctx.query.get('status') || '').toUpperCase();
  ctx.setMeta({ title: t('mine.title') });
  const list = h('ul', { class: 'mine', 'data-testid': 'mine-list' });
  const { more, first } = pager(list, (cursor) => {
    const params = new URLSearchParams({ limit: PAGE });
    if (status) params.set('status', status);
    if (cursor) params.set('cursor', cursor);
    return api(`/api/posts/mine?${params}`);
  }, item);

  await first();
  fill(ctx.root,
    h('h1', null, t('mine.title')),
    h('p', null, h('a', { href: '/write', class: 'button' }, t('nav.write'))),
    h('nav', { class: 'filters', 'aria-label': t('mine.filter') }, h('ul', null, FILTERS.map((f) => h('li', null,
      h('a', { href: f ? `/me/articles?status=${f}` : '/me/articles', 'aria-current': f === status ? 'page' : null, 'data-testid': `mine-filter-${f || 'ALL'}` },
        f ? t(`status.${f}`) : t('mine.all')))))),
    list.children.length ? list : h('p', { class: 'empty' }, t('list.empty')),
    h('div', { class: 'more-row' }, more));
}
