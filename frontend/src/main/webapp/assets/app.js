// Bootstrapping and routing: every screen has a real URL, links are intercepted and rendered
// with history.pushState, and each view module is loaded only when its route is first visited.

import { t, lang, setLang, LANGS } from './i18n.js';
import { restoreSession, onAuthChange, currentUser, mayWrite, mayModerate, logout } from './api.js';
import { h, announce, errorText, fill } from './dom.js';

const SITE = 'Blog';

// [pattern, module in views/, exported view, needs a signed-in user]
const ROUTES = [
  ['/', 'home', 'home'],
  ['/tags/:tag', 'home', 'tag'],
  ['/authors/:username', 'home', 'author'],
  ['/posts/:slug', 'article', 'article'],
  ['/search', 'search', 'search'],
  ['/login', 'auth', 'login'],
  ['/register', 'auth', 'register'],
  ['/settings', 'settings', 'settings', true],
  ['/write', 'editor', 'editor', true],
  ['/write/:slug', 'editor', 'editor', true],
  ['/write/:slug/revisions', 'revisions', 'revisions', true],
  ['/me/articles', 'mine', 'mine', true],
  ['/moderation', 'moderation', 'moderation', true],
].map(([pattern, file, name, auth]) => ({
  re: new RegExp(`^${pattern.replace(/:(\w+)/g, '(?<$1>[^/]+)')}/?$`),
  file, name, auth,
}));

const main = document.getElementById('main');
let renderSeq = 0;
let cleanup = null;
let leaveGuard = null;
let shownUrl = location.pathname + location.search;

function match(pathname) {
  for (const route of ROUTES) {
    const m = route.re.exec(pathname);
    if (m) {
      const params = {};
      try {
        for (const [k, v] of Object.entries(m.groups || {})) params[k] = decodeURIComponent(v);
      } catch {
        return null; // a malformed %-escape names nothing that exists
      }
      return { route, params };
    }
  }
  return null;
}

/** Asks before leaving a screen with unsaved work; true when it is fine to go. */
function mayLeave() {
  return !leaveGuard?.() || confirm(t('unsaved.confirm'));
}

export function navigate(url, { replace = false } = {}) {
  if (!mayLeave()) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  render({ focus: true, scroll: true });
}

/** Changes the address without rendering again (a renamed slug, a saved new article). */
export function replaceUrl(url) {
  history.replaceState(null, '', url);
  shownUrl = location.pathname + location.search;
}

/** Title, description and Open Graph tags of the current screen. */
function setMeta({ title, description, type = 'website', image } = {}) {
  document.title = title ? `${title} · ${SITE}` : SITE;
  const put = (selector, value) => document.querySelector(selector)?.setAttribute('content', value);
  const desc = description || t('site.description');
  put('meta[name="description"]', desc);
  put('meta[property="og:title"]', title || SITE);
  put('meta[property="og:description"]', desc);
  put('meta[property="og:type"]', type);
  put('meta[property="og:url"]', location.href);
  put('meta[property="og:image"]', image || `${location.origin}/favicon.svg`);
  put('meta[property="og:locale"]', lang().replace('-', '_'));
}

async function render({ focus = false, scroll = false } = {}) {
  const seq = ++renderSeq;
  cleanup?.();
  cleanup = null;
  leaveGuard = null;
  shownUrl = location.pathname + location.search;
  renderNav();
  const found = match(location.pathname);
  // A page the server rendered stays as it is, readable, until its view has drawn the same page
  // (with what only the browser knows: the reader's account, comments); then one swap, no
  // "Loading…" in between. Every later screen is drawn here from the start.
  const serverPage = main.hasAttribute('data-server-rendered');
  main.removeAttribute('data-server-rendered');
  // Each render gets its own root: a slow view finishing after the reader moved on writes
  // into a detached element instead of the new screen.
  let root = h('div', { class: 'view' }, h('p', { class: 'loading' }, t('loading')));
  if (!serverPage) {
    fill(main, root);
    main.setAttribute('aria-busy', 'true');
  }
  if (scroll) scrollTo(0, 0);
  const current = () => seq === renderSeq;
  try {
    if (!found) {
      notFound(root);
    } else if (found.route.auth && !currentUser()) {
      navigate(`/login?next=${encodeURIComponent(shownUrl)}`, { replace: true });
      return;
    } else {
      const mod = await import(`./views/${found.route.file}.js`);
      if (!current()) return;
      // What the server drew for everyone is all an anonymous reader needs of the article and the
      // lists: the view only adds to it (enhance), which spares the reader's phone drawing the page twice.
      const adopt = serverPage && mod.enhance && !currentUser();
      if (adopt) root = main.querySelector('.view');
      const ctx = {
        root, params: found.params, query: new URLSearchParams(location.search), current, navigate, replaceUrl,
        setMeta: (m) => current() && setMeta(m),
        setGuard: (fn) => { if (current()) leaveGuard = fn; },
      };
      const done = await (adopt ? mod.enhance(ctx) : mod[found.route.name](ctx));
      if (!current()) {
        done?.();
        return;
      }
      cleanup = done || null;
    }
  } catch (err) {
    if (!current()) return;
    // The server's page already says what there is to say (or shows the article); keep it.
    if (serverPage && err?.status !== 401) return;
    if (err?.status === 404) notFound(root);
    else if (err?.status === 401) return navigate(`/login?next=${encodeURIComponent(shownUrl)}`, { replace: true });
    else showFailure(root, err);
  }
  if (!root.isConnected) fill(main, root);
  main.removeAttribute('aria-busy');
  // After in-app navigation the reader's focus would stay on a link that no longer exists;
  // the new heading is where a screen reader user expects to continue.
  if (focus) {
    const heading = root.querySelector('h1');
    heading?.setAttribute('tabindex', '-1');
    (heading || main).focus({ preventScroll: !scroll });
  }
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
}

function notFound(root) {
  setMeta({ title: t('notFound.title') });
  fill(root,
    h('h1', { tabindex: '-1' }, t('notFound.title')),
    h('p', null, t('notFound.text')),
    h('p', null, h('a', { href: '/' }, t('nav.home'))));
}

function showFailure(root, err) {
  setMeta({ title: t('error.title') });
  fill(root,
    h('h1', { tabindex: '-1' }, t('error.title')),
    h('p', { class: 'error-box', 'data-testid': 'error-message' }, errorText(err)),
    h('p', null, h('button', { type: 'button', onclick: () => render({ focus: true }) }, t('retry'))));
}

function renderNav() {
  const user = currentUser();
  const here = location.pathname;
  const link = (href, label, testid) => h('li', null, h('a', {
    href, 'data-testid': testid,
    'aria-current': (href === '/' ? here === '/' : here === href || here.startsWith(`${href}/`)) ? 'page' : null,
  }, label));
  fill(document.getElementById('nav-list'),
    link('/', t('nav.home'), 'nav-home'),
    link('/search', t('nav.search'), 'nav-search'),
    user && mayWrite() ? link('/write', t('nav.write'), 'nav-write') : null,
    user && mayWrite() ? link('/me/articles', t('nav.mine'), 'nav-mine') : null,
    user && mayModerate() ? link('/moderation', t('nav.moderation'), 'nav-moderation') : null,
    user ? link('/settings', t('nav.settings'), 'nav-settings') : null,
    user
      ? h('li', null, h('button', { type: 'button', class: 'linkish', 'data-testid': 'logout', onclick: onLogout }, t('nav.logout', { name: user.displayName || user.username })))
      : link('/login', t('nav.login'), 'nav-login'),
    user ? null : link('/register', t('nav.register'), 'nav-register'));
  const other = lang() === 'en' ? 'zh-CN' : 'en';
  const sw = document.getElementById('lang-switch');
  if (sw.href !== undefined) sw.href = withLang(location.href, other);
  sw.textContent = LANGS[other];
  sw.setAttribute('lang', other);
  sw.setAttribute('aria-label', `${t('lang.switch')}: ${LANGS[other]}`);
  document.getElementById('skip-link').textContent = t('skip');
  document.getElementById('site-name').textContent = SITE;
  document.getElementById('nav').setAttribute('aria-label', t('nav.label'));
  document.getElementById('footer-text').textContent = t('footer.feeds');
}

async function onLogout() {
  if (!mayLeave()) return;
  leaveGuard = null;
  try {
    await logout();
  } finally {
    announce(t('auth.loggedOut'));
    navigate('/');
  }
}

function onLinkClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  // API documents and feeds are real files, not screens.
  if (/^\/api\/|\.(xml|svg|css|js)$/.test(a.pathname)) return;
  if (a.pathname === location.pathname && a.search === location.search && a.hash) return;
  e.preventDefault();
  navigate(a.pathname + a.search + a.hash);
}

function onPopState() {
  // Following an in-page anchor (the skip link, #comments) also fires popstate; the screen stays.
  if (location.pathname + location.search === shownUrl) return;
  if (!mayLeave()) {
    // Undo the back/forward step; the reader chose to stay with their work.
    history.pushState(null, '', shownUrl);
    return;
  }
  render({ focus: true });
}

/** The address with ?lang= naming `language`, left out for English, the default. */
function withLang(href, language) {
  const url = new URL(href);
  if (language === 'en') url.searchParams.delete('lang');
  else url.searchParams.set('lang', language);
  return url.pathname + url.search + url.hash;
}

async function start() {
  document.documentElement.lang = lang();
  document.getElementById('lang-switch').addEventListener('click', (e) => {
    // On a server-rendered page the switch is a link to the page in the other language, for
    // readers without script; with it, the screen changes language in place.
    e.preventDefault();
    setLang(lang() === 'en' ? 'zh-CN' : 'en');
    history.replaceState(null, '', withLang(location.href, lang()));
    shownUrl = location.pathname + location.search;
    // Views keep unsaved work in local drafts, so a fresh render in the new language is safe.
    leaveGuard = null;
    render({ focus: false });
    announce(t('lang.changed'));
  });
  document.addEventListener('click', onLinkClick);
  addEventListener('popstate', onPopState);
  renderNav();
  await restoreSession();
  onAuthChange(() => renderNav());
  render();
}

start();
