// The moderation queue: editors and administrators see every comment waiting, article authors
// those on their own articles (the server decides which). Actions apply to one row or to all
// selected rows at once, all or nothing.

import { api, seg, mayModerate, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { h, path, time, authorLink, trustedHtml, announce, errorText, busy, pager, fill } from '../dom.js';

const QUEUES = ['PENDING', 'SPAM'];
const ACTIONS = ['APPROVE', 'REJECT', 'SPAM', 'DELETE'];

export async function moderation(ctx) {
  if (!mayModerate()) throw new ApiError(403, { detail: t('moderation.notAllowed') });
  const queue = QUEUES.includes((ctx.query.get('status') || '').toUpperCase()) ? ctx.query.get('status').toUpperCase() : 'PENDING';
  ctx.setMeta({ title: t('moderation.title') });
  const list = h('ul', { class: 'moderation', 'data-testid': 'moderation-list' });
  const empty = h('p', { class: 'empty', hidden: true }, t('moderation.empty'));

  // Moving a comment out of its own queue is pointless (SPAM in the spam queue), so it is not offered.
  const actionsFor = () => ACTIONS.filter((a) => !(queue === 'SPAM' && a === 'SPAM'));

  async function act(ids, action, scope) {
    if (action === 'DELETE' && !confirm(t('moderation.confirmDelete', { n: ids.length }))) return;
    await busy(scope, async () => {
      try {
        await api('/api/comments/moderation', { method: 'POST', body: { ids, action } });
        ids.forEach((id) => list.querySelector(`[data-id="${CSS.escape(id)}"]`)?.remove());
        empty.hidden = list.children.length > 0;
        announce(t('moderation.done', { n: ids.length, action: t(`moderation.${action}`) }));
        (list.querySelector('input[type="checkbox"]') || ctx.root.querySelector('h1')).focus();
      } catch (err) {
        announce(errorText(err));
      }
    });
  }

  function row(c) {
    const id = `sel-${c.id}`;
    const li = h('li', { 'data-testid': 'moderation-row', 'data-id': c.id },
      h('p', { class: 'select' },
        h('input', { type: 'checkbox', id, value: c.id, 'data-testid': 'moderation-select' }),
        h('label', { for: id }, t('moderation.select', { name: c.author?.displayName || c.author?.username || '' }))),
      h('p', { class: 'meta' },
        authorLink(c.author),
        time(c.createdAt, true),
        h('a', { href: `${path('/posts/', c.post)}#comments`, 'data-testid': 'moderation-post' }, t('moderation.onPost', { post: c.post }))),
      c.spamReason ? h('p', { class: 'badge held' }, t('moderation.reason', { reason: c.spamReason })) : null,
      trustedHtml(h('div', { class: 'comment-body prose' }), c.bodyHtml),
      h('p', { class: 'buttons' }, actionsFor().map((a) => h('button', {
        type: 'button', class: a === 'APPROVE' ? '' : 'secondary', 'data-testid': `moderation-${a.toLowerCase()}`,
        onclick: () => act([c.id], a, li),
      }, t(`moderation.${a}`)))));
    return li;
  }

  const { more, first } = pager(list, (cursor) => {
    const params = new URLSearchParams({ status: queue, limit: 20 });
    if (cursor) params.set('cursor', cursor);
    return api(`/api/comments/moderation?${params}`);
  }, row, {
    focus: 'input',
    onPage: (items, rows) => {
      empty.hidden = list.children.length > 0;
      fillTitles(items, rows);
    },
  });

  const bulk = h('div', { class: 'bulk buttons', role: 'group', 'aria-label': t('moderation.bulk') },
    h('span', null, t('moderation.bulk')),
    actionsFor().map((a) => h('button', {
      type: 'button', class: 'secondary', 'data-testid': `moderation-bulk-${a.toLowerCase()}`,
      onclick: () => {
        const ids = [...list.querySelectorAll('input:checked')].map((i) => i.value);
        if (ids.length) act(ids, a, bulk);
        else announce(t('moderation.noneSelected'));
      },
    }, t(`moderation.${a}`))));

  await first();
  fill(ctx.root,
    h('h1', null, t('moderation.title')),
    h('nav', { class: 'filters', 'aria-label': t('moderation.queues') }, h('ul', null, QUEUES.map((q) => h('li', null,
      h('a', { href: `/moderation?status=${q}`, 'aria-current': q === queue ? 'page' : null, 'data-testid': `moderation-queue-${q}` }, t(`moderation.queue.${q}`)))))),
    bulk, list, empty, h('div', { class: 'more-row' }, more));
}

/** Rows name the article by slug until its title arrives; a failed lookup leaves the slug, which still links. */
async function fillTitles(items, rows) {
  const slugs = [...new Set(items.map((c) => c.post))];
  if (!slugs.length) return;
  try {
    const { titles } = await api(`/api/posts/titles?slugs=${slugs.map(seg).join(',')}`);
    items.forEach((c, i) => {
      if (titles?.[c.post]) rows[i].querySelector('[data-testid="moderation-post"]').textContent = t('moderation.onPost', { post: titles[c.post] });
    });
  } catch {
    // The slug is a readable name of the article too.
  }
}
