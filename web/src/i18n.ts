// A small translation layer: ru and en catalogues, t(key, params), and labels
// declared by entity types as {ru, en}. Russian first, English complete: a missing key
// is a test failure (tests/check-i18n.mjs), and shows as the key itself at run time.
import { ref } from 'vue';
import ru from './locales/ru.json';
import en from './locales/en.json';
import adminRu from './locales/admin.ru.json';
import adminEn from './locales/admin.en.json';

export type Locale = 'ru' | 'en';
// The admin screens keep their strings in catalogues of their own, merged here.
const catalogues: Record<Locale, Record<string, string>> = { ru: { ...ru, ...adminRu }, en: { ...en, ...adminEn } };

const stored = (typeof localStorage !== 'undefined' && localStorage.getItem('orbita.locale')) as Locale | null;
/** The current language; changing it re-renders every translated string. */
export const locale = ref<Locale>(stored === 'en' || stored === 'ru' ? stored : 'ru');

export function setLocale(next: Locale): void {
  locale.value = next;
  localStorage.setItem('orbita.locale', next);
  document.documentElement.lang = next;
}

/** The translation of `key`, with `{name}` placeholders filled from `params`. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = catalogues[locale.value][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A label declared as {ru, en} (entity types, fields, enum values), else the text given. */
export function label(value: unknown, fallback = ''): string {
  if (value && typeof value === 'object') {
    const map = value as Record<string, string>;
    return map[locale.value] ?? map.ru ?? map.en ?? fallback;
  }
  return typeof value === 'string' ? value : fallback;
}
