// Entity type metadata as the signed-in user may see it (hidden fields are already
// left out by the server), loaded once per session.
import { reactive } from 'vue';
import { api } from './api';

export interface EnumValue {
  value: string;
  label: Record<string, string>;
  color?: string;
}

export interface FieldDef {
  name: string;
  type: string;
  label: Record<string, string>;
  required: boolean;
  readonly: boolean;
  computed: boolean;
  system: boolean;
  target?: string;
  values?: EnumValue[];
  currency?: string;
  max_length?: number;
}

export interface EntityType {
  name: string;
  label: Record<string, string>;
  plural?: Record<string, string>;
  fields: FieldDef[];
  list_columns?: string[];
  /** Title template such as "{number} {subject}". */
  title?: string;
  /** Field roles: `stage` makes it a pipeline type with a board. */
  roles?: Record<string, string>;
  access: { read: string; create: string; update: string; delete: string; export: string; readonly_fields: string[] };
}

const state = reactive<{ types: EntityType[]; loaded: boolean }>({ types: [], loaded: false });

export async function loadTypes(force = false): Promise<EntityType[]> {
  if (!state.loaded || force) {
    const answer = await api<{ items: EntityType[] }>('GET', '/api/v1/types');
    state.types = answer.items;
    state.loaded = true;
  }
  return state.types;
}

export function readableTypes(): EntityType[] {
  return state.types.filter((type) => type.access.read !== 'none');
}

export async function typeNamed(name: string): Promise<EntityType | undefined> {
  return (await loadTypes()).find((type) => type.name === name);
}

/** True for fields a user types into (not ids, versions, timestamps or autonumbers). */
export function isEditable(type: EntityType, field: FieldDef): boolean {
  if (field.system || field.computed || field.readonly || field.type === 'autonumber') return false;
  if (['files', 'json', 'refs'].includes(field.type)) return false;
  return !type.access.readonly_fields.includes(field.name);
}

export function forgetTypes(): void {
  state.types = [];
  state.loaded = false;
}
