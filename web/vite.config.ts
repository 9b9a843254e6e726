// Vite settings: hashed bundles under assets/ (served as immutable by the kernel) and,
// for `npx vite`, a dev server that forwards the API to a running kernel.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Heavy libraries and the admin area load only with the screens that use them; their
// chunk names say so, and scripts/web-size.sh keeps them out of the shell's budget.
const LAZY_LIBRARIES: [RegExp, string][] = [
  [/node_modules\/(codemirror|@codemirror|@lezer|crelt|style-mod|w3c-keyname)\//, 'lazy-codemirror'],
  [/node_modules\/(echarts|zrender|tslib)\//, 'lazy-echarts'],
  [/node_modules\/(@fullcalendar|preact)\//, 'lazy-fullcalendar'],
];

export default defineConfig({
  plugins: [vue()],
  build: {
    target: 'es2020',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1100,
    rollupOptions: {
      output: {
        manualChunks(id) {
          return LAZY_LIBRARIES.find(([pattern]) => pattern.test(id))?.[1];
        },
        chunkFileNames(chunk) {
          const admin = chunk.facadeModuleId && /\/(views|components)\/admin\/|ScriptsView/.test(chunk.facadeModuleId);
          return admin ? 'assets/admin-[name]-[hash].js' : 'assets/[name]-[hash].js';
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: process.env.ORBITA_URL ?? 'http://127.0.0.1:8080', ws: true } },
  },
});
