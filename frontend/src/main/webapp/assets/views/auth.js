// Sign-in and registration.

import { api, login as signIn, currentUser, mayWrite } from '../api.js';
import { t } from '../i18n.js';
import { h, field, errorBox, showErrors, busy, announce, fill } from '../dom.js';

/** Only same-site paths: ?next= must not send anyone to another origin ("//evil.example"). */
function nextUrl(ctx) {
  const next = ctx.query.get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function authForm(testid, fields, submitLabel, onSubmit) {
  const form = h('form', { class: 'stack narrow', 'data-testid': testid, novalidate: true },
    errorBox(), ...fields,
    h('p', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': `${testid}-submit` }, submitLabel)));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(form, async () => {
      try {
        await onSubmit(form.elements);
      } catch (err) {
        showErrors(form, err);
      }
    });
  });
  return form;
}

export async function login(ctx) {
  ctx.setMeta({ title: t('auth.login') });
  if (currentUser()) return ctx.navigate(nextUrl(ctx), { replace: true });
  fill(ctx.root,
    h('h1', null, t('auth.login')),
    authForm('login-form', [
      field({ name: 'login', label: t('auth.loginName'), autocomplete: 'username', required: true, testid: 'login-username' }),
      field({ name: 'password', label: t('auth.password'), type: 'password', autocomplete: 'current-password', required: true, testid: 'login-password' }),
    ], t('auth.login'), async (el) => {
      const user = await signIn(el.login.value.trim(), el.password.value);
      announce(t('auth.welcome', { name: user.displayName || user.username }));
      ctx.navigate(nextUrl(ctx), { replace: true });
    }),
    h('p', null, t('auth.noAccount'), ' ', h('a', { href: `/register${location.search}` }, t('auth.register'))));
}

export async function register(ctx) {
  ctx.setMeta({ title: t('auth.register') });
  fill(ctx.root,
    h('h1', null, t('auth.register')),
    authForm('register-form', [
      field({ name: 'username', label: t('auth.username'), autocomplete: 'username', required: true, hint: t('auth.usernameHint'), testid: 'register-username', attrs: { pattern: '[a-z0-9_\\-]{3,32}', maxlength: 32 } }),
      field({ name: 'email', label: t('auth.email'), type: 'email', autocomplete: 'email', required: true, testid: 'register-email' }),
      field({ name: 'displayName', label: t('auth.displayName'), autocomplete: 'name', testid: 'register-display-name', attrs: { maxlength: 100 } }),
      field({ name: 'password', label: t('auth.password'), type: 'password', autocomplete: 'new-password', required: true, hint: t('auth.passwordHint'), testid: 'register-password' }),
    ], t('auth.register'), async (el) => {
      const username = el.username.value.trim();
      await api('/api/users', {
        method: 'POST',
        body: { username, email: el.email.value.trim(), password: el.password.value, displayName: el.displayName.value.trim() || null },
      });
      await signIn(username, el.password.value);
      // New accounts may be readers only (BLOG_REGISTRATION_DEFAULT_ROLE): say how writing comes.
      announce(t(mayWrite() ? 'auth.registered' : 'auth.registeredReader'));
      ctx.navigate(nextUrl(ctx), { replace: true });
    }),
    h('p', null, t('auth.haveAccount'), ' ', h('a', { href: `/login${location.search}` }, t('auth.login'))));
}
