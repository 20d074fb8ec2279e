import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const api = 'http://localhost:3000';

// Built into dist/apps/dashboard, where the API serves it under a strict CSP (script-src 'self'):
// nothing here may emit inline scripts or load from another origin.
export default defineConfig({
  root: here('.'),
  publicDir: here('public'),
  // Beside the workspace's node_modules rather than a new one under apps/dashboard.
  cacheDir: here('../../node_modules/.vite/dashboard'),
  plugins: [react()],
  resolve: {
    alias: { '@televisit/api-client': here('../../libs/api-client/src/index.ts') },
  },
  build: {
    outDir: here('../../dist/apps/dashboard'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Fonts and icons stay files so that nothing depends on data: URLs.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    port: 4200,
    strictPort: true,
    // The dashboard imports libs/api-client from outside its own folder.
    fs: { allow: [here('../..')] },
    proxy: { '/api': api, '/healthz': api, '/readyz': api },
  },
  preview: { port: 4300, strictPort: true },
});
