// Titles of referenced records (`ref` and `user` fields), fetched in one request per
// target type and cached; a record the user may not read keeps showing as #id.
import { reactive } from 'vue';
import { api } from './api';
import type { FieldDef } from './types';

export const titles = reactive<Record<string, string>>({});

export async function resolveTitles(fields: FieldDef[], rows: Record<string, any>[]): Promise<void> {
  const wanted = new Map<string, Set<number>>();
  for (const field of fields) {
    if ((field.type !== 'ref' && field.type !== 'user') || !field.target) continue;
    for (const row of rows) {
      const id = row[field.name];
      if (typeof id === 'number' && titles[`${field.target}:${id}`] === undefined) {
        if (!wanted.has(field.target)) wanted.set(field.target, new Set());
        wanted.get(field.target)!.add(id);
      }
    }
  }
  await Promise.all(
    [...wanted].map(async ([target, ids]) => {
      const filter = JSON.stringify({ field: 'id', op: 'in', value: [...ids] });
      try {
        const page = await api<{ items: Record<string, any>[] }>(
          'GET', `/api/v1/records/${target}?limit=${ids.size}&filter=${encodeURIComponent(filter)}`);
        for (const item of page.items) titles[`${target}:${item.id}`] = item._title ?? `#${item.id}`;
      } catch {
        // Not readable: the ids stay as they are.
      }
    }),
  );
}
