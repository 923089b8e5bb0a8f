// One article: the server's sanitized HTML, its author, neighbours and the comment thread.

import { api, request, seg, currentUser, moderatesAll } from '../api.js';
import { t, formatDate } from '../i18n.js';
import { h, path, time, authorLink, authorName, tagList, trustedHtml, fill } from '../dom.js';
import { commentSection } from './comments.js';

export async function article(ctx) {
  const { data: a } = await request(`/api/posts/${seg(ctx.params.slug)}`);
  // fetch followed the 301 an old slug answers with; show the current address from now on.
  if (a.slug !== ctx.params.slug) ctx.replaceUrl(path('/posts/', a.slug) + location.hash);
  // A copy cached before covers had a shape of their own has only the address.
  const cover = a.cover || (a.coverImageUrl && { src: a.coverImageUrl, width: 1200, height: 630, largest: a.coverImageUrl });
  ctx.setMeta({ title: a.title, description: a.summary, type: 'article', image: cover?.largest });

  const user = currentUser();
  const mayEdit = !!user && (user.username === a.author?.username || moderatesAll());
  const body = trustedHtml(h('div', { class: 'prose', 'data-testid': 'article-body' }), a.bodyHtml);
  // Wide code blocks scroll sideways; keyboard users need to be able to focus them to scroll.
  body.querySelectorAll('pre').forEach((pre) => pre.setAttribute('tabindex', '0'));
  body.querySelectorAll('img').forEach((img) => {
    img.loading = 'lazy';
    img.decoding = 'async';
  });
  const neighbours = h('nav', { class: 'neighbours', 'aria-label': t('article.neighbours'), hidden: true });
  const authorCard = h('aside', { class: 'author-card', 'data-testid': 'author-card', 'aria-label': t('article.aboutAuthor') },
    a.author?.avatarUrl ? h('img', { src: a.author.avatarUrl, alt: '', width: 64, height: 64, class: 'avatar', decoding: 'async' }) : null,
    h('div', null,
      h('p', { class: 'author-name' }, authorLink(a.author)),
      h('p', { class: 'bio', hidden: true }),
      h('p', null, h('a', { href: path('/authors/', a.author?.username || '') }, t('article.moreByAuthor', { name: authorName(a.author) })))));

  fill(ctx.root, h('article', { class: 'post', 'data-testid': 'article', 'data-slug': a.slug },
    h('header', null,
      h('h1', null, a.title),
      h('p', { class: 'meta' },
        authorLink(a.author),
        a.status === 'PUBLISHED' ? time(a.publishedAt)
          : h('span', { class: 'badge', 'data-testid': 'article-status' }, a.status === 'SCHEDULED'
            ? t('status.scheduledFor', { when: formatDate(a.publishAt, true) }) : t(`status.${a.status}`)),
        h('span', null, t('readingMinutes', { n: a.readingMinutes })),
        h('span', { 'data-testid': 'view-count' }, t('viewCount', { n: a.viewCount }))),
      tagList(a.tags),
      mayEdit ? h('p', { class: 'actions' },
        h('a', { href: path('/write/', a.slug), class: 'button', 'data-testid': 'edit-article' }, t('article.edit')),
        h('a', { href: `${path('/write/', a.slug)}/revisions`, class: 'button secondary' }, t('article.revisions'))) : null,
      cover ? h('img', {
        src: cover.src, srcset: cover.srcset, sizes: '(min-width: 48rem) 46rem, calc(100vw - 2rem)', alt: '', class: 'cover',
        width: cover.width, height: cover.height, decoding: 'async', fetchpriority: 'high',
      }) : null),
    body,
    h('footer', null, authorCard, neighbours)),
  a.status === 'PUBLISHED' ? commentSection(a) : null);

  fillAuthorBio(authorCard, a.author?.username);
  if (a.status === 'PUBLISHED') {
    fillNeighbours(neighbours, a.slug);
    countView(ctx.root.querySelector('[data-testid="view-count"]'), a.slug);
  }
}

/**
 * The server-rendered article, for a reader who is not signed in: the page already is what
 * article() would draw, so only what needs the browser is added, the comments and the view count.
 * A status page (404, 410) reads as it is.
 */
export function enhance(ctx) {
  const post = ctx.root.querySelector('[data-testid="article"]');
  if (!post) return;
  const { slug, author } = post.dataset;
  ctx.root.querySelector('noscript')?.remove();
  ctx.root.append(commentSection({ slug, author: { username: author } }));
  countView(ctx.root.querySelector('[data-testid="view-count"]'), slug);
}

// The article may have come from the gateway's cache, which no service sees: the page itself says
// it was shown, and shows the exact total it gets back.
async function countView(counter, slug) {
  try {
    const { viewCount } = await api(`/api/posts/${seg(slug)}/views`, { method: 'POST' });
    counter.textContent = t('viewCount', { n: viewCount });
  } catch {
    // The total from the article stays; a view not counted is no reason to bother the reader.
  }
}

async function fillAuthorBio(card, username) {
  if (!username) return;
  try {
    const profile = await api(`/api/users/${seg(username)}`);
    const bio = card.querySelector('.bio');
    bio.textContent = profile.bio || '';
    bio.hidden = !profile.bio;
  } catch {
    // The card already names the author; the bio is extra.
  }
}

async function fillNeighbours(nav, slug) {
  try {
    const { older, newer } = await api(`/api/posts/${seg(slug)}/neighbours`);
    const link = (x, rel, label) => x && h('a', { href: path('/posts/', x.slug), rel, class: rel }, h('span', null, label), x.title);
    fill(nav, link(older, 'prev', t('article.older')), link(newer, 'next', t('article.newer')));
    nav.hidden = !newer && !older;
  } catch {
    // Neighbour links are a convenience only.
  }
}
