// Article lists: the home page, a tag's page and an author's page share one card and one
// "load more" that follows the API's keyset cursor.

import { api, seg } from '../api.js';
import { t } from '../i18n.js';
import { h, path, time, authorLink, authorName, tagList, pager, fill } from '../dom.js';

const PAGE = 10;

function card(a) {
  return h('li', null, h('article', { class: 'card', 'data-testid': 'article-card', 'data-slug': a.slug },
    h('h2', null, h('a', { href: path('/posts/', a.slug) }, a.title)),
    h('p', { class: 'meta' },
      authorLink(a.author),
      time(a.publishedAt),
      h('span', null, t('readingMinutes', { n: a.readingMinutes })),
      // Holds the place of the count until it arrives, so filling it in moves nothing (layout shift).
      h('span', { class: 'comment-count pending', 'data-testid': 'comment-count' }, t('commentCount', { n: 0 }))),
    a.summary ? h('p', { class: 'summary' }, a.summary) : null,
    tagList(a.tags)));
}

/** Comment counts come from another service; the cards are useful without them, so failures stay quiet. */
async function fillCounts(items, cards) {
  if (!items.length) return;
  try {
    const { counts } = await api(`/api/comments/counts?posts=${items.map((a) => seg(a.slug)).join(',')}`);
    items.forEach((a, i) => {
      const el = cards[i].querySelector('.comment-count');
      el.textContent = t('commentCount', { n: counts?.[a.slug] ?? 0 });
      el.classList.remove('pending');
    });
  } catch {
    // Counts are decoration; the list stands on its own.
  }
}

/** One page of the list this screen shows, after `cursor` (null: the first). */
const pageOf = (filter) => (cursor) => {
  const params = new URLSearchParams({ limit: PAGE, ...filter });
  if (cursor) params.set('cursor', cursor);
  return api(`/api/posts?${params}`);
};

const filterOf = (ctx) => (ctx.params.tag ? { tag: ctx.params.tag }
  : ctx.params.username ? { author: ctx.params.username } : {});

/** Renders the first page (failures go to the router) and wires "load more". */
async function articleList(ctx, filter, before, after = []) {
  const list = h('ol', { class: 'cards', 'data-testid': 'article-list' });
  const { more, first } = pager(list, pageOf(filter), card, { onPage: fillCounts, start: ctx.query.get('cursor') });

  await first();
  fill(ctx.root, ...before,
    list.children.length ? list : h('p', { class: 'empty' }, t('list.empty')),
    h('div', { class: 'more-row' }, more), ...after);
}

/**
 * A server-rendered list (home, tag, author) for a reader who is not signed in: the cards are
 * already there, so the view only adds their comment counts and turns the "Older articles" link
 * into "load more" from the same cursor.
 */
export function enhance(ctx) {
  const list = ctx.root.querySelector('[data-testid="article-list"]');
  if (!list) return;
  const older = ctx.root.querySelector('[data-testid="older-articles"]');
  const start = older ? new URL(older.href).searchParams.get('cursor') : null;
  const { more } = pager(list, pageOf(filterOf(ctx)), card, { onPage: fillCounts, start });
  more.hidden = !start;
  if (older) older.replaceWith(more);
  const cards = [...list.querySelectorAll('[data-testid="article-card"]')];
  fillCounts(cards.map((c) => ({ slug: c.dataset.slug })), cards);
}

export async function home(ctx) {
  ctx.setMeta({});
  const tags = h('nav', { class: 'tag-cloud', 'aria-label': t('tags.popular'), hidden: true });
  // Below the list, so its late arrival does not shift the articles.
  await articleList(ctx, {}, [h('h1', null, t('home.title'))], [tags]);
  try {
    const { items } = await api('/api/posts/tags');
    const top = items.sort((a, b) => b.count - a.count).slice(0, 20);
    fill(tags, h('h2', null, t('tags.popular')), tagList(top.map((x) => x.tag)));
    tags.hidden = !top.length;
  } catch {
    // The tag cloud is a shortcut; the list above already works.
  }
}

export async function tag(ctx) {
  const name = ctx.params.tag;
  ctx.setMeta({ title: `#${name}`, description: t('tag.description', { tag: name }) });
  await articleList(ctx, { tag: name }, [
    h('h1', null, t('tag.title', { tag: name })),
    h('p', null, h('a', { href: `/rss.xml?tag=${seg(name)}`, type: 'application/rss+xml' }, t('tag.feed')))]);
}

export async function author(ctx) {
  const username = ctx.params.username;
  const profile = await api(`/api/users/${seg(username)}`);
  const name = authorName(profile);
  ctx.setMeta({ title: name, description: profile.bio || t('author.description', { name }), type: 'profile', image: profile.avatarUrl });
  await articleList(ctx, { author: username }, [
    h('header', { class: 'profile', 'data-testid': 'author-profile' },
      profile.avatarUrl ? h('img', { src: profile.avatarUrl, alt: '', width: 96, height: 96, class: 'avatar', decoding: 'async' }) : null,
      h('div', null,
        h('h1', null, name),
        h('p', { class: 'meta' }, h('span', null, `@${profile.username}`), profile.createdAt ? h('span', null, t('author.joined'), ' ', time(profile.createdAt)) : null),
        profile.bio ? h('p', { class: 'bio' }, profile.bio) : null))]);
}
