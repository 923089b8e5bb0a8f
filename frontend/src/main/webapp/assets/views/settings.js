// The signed-in user's profile and password.

import { api, updateUser } from '../api.js';
import { t } from '../i18n.js';
import { h, field, fieldError, errorBox, showErrors, clearErrors, busy, announce, fill } from '../dom.js';

function form(testid, children, onSubmit) {
  const f = h('form', { class: 'stack narrow', 'data-testid': testid, novalidate: true }, errorBox(), ...children);
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(f, async () => {
      clearErrors(f);
      try {
        await onSubmit(f.elements, f);
      } catch (err) {
        showErrors(f, err);
      }
    });
  });
  return f;
}

export async function settings(ctx) {
  ctx.setMeta({ title: t('settings.title') });
  const me = await api('/api/users/me');

  const profile = form('profile-form', [
    h('h2', null, t('settings.profile')),
    field({ name: 'displayName', label: t('auth.displayName'), value: me.displayName, autocomplete: 'name', testid: 'settings-display-name', attrs: { maxlength: 100 } }),
    field({ name: 'email', label: t('auth.email'), type: 'email', value: me.email, autocomplete: 'email', testid: 'settings-email' }),
    field({ name: 'avatarUrl', label: t('settings.avatarUrl'), type: 'url', value: me.avatarUrl, hint: t('settings.urlHint'), testid: 'settings-avatar' }),
    field({ name: 'bio', label: t('settings.bio'), value: me.bio, multiline: true, rows: 5, testid: 'settings-bio', attrs: { maxlength: 2000 } }),
    h('p', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': 'settings-save' }, t('save'))),
  ], async (el) => {
    // Fields left out stay unchanged; an emptied display name would be rejected, so it is left out.
    const body = { email: el.email.value.trim(), avatarUrl: el.avatarUrl.value.trim(), bio: el.bio.value };
    if (el.displayName.value.trim()) body.displayName = el.displayName.value.trim();
    const updated = await api('/api/users/me', { method: 'PATCH', body });
    updateUser(updated);
    announce(t('settings.saved'));
  });

  const password = form('password-form', [
    h('h2', null, t('settings.password')),
    field({ name: 'currentPassword', label: t('settings.currentPassword'), type: 'password', autocomplete: 'current-password', required: true, testid: 'settings-current-password' }),
    field({ name: 'newPassword', label: t('settings.newPassword'), type: 'password', autocomplete: 'new-password', required: true, hint: t('auth.passwordHint'), testid: 'settings-new-password' }),
    field({ name: 'confirmPassword', label: t('settings.confirmPassword'), type: 'password', autocomplete: 'new-password', required: true, testid: 'settings-confirm-password' }),
    h('p', { class: 'buttons' }, h('button', { type: 'submit', 'data-testid': 'password-save' }, t('settings.changePassword'))),
  ], async (el, f) => {
    if (el.newPassword.value !== el.confirmPassword.value) {
      return showErrors(f, fieldError('confirmPassword', t('settings.mismatch')));
    }
    await api('/api/users/me/password', {
      method: 'PUT', body: { currentPassword: el.currentPassword.value, newPassword: el.newPassword.value },
    });
    f.reset();
    announce(t('settings.passwordChanged'));
  });

  fill(ctx.root, h('h1', null, t('settings.title')), h('p', { class: 'meta' }, `@${me.username}`), profile, password);
}
