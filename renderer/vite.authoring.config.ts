import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The platform's authoring app and its kiosk preview (issue 11), served by the platform under
 * /author/ (platform/routes/authoring-app.ts). The platform sends the real policy, including
 * frame-ancestors (which a <meta> cannot carry); this copy keeps a misconfigured host locked down.
 */
const CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src 'self'";

function cspMeta(): Plugin {
  return {
    name: 'authoring-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  root: 'renderer',
  base: '/author/',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/authoring',
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
    sourcemap: true,
    rollupOptions: {
      // Relative to the root (renderer/).
      input: { authoring: 'authoring.html', preview: 'preview.html' },
    },
  },
});
