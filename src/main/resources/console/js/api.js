// The one way the console talks to the service: same-origin fetch with the session cookie,
// and the session's CSRF token on every change.
export const session = { user: null, role: null, site: null, csrfToken: null };

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = session.csrfToken || '';
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  const type = r.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    json = await r.json();
  }
  if (r.status === 401 && path.startsWith('/api/')) {
    window.dispatchEvent(new CustomEvent('hemowatch:logged-out'));
  }
  return { ok: r.ok, status: r.status, json };
}

export function setSession(s) {
  Object.assign(session, s || { user: null, role: null, site: null, csrfToken: null });
}
