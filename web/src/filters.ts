// Turns the list's per-column filter inputs into the kernel's filter tree
// ({"and": [{field, op, value}, ...]}).
import type { FieldDef } from './types';

export interface ColumnFilter {
  op: string;
  value: string;
}

const TEXT = ['string', 'text', 'email', 'phone', 'autonumber'];

export function buildFilter(fields: FieldDef[], filters: Record<string, ColumnFilter>): object | null {
  const terms: object[] = [];
  for (const field of fields) {
    const raw = filters[field.name]?.value?.trim();
    if (!raw) continue;
    if (TEXT.includes(field.type)) {
      terms.push({ field: field.name, op: 'contains', value: raw });
    } else if (field.type === 'int' || field.type === 'decimal') {
      const number = Number(raw.replace(',', '.'));
      if (!Number.isNaN(number)) terms.push({ field: field.name, op: 'eq', value: number });
    } else {
      terms.push({ field: field.name, op: 'eq', value: raw });
    }
  }
  if (terms.length === 0) return null;
  return terms.length === 1 ? terms[0] : { and: terms };
}

/** The column filter inputs that build `tree` back (a saved list being applied):
 *  field terms at the top or under one "and", as buildFilter writes them. */
export function filtersFromTree(tree: any): Record<string, string> {
  const out: Record<string, string> = {};
  const terms = tree?.and ?? (tree ? [tree] : []);
  for (const term of terms) if (term?.field && term.value !== undefined) out[term.field] = String(term.value);
  return out;
}
