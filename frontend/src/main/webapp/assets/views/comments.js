// The comment thread under an article: roots paged by cursor with their reply trees, reply and
// edit forms in place, and the commenter's own pending comments marked as visible only to them.

import { api, seg, currentUser, moderatesAll } from '../api.js';
import { t } from '../i18n.js';
import { h, time, authorLink, trustedHtml, field, fieldError, errorBox, showErrors, busy, announce, errorText } from '../dom.js';

const PAGE = 20;

export function commentSection(article) {
  const user = currentUser();
  const thread = h('ol', { class: 'thread', 'data-testid': 'comment-list' });
  const more = h('button', { type: 'button', class: 'more', 'data-testid': 'comments-more', hidden: true }, t('comments.more'));
  const status = h('p', { class: 'loading' }, t('loading'));
  let cursor = null;

  // Whoever moderates the article's comments may delete any of them.
  const mayDelete = (c) => !!user && (c.author?.username === user.username
    || article.author?.username === user.username || moderatesAll());

  function node(c) {
    const li = h('li', { class: 'comment-item', id: `comment-${c.id}`, 'data-testid': 'comment-item', 'data-id': c.id });
    li.append(c.deleted ? placeholder() : entry(c, li));
    if (c.replies?.length) li.append(h('ol', { class: 'replies' }, c.replies.map(node)));
    return li;
  }

  const placeholder = () => h('p', { class: 'comment placeholder', 'data-testid': 'comment-deleted' }, t('comment.deleted'));

  function entry(c, li) {
    const actions = h('p', { class: 'comment-actions' },
      user ? h('button', { type: 'button', class: 'linkish', 'data-testid': 'comment-reply', onclick: () => openReply(c, li, actions) }, t('comment.reply')) : null,
      // The API returns the Markdown only to the comment's author: exactly who may edit it.
      c.body != null ? h('button', { type: 'button', class: 'linkish', 'data-testid': 'comment-edit', onclick: () => openEdit(c, li) }, t('comment.edit')) : null,
      mayDelete(c) ? h('button', { type: 'button', class: 'linkish danger', 'data-testid': 'comment-delete', onclick: () => remove(c, li) }, t('comment.delete')) : null);
    actions.hidden = !actions.children.length;
    return h('article', { class: 'comment', tabindex: '-1', 'aria-label': t('comment.by', { name: c.author?.displayName || c.author?.username || '' }) },
      h('p', { class: 'meta' },
        authorLink(c.author),
        time(c.createdAt, true),
        c.edited ? h('span', null, t('comment.edited')) : null,
        c.depth >= 5 && c.replyToAuthor ? h('span', null, t('comment.replyTo', { name: c.replyToAuthor })) : null),
      c.pending ? h('p', { class: 'badge pending', 'data-testid': 'comment-pending' }, t('comment.pending')) : null,
      c.status === 'SPAM' || c.status === 'REJECTED' ? h('p', { class: 'badge held', 'data-testid': 'comment-held' }, t(`comment.${c.status}`)) : null,
      trustedHtml(h('div', { class: 'comment-body prose' }), c.bodyHtml),
      actions);
  }

  function form({ label, value = '', submit, onSubmit, onCancel }) {
    const f = h('form', { class: 'comment-form', 'data-testid': 'comment-form', novalidate: true },
      errorBox(),
      field({ name: 'body', label, value, multiline: true, rows: 4, required: true, testid: 'comment-body', hint: t('comment.hint'), attrs: { maxlength: 5000 } }),
      h('p', { class: 'buttons' },
        h('button', { type: 'submit', 'data-testid': 'comment-submit' }, submit),
        onCancel ? h('button', { type: 'button', class: 'secondary', onclick: onCancel }, t('cancel')) : null));
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = f.elements.body.value.trim();
      if (!body) return showErrors(f, fieldError('body', t('validation.required')));
      busy(f, async () => {
        try {
          await onSubmit(body);
        } catch (err) {
          showErrors(f, err);
        }
      });
    });
    return f;
  }

  function afterPost(c) {
    announce(c.pending ? t('comment.pendingNotice') : c.status === 'SPAM' ? t('comment.spamNotice') : t('comment.posted'));
  }

  const post = (body, parentId) => api('/api/comments', { method: 'POST', body: { post: article.slug, parentId, body } });

  function openReply(c, li, actions) {
    if (li.querySelector(':scope > .comment-form')) return li.querySelector(':scope > .comment-form textarea').focus();
    const f = form({
      label: t('comment.replyLabel', { name: c.author?.displayName || c.author?.username || '' }),
      submit: t('comment.postReply'),
      onCancel: () => { f.remove(); actions.querySelector('button')?.focus(); },
      onSubmit: async (body) => {
        const created = await post(body, c.id);
        let replies = li.querySelector(':scope > .replies');
        if (!replies) li.append(replies = h('ol', { class: 'replies' }));
        const added = node(created);
        replies.append(added);
        f.remove();
        afterPost(created);
        added.querySelector('.comment').focus();
      },
    });
    li.firstChild.after(f);
    f.elements.body.focus();
  }

  function openEdit(c, li) {
    const shown = li.firstChild;
    const f = form({
      label: t('comment.editLabel'),
      value: c.body,
      submit: t('save'),
      onCancel: () => { f.replaceWith(shown); shown.focus(); },
      onSubmit: async (body) => {
        const updated = await api(`/api/comments/${seg(c.id)}`, { method: 'PATCH', body: { body } });
        // The edit answer carries no replies; the ones on screen stay where they are.
        const fresh = entry({ ...c, ...updated }, li);
        f.replaceWith(fresh);
        announce(updated.status === 'SPAM' ? t('comment.spamNotice') : t('comment.saved'));
        fresh.focus();
      },
    });
    shown.replaceWith(f);
    f.elements.body.focus();
  }

  async function remove(c, li) {
    if (!confirm(t('comment.confirmDelete'))) return;
    try {
      await api(`/api/comments/${seg(c.id)}`, { method: 'DELETE' });
      // A comment with replies stays as a placeholder so the replies keep their context.
      if (li.querySelector(':scope > .replies > li')) li.firstChild.replaceWith(placeholder());
      else li.remove();
      announce(t('comment.deletedNotice'));
      section.querySelector('h2').focus();
    } catch (err) {
      announce(errorText(err));
    }
  }

  async function load() {
    const params = new URLSearchParams({ post: article.slug, limit: PAGE, order: 'oldest' });
    if (cursor) params.set('cursor', cursor);
    const page = await api(`/api/comments?${params}`);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    const nodes = page.items.map(node);
    thread.append(...nodes);
    return nodes;
  }

  more.addEventListener('click', () => busy(more.parentElement, async () => {
    try {
      const nodes = await load();
      announce(t('loaded', { n: nodes.length }));
      nodes[0]?.querySelector('.comment')?.focus();
    } catch (err) {
      announce(errorText(err));
    }
  }));

  const rootForm = user
    ? form({
      label: t('comment.new'),
      submit: t('comment.post'),
      onSubmit: async (body) => {
        const created = await post(body);
        const added = node(created);
        thread.append(added);
        status.hidden = true;
        rootForm.elements.body.value = '';
        afterPost(created);
        added.querySelector('.comment').focus();
      },
    })
    : h('p', null, h('a', { href: `/login?next=${encodeURIComponent(`${location.pathname}#comments`)}`, 'data-testid': 'comment-login' }, t('comment.signIn')));

  const section = h('section', { id: 'comments', class: 'comments', 'aria-labelledby': 'comments-title' },
    h('h2', { id: 'comments-title', tabindex: '-1' }, t('comments.title')),
    status, thread, h('div', { class: 'more-row' }, more), rootForm);

  load().then((nodes) => {
    status.textContent = t('comments.none');
    status.hidden = nodes.length > 0;
  }, (err) => {
    status.textContent = errorText(err);
  });
  return section;
}
