// Shows field values the way people read them, per the current language.
import { label, locale } from './i18n';
import { session } from './session';
import type { FieldDef } from './types';

const intlLocale = () => (locale.value === 'ru' ? 'ru-RU' : 'en-GB');

/** A moment in the user's language and time zone (their profile's, else the browser's). */
export function formatDateTime(iso: string): string {
  const timeZone = session.me?.user?.time_zone || undefined;
  try {
    return new Date(iso).toLocaleString(intlLocale(), { timeZone, dateStyle: 'short', timeStyle: 'short' });
  } catch {
    return new Date(iso).toLocaleString(intlLocale());
  }
}

export function formatValue(field: FieldDef, value: any, titles: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'money':
      return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: value.currency || 'RUB' }).format(value.amount);
    case 'phone':
      return value.raw || value.e164 || '';
    case 'enum': {
      const option = field.values?.find((v) => v.value === value);
      return option ? label(option.label, value) : String(value);
    }
    case 'bool':
      return value ? '✓' : '—';
    case 'date':
      return new Date(`${value}T00:00:00`).toLocaleDateString(intlLocale());
    case 'datetime':
      return formatDateTime(value);
    case 'ref':
    case 'user':
      return titles[`${field.target}:${value}`] ?? `#${value}`;
    case 'refs':
    case 'files':
      return Array.isArray(value) ? String(value.length) : '';
    case 'json':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

export function enumColor(field: FieldDef, value: any): string | undefined {
  return field.values?.find((v) => v.value === value)?.color;
}
