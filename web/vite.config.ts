// Vite settings: hashed bundles under assets/ (served as immutable by the kernel) and,
// for `npx vite`, a dev server that forwards the API to a running kernel.
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  build: {
    target: 'es2020',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 350,
  },
  server: {
    proxy: { '/api': { target: process.env.ORBITA_URL ?? 'http://127.0.0.1:8080', ws: true } },
  },
});
