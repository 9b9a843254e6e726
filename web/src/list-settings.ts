// The columns a user chose for a list, kept per user and type in the browser's
// storage (a server-side store for list settings comes with saved lists).
import { session } from './session';

function key(type: string): string {
  return `orbita.columns.${session.me?.user?.id ?? 0}.${type}`;
}

export async function loadColumns(type: string, fallback: string[]): Promise<string[]> {
  try {
    const saved = JSON.parse(localStorage.getItem(key(type)) ?? 'null');
    if (Array.isArray(saved) && saved.every((c) => typeof c === 'string') && saved.length > 0) return saved;
  } catch {
    // A damaged entry falls back to the type's default columns.
  }
  return fallback;
}

export function saveColumns(type: string, columns: string[]): void {
  localStorage.setItem(key(type), JSON.stringify(columns));
}
