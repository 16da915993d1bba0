// Builds the renderer (renderer/) into out/renderer. Build configuration runs in Node, so it
// lives in build/, not in the renderer, which never imports Node. The same bundle is loaded
// by Electron (via the app's custom protocol) and served by the browser-mode host on 127.0.0.1.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('../renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: true,
  },
  worker: { format: 'es' },
});
