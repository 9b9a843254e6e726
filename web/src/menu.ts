// The main menu: entries the kernel and plugins register (GET /api/v1/ui/menu, already
// filtered by the user's permissions on the server), then every other readable type, so
// that a type without a registered screen is still reachable.
import { reactive } from 'vue';
import { api } from './api';
import { readableTypes, type EntityType } from './types';

export interface MenuItem {
  id: string;
  label: Record<string, string>;
  route: string;
  icon: string;
  order: number;
  plugin: string;
}

const state = reactive<{ items: MenuItem[] }>({ items: [] });

/** Loads the registered entries for the signed-in user (kept empty if the call fails). */
export async function loadMenu(): Promise<void> {
  try {
    state.items = (await api<{ items: MenuItem[] }>('GET', '/api/v1/ui/menu')).items;
  } catch {
    state.items = [];  // the type links below still lead everywhere
  }
}

/** The registered entries, in the server's order. */
export function menuItems(): MenuItem[] {
  return state.items;
}

/** The type a route such as "/records/deal/board" opens, if it opens one. */
function typeOfRoute(route: string): string | undefined {
  return /^\/records\/([a-z0-9_]+)/.exec(route)?.[1];
}

/** Readable types no registered entry leads to. */
export function otherTypes(): EntityType[] {
  const covered = new Set(state.items.map((item) => typeOfRoute(item.route)).filter(Boolean));
  return readableTypes().filter((type) => !covered.has(type.name));
}
