/*
 * Calls to the inbox API. Every call carries "Authorization: Bearer <token>" when the page holds a token; without
 * one the page still calls the API: behind an OIDC-aware reverse proxy (e.g. oauth2-proxy with its Authorization
 * header pass-through) the proxy adds the clinician's token itself. A 401 signs the page out.
 */
import { state } from './session.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let onUnauthorized = () => {};

/** What a 401 does (the sign-in module registers it: back to the sign-in panel). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/** Throws after signing out when the answer is a 401. */
export function checkSignedIn(response) {
  if (response.status === 401) {
    onUnauthorized('Your session has ended. Please sign in again.');
    throw new ApiError(401, 'not signed in');
  }
  return response;
}

export function authHeaders(extra) {
  const headers = extra || {};
  if (state.token) { headers.Authorization = 'Bearer ' + state.token; }
  return headers;
}

export function api(method, path, body) {
  const init = { method, headers: authHeaders({ Accept: 'application/json' }), credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(path, init).then(checkSignedIn).then((response) => {
    if (!response.ok) {
      return response.text().then((text) => {
        throw new ApiError(response.status, 'HTTP ' + response.status + (text ? ': ' + text.slice(0, 200) : ''));
      });
    }
    return response.status === 204 ? null : response.json();
  });
}
