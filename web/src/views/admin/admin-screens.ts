// The administration screens: one list drives both the routes (main.ts) and the
// "Administration" section of the navigation (App.vue). Each screen is its own lazy
// chunk; the route guard keeps non-administrators out and the API refuses them anyway.
import type { RouteRecordRaw } from 'vue-router';

/** A screen of the admin area: its path under /admin, its title key and its component. */
export interface AdminScreen {
  key: string;
  title: string;
  /** Where the navigation link goes, when the screen is a generic one (departments are records). */
  to?: string;
  component?: RouteRecordRaw['component'];
}

export const adminScreens: AdminScreen[] = [
  { key: 'users', title: 'admin.users', component: () => import('./UsersView.vue') },
  { key: 'departments', title: 'admin.departments', to: '/records/department' },
  { key: 'roles', title: 'admin.roles', component: () => import('./RolesView.vue') },
  { key: 'fields', title: 'admin.fields', component: () => import('./FieldsView.vue') },
  { key: 'pipelines', title: 'admin.pipelines', component: () => import('./PipelinesView.vue') },
  { key: 'scripts', title: 'scripts.title', component: () => import('../ScriptsView.vue') },
  { key: 'constants', title: 'admin.constants', component: () => import('./ConstantsView.vue') },
  { key: 'calendar', title: 'admin.calendar', component: () => import('./WorkCalendarView.vue') },
  { key: 'system', title: 'admin.system', component: () => import('./SystemView.vue') },
  { key: 'audit', title: 'admin.audit', component: () => import('./AuditView.vue') },
];

/** The link target of a screen in the navigation. */
export function screenPath(screen: AdminScreen): string {
  return screen.to ?? `/admin/${screen.key}`;
}

export const adminRoutes: RouteRecordRaw[] = adminScreens
  .filter((screen) => screen.component)
  .map((screen) => ({ path: `/admin/${screen.key}`, component: screen.component!, meta: { admin: true } }));
