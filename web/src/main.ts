// Entry point: the router, the session guard and the shell.
import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import App from './App.vue';
import { setUnauthorizedHandler } from './api';
import { loadSession, session } from './session';
import { forgetTypes } from './types';
import { stopLive } from './live';
import { locale } from './i18n';
import { adminRoutes } from './views/admin/admin-screens';
import './style.css';

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
    { path: '/', component: () => import('./views/HomeView.vue') },
    { path: '/profile', component: () => import('./views/ProfileView.vue') },
    { path: '/records/:type', component: () => import('./views/ListView.vue'), props: true },
    { path: '/records/:type/board', component: () => import('./views/KanbanView.vue'), props: true },
    { path: '/records/:type/calendar', component: () => import('./views/CalendarView.vue'), props: true },
    { path: '/records/:type/funnel', component: () => import('./views/FunnelView.vue'), props: true },
    { path: '/records/:type/new', component: () => import('./views/CardView.vue'), props: (r) => ({ type: r.params.type, id: 'new' }) },
    { path: '/records/:type/:id', component: () => import('./views/CardView.vue'), props: true },
    ...adminRoutes,
    { path: '/forbidden', component: () => import('./views/ForbiddenView.vue') },
    { path: '/:rest(.*)*', component: () => import('./views/NotFoundView.vue') },
  ],
});

router.beforeEach(async (to) => {
  if (!session.checked) await loadSession();
  if (!to.meta.public && !session.me) return { path: '/login', query: { next: to.fullPath } };
  // Admin screens are not offered to others (and the API refuses them regardless).
  if (to.meta.admin && !session.me?.permissions.administrator) return { path: '/forbidden' };
  return true;
});

// An expired session sends the user to the login form, which brings them back here.
setUnauthorizedHandler(() => {
  session.me = null;
  stopLive();
  forgetTypes();
  const here = router.currentRoute.value;
  if (!here.meta.public) router.push({ path: '/login', query: { next: here.fullPath } });
});

document.documentElement.lang = locale.value;
createApp(App).use(router).mount('#app');
