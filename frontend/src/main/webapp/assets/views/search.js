// Full-text search. The query lives in the URL (/search?q=&tag=) so results can be linked and
// revisited; highlighted fragments from the index are escaped before <mark> is let through.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, path, time, authorLink, tagList, setHighlighted, field, announce, errorText, busy, fill } from '../dom.js';

const SIZE = 10;

function result(hit) {
  const title = h('a', { href: path('/posts/', hit.slug) });
  if (hit.highlights?.title?.[0]) setHighlighted(title, hit.highlights.title[0]);
  else title.textContent = hit.title;
  const fragments = hit.highlights?.body || [];
  return h('li', null, h('article', { class: 'card', 'data-testid': 'search-result', 'data-slug': hit.slug },
    h('h2', null, title),
    h('p', { class: 'meta' }, authorLink(hit.author), time(hit.publishedAt), h('span', null, t('readingMinutes', { n: hit.readingMinutes }))),
    fragments.length
      ? fragments.map((f) => setHighlighted(h('p', { class: 'fragment', 'data-testid': 'search-fragment' }), `… ${f} …`))
      : hit.summary ? h('p', { class: 'summary' }, hit.summary) : null,
    tagList(hit.tags)));
}

export async function search(ctx) {
  const q = (ctx.query.get('q') || '').trim();
  const tag = ctx.query.get('tag') || '';
  ctx.setMeta({ title: q ? t('search.titleFor', { q }) : t('search.title') });

  const form = h('form', { role: 'search', class: 'search-form', 'data-testid': 'search-form' },
    field({ name: 'q', label: t('search.query'), type: 'search', value: q, testid: 'search-input', attrs: { maxlength: 200 } }),
    field({ name: 'tag', label: t('search.tag'), value: tag, testid: 'search-tag', options: [['', t('search.anyTag')], ...(tag ? [[tag, tag]] : [])] }),
    h('p', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': 'search-submit' }, t('search.submit'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const params = new URLSearchParams();
    const text = form.elements.q.value.trim();
    if (text) params.set('q', text);
    if (form.elements.tag.value) params.set('tag', form.elements.tag.value);
    const qs = params.toString();
    ctx.navigate(qs ? `/search?${qs}` : '/search');
  });
  fill(ctx.root, h('h1', null, t('search.title')), form);
  fillTags(form.elements.tag, tag);
  if (!q) return;

  const list = h('ol', { class: 'cards', 'data-testid': 'search-results' });
  const more = h('button', { type: 'button', class: 'more', 'data-testid': 'load-more', hidden: true }, t('loadMore'));
  let page = 0;
  const fetchPage = () => {
    const params = new URLSearchParams({ q, page, size: SIZE });
    if (tag) params.set('tag', tag);
    return api(`/api/posts/search?${params}`);
  };

  let first;
  try {
    first = await fetchPage();
  } catch (err) {
    // Keep the form on screen so the reader can correct the query.
    ctx.root.append(h('p', { class: 'error-box', 'data-testid': 'error-message' }, errorText(err)));
    return;
  }
  // Past a bound the index stops counting: the total is then "at least", and more pages may follow.
  const hasMore = (answer) => answer.items.length === SIZE && (!answer.totalExact || (page + 1) * SIZE < answer.total);
  const summary = t(first.totalExact ? 'search.count' : 'search.countAtLeast', { n: first.total });
  more.hidden = !hasMore(first);
  list.append(...first.items.map(result));
  ctx.root.append(
    h('p', { class: 'note', role: 'note', 'data-testid': 'search-degraded', hidden: !first.degraded }, t('search.degraded')),
    h('p', { class: 'result-count', 'data-testid': 'search-count' }, summary),
    list, h('div', { class: 'more-row' }, more));
  announce(summary);

  more.addEventListener('click', () => busy(more.parentElement, async () => {
    try {
      page += 1;
      const next = await fetchPage();
      const items = next.items.map(result);
      list.append(...items);
      more.hidden = !hasMore(next) || page >= 100;
      announce(t('loaded', { n: items.length }));
      items[0]?.querySelector('a').focus();
    } catch (err) {
      page -= 1;
      announce(errorText(err));
    }
  }));
}

/** The tag filter lists every tag in use; until they arrive, only "any" and the current one. */
async function fillTags(select, selected) {
  try {
    const { items } = await api('/api/posts/tags');
    const names = items.map((x) => x.tag).sort();
    if (selected && !names.includes(selected)) names.unshift(selected);
    fill(select, select.options[0], ...names.map((n) => h('option', { value: n, selected: n === selected }, n)));
  } catch {
    // Without the list the reader can still search every tag.
  }
}
