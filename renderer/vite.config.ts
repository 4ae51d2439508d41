import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** The service's policy, repeated in the built page so a file:// or misconfigured host is still locked down. */
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'";

// Only in the build: the dev server's React refresh preamble is an inline script.
function cspMeta(): Plugin {
  return {
    name: 'kiosk-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // Keep every asset a file: inlined data: fonts or scripts would fight the CSP.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
