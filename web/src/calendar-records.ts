// What the calendar screen needs from the records API: which fields can place a record
// on a calendar, the records of a period, and the value a drag to a new day writes.
import { api } from './api';
import type { EntityType, FieldDef } from './types';

/** Date and datetime fields, the one the type names as its `date` role first. */
export function dateFields(type: EntityType): FieldDef[] {
  const dated = type.fields.filter((f) => (f.type === 'date' || f.type === 'datetime') && !f.system);
  const role = type.roles?.date;
  return [...dated.filter((f) => f.name === role), ...dated.filter((f) => f.name !== role)];
}

/** Keeps a calendar from asking for more than this many records of one period. */
const MAX_RECORDS = 2000;

/** The records whose `field` falls in [start, end), following keyset pages. */
export async function recordsBetween(type: string, field: FieldDef, start: string, end: string): Promise<Record<string, any>[]> {
  const bound = (text: string) => (field.type === 'date' ? text.slice(0, 10) : new Date(text).toISOString());
  const filter = JSON.stringify({ and: [{ field: field.name, op: 'ge', value: bound(start) }, { field: field.name, op: 'lt', value: bound(end) }] });
  const rows: Record<string, any>[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Record<string, any>[]; next_cursor: string | null } = await api('GET',
      `/api/v1/records/${type}?limit=500&sort=${field.name}&filter=${encodeURIComponent(filter)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    rows.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor && rows.length < MAX_RECORDS);
  return rows;
}

/** The value a record dropped at `moment` gets: the local day for dates, the instant for datetimes. */
export function movedValue(field: FieldDef, moment: Date): string {
  if (field.type === 'datetime') return moment.toISOString();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}
