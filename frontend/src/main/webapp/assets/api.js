// The only module that talks to the server: JSON in and out, problem+json turned into ApiError,
// the access token attached and refreshed. The access token lives in memory only (an XSS cannot
// read it from storage); the refresh token must survive reloads, so it sits in localStorage.

const REFRESH_KEY = 'blog.refreshToken';
// A sign-out the server has not heard of yet: its refresh token, kept only to end that session.
const PENDING_LOGOUT_KEY = 'blog.pendingLogout';
const REFRESH_URL = '/api/users/refresh';
// A 401 from these means wrong credentials, not an expired access token.
const NO_REPLAY = new Set([REFRESH_URL, '/api/users/login']);
// Refresh this long before the access token expires, so requests never race its expiry.
const EARLY_MS = 60_000;

let access = null; // { token, expiresAt }
let user = null;
let timer = 0;
let refreshing = null;
const listeners = new Set();

/** An HTTP failure described by the server's RFC 9457 document (or status 0 for a network failure). */
export class ApiError extends Error {
  constructor(status, problem = {}, retryAfter = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors.filter((e) => e && e.message) : [];
    this.traceId = problem.traceId || '';
    this.retryAfter = retryAfter;
  }
}

export const currentUser = () => user;
export const hasRole = (...roles) => !!user && roles.some((r) => user.roles?.includes(r));
export const mayWrite = () => hasRole('AUTHOR', 'EDITOR', 'ADMIN');
export const moderatesAll = () => hasRole('EDITOR', 'ADMIN');
/** Authors moderate comments on their own articles, so they get the queue too. */
export const mayModerate = () => mayWrite();

export function onAuthChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function setSession(pair) {
  clearTimeout(timer);
  const before = user?.username;
  if (pair) {
    access = { token: pair.accessToken, expiresAt: Date.now() + pair.expiresIn * 1000 };
    user = pair.user;
    localStorage.setItem(REFRESH_KEY, pair.refreshToken);
    timer = setTimeout(refresh, Math.max(10_000, pair.expiresIn * 1000 - EARLY_MS));
  } else {
    access = null;
    user = null;
  }
  if (before !== user?.username) listeners.forEach((fn) => fn(user));
}

/** Runs fn under a cross-tab lock where supported: two tabs rotating one refresh token would
 *  look like token theft to the server, which then ends the whole session. */
function exclusive(fn) {
  return navigator.locks ? navigator.locks.request('blog-refresh', fn) : fn();
}

/** Gets a new token pair; true when signed in afterwards. Concurrent callers share one attempt. */
export function refresh() {
  refreshing ??= exclusive(async () => {
    // Read inside the lock: another tab may have rotated the token a moment ago.
    const token = localStorage.getItem(REFRESH_KEY);
    if (!token) {
      setSession(null);
      return false;
    }
    let res;
    try {
      res = await fetch(REFRESH_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken: token }),
      });
    } catch {
      return !!access; // offline: keep what we have and try again on the next request
    }
    if (res.ok) {
      setSession(await res.json());
      return true;
    }
    if (res.status === 400 || res.status === 401) {
      if (localStorage.getItem(REFRESH_KEY) === token) localStorage.removeItem(REFRESH_KEY);
      setSession(null);
    }
    return false;
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Called once at start-up: a stored refresh token becomes a session again. */
export async function restoreSession() {
  finishPendingLogout();
  if (localStorage.getItem(REFRESH_KEY)) await refresh();
  // Signing out (or in) in another tab changes the stored token; follow it here.
  addEventListener('storage', (e) => {
    if (e.key !== REFRESH_KEY) return;
    if (!e.newValue) setSession(null);
    else if (!user) refresh();
  });
}

export async function login(loginName, password) {
  const { data } = await request('/api/users/login', { method: 'POST', body: { login: loginName, password } });
  setSession(data);
  return data.user;
}

export async function logout() {
  const refreshToken = localStorage.getItem(REFRESH_KEY);
  try {
    if (access) await request('/api/users/logout', { method: 'POST', body: { refreshToken } });
  } catch (err) {
    // The server could not be told. Forgetting the refresh token would leave its session valid
    // for 30 days: it is kept aside until the sign-out reaches the server (finishPendingLogout).
    // A 401 is the server saying the session is over already (revoked by a role change, say).
    const over = err instanceof ApiError && err.status === 401;
    if (refreshToken && !over) localStorage.setItem(PENDING_LOGOUT_KEY, refreshToken);
  } finally {
    // Signed out locally at once, whatever the server heard.
    localStorage.removeItem(REFRESH_KEY);
    setSession(null);
  }
}

/**
 * Ends, server-side, a session whose sign-out failed earlier: logout needs an access token of that
 * session, so the kept refresh token is exchanged for one first. A 400/401 means the session is
 * over anyway; anything else (offline) is tried again at the next start.
 */
async function finishPendingLogout() {
  const pending = localStorage.getItem(PENDING_LOGOUT_KEY);
  if (!pending) return;
  const post = (url, body, token) => fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  try {
    const res = await post(REFRESH_URL, { refreshToken: pending });
    if (res.status === 400 || res.status === 401) {
      localStorage.removeItem(PENDING_LOGOUT_KEY);
      return;
    }
    if (!res.ok) return;
    const pair = await res.json();
    const out = await post('/api/users/logout', { refreshToken: pair.refreshToken }, pair.accessToken);
    if (out.ok) localStorage.removeItem(PENDING_LOGOUT_KEY);
  } catch {
    // Offline again: the next start tries once more.
  }
}

/** Replaces the cached user after a profile change, keeping the tokens. */
export function updateUser(next) {
  user = { ...user, ...next };
}

async function problemFrom(res) {
  let problem = {};
  if (/json/.test(res.headers.get('Content-Type') || '')) {
    try {
      problem = (await res.json()) || {};
    } catch {
      // An unreadable body still leaves the status to explain the failure.
    }
  }
  const retry = parseInt(res.headers.get('Retry-After') || '', 10);
  return new ApiError(res.status, problem, Number.isFinite(retry) ? retry : null);
}

/**
 * fetch with JSON, auth and problem handling. Resolves to { data, res } so callers can read
 * headers (ETag) and the final URL after a redirect; rejects with ApiError.
 * Options: method, body (serialized as JSON) or raw (a Blob sent as it is, with the Content-Type the
 * caller puts in headers), headers, signal, cache.
 */
export async function request(path, opts = {}, retried = false) {
  if (access && Date.now() > access.expiresAt - 30_000) await refresh();
  const headers = { Accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (access) headers.Authorization = `Bearer ${access.token}`;
  let res;
  try {
    res = await fetch(path, {
      method: opts.method || 'GET',
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: opts.signal,
      // Signed-in readers must not get a copy cached while they were anonymous (it lacks
      // their drafts, pending comments and editor fields), so they always revalidate.
      cache: opts.cache || (access ? 'no-cache' : 'default'),
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0);
  }
  // An expired or revoked access token: refresh once and replay.
  if (res.status === 401 && !retried && !NO_REPLAY.has(path) && localStorage.getItem(REFRESH_KEY)) {
    if (await refresh()) return request(path, opts, true);
  }
  if (!res.ok) throw await problemFrom(res);
  let data = null;
  if (res.status !== 204 && /json/.test(res.headers.get('Content-Type') || '')) data = await res.json();
  return { data, res };
}

export const api = (path, opts) => request(path, opts).then((r) => r.data);

/** Encodes one path segment (slugs and tags may be non-ASCII). */
export const seg = encodeURIComponent;
