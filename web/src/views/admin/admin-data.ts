// Small shared pieces of the admin screens: the error text of a failed call (with the
// server's per-field messages), the lists several screens pick from, and their styles.
import './admin.css';
import { ref } from 'vue';
import { api, ApiError } from '../../api';

/** Role as the admin API answers it. */
export interface Role {
  id: number;
  name: string;
  label: Record<string, string>;
  description: string;
  builtin: boolean;
  members: number;
  permissions: Grant[];
  field_rules: FieldRule[];
}

/** One permission: an operation on a target (an entity type or a declared target) in a scope. */
export interface Grant { target: string; operation: string; scope: string }
/** One field restriction of a role. */
export interface FieldRule { entity_type: string; field: string; access: string }

/** The message of a failed call, the server's per-field problems included. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return [e.message, ...(e.problem.errors ?? []).map((x) => `${x.field}: ${x.message}`)].join(' · ');
  return String(e);
}

/**
 * The outcome line of an admin screen: `run` clears it, runs the action, and shows
 * `done` on success or the server's problem (with its per-field messages) on failure.
 */
export function useOutcome() {
  const message = ref('');
  const error = ref('');
  async function run(what: () => Promise<unknown>, done = ''): Promise<boolean> {
    message.value = '';
    error.value = '';
    try {
      await what();
      message.value = done;
      return true;
    } catch (e) {
      error.value = errorText(e);
      return false;
    }
  }
  return { message, error, run };
}

export async function loadRoles(): Promise<Role[]> {
  return (await api<{ items: Role[] }>('GET', '/api/v1/admin/roles')).items;
}

/** Departments as {id, title}, for pickers (there are few; one page is enough). */
export async function loadDepartments(): Promise<{ id: number; _title: string }[]> {
  return (await api<{ items: { id: number; _title: string }[] }>('GET', '/api/v1/records/department?limit=500&sort=id')).items;
}
