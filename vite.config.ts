import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// The browser client: built into dist/web and served by Plenary itself (no CDN, no third party).
export default defineConfig({
  root: 'src/web',
  plugins: [preact()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // One CSS file and no inline scripts, so the strict Content-Security-Policy holds.
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/ws': { target: 'ws://localhost:8080', ws: true } } },
});
