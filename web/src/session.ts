// Who is signed in: the /auth/me answer, kept in one reactive object.
import { reactive } from 'vue';
import { api, setCsrfToken } from './api';
import { setLocale, type Locale } from './i18n';
import { startLive, stopLive } from './live';

export interface Me {
  user: Record<string, any>;
  roles: string[];
  permissions: { administrator: boolean; auditor: boolean };
  csrf_token: string;
  totp_setup_required: boolean;
}

export const session = reactive<{ me: Me | null; checked: boolean }>({ me: null, checked: false });

/** Loads the current user; false when there is no valid session. */
export async function loadSession(): Promise<boolean> {
  try {
    const me = await api<Me>('GET', '/api/v1/auth/me', { quiet401: true });
    setCsrfToken(me.csrf_token);
    session.me = me;
    // A session that still owes its TOTP set-up may reach /auth/ only: no live feed yet.
    if (!me.totp_setup_required) startLive();
    const userLocale = me.user?.locale as Locale | undefined;
    if (userLocale === 'ru' || userLocale === 'en') setLocale(userLocale);
    return true;
  } catch {
    session.me = null;
    return false;
  } finally {
    session.checked = true;
  }
}

/** Signs in; throws ApiError (401 wrong password, 423 locked, 400 with a `totp` error when a code is needed). */
export async function signIn(login: string, password: string, totp?: string): Promise<void> {
  const answer = await api<{ csrf_token: string }>('POST', '/api/v1/auth/login', {
    body: totp ? { login, password, totp } : { login, password },
    quiet401: true,
  });
  setCsrfToken(answer.csrf_token);
  await loadSession();
}

export async function signOut(): Promise<void> {
  try {
    await api('POST', '/api/v1/auth/logout');
  } finally {
    stopLive();
    session.me = null;
    setCsrfToken('');
  }
}
