// Talks to the kernel's REST API: JSON in and out, the CSRF token on every change,
// RFC 9457 problems turned into ApiError, and a hook for "the session is gone".

/** An RFC 9457 problem answered by the server. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { field: string; code: string; message: string }[];
  current?: Record<string, unknown>;
}

/** A failed API call; `problem` carries the server's explanation. */
export class ApiError extends Error {
  constructor(public readonly status: number, public readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
  }
}

let csrfToken = '';
let onUnauthorized: (() => void) | null = null;

/** Remembers the token the login or /auth/me answer carried. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called once when any call answers 401 (session expired or signed out elsewhere). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Do not run the 401 handler (the login form handles its own 401). */
  quiet401?: boolean;
  /** A file sent as the raw body (uploads), instead of JSON. */
  raw?: Blob;
}

/** One API call; resolves to the parsed JSON answer (undefined for 204). */
export async function api<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: string | Blob | undefined;
  if (options.raw) {
    headers['Content-Type'] = options.raw.type || 'application/octet-stream';
    body = options.raw;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401 && onUnauthorized) onUnauthorized();
    throw new ApiError(response.status, data ?? { status: response.status });
  }
  return data as T;
}

/** Builds a query string, skipping empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
