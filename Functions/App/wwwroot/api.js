// Calls the app API as the signed-in person. State-changing calls carry X-Klaxon-App, the anti-forgery header the
// server requires (a cross-site page cannot add it without a CORS preflight the app never grants).

export class SignInRequired extends Error {
  constructor(url) { super('sign in required'); this.signInUrl = url; }
}

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.message || (body.errors || []).map(e => `${e.field} ${e.message}`).join('; '))) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body, raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Klaxon-App'] = '1';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (response.status === 401 && json && json.signInUrl) throw new SignInRequired(json.signInUrl);
  if (!response.ok) throw new ApiError(response.status, json);
  return raw ? text : json;
}

export const accountPath = (accountId, rest = '') => `/app/api/accounts/${encodeURIComponent(accountId)}${rest}`;
