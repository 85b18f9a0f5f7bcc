import { readFile, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, mimeTypeOf, resolveAppFile } from './policy';

/**
 * Must run before app 'ready': app:// behaves like https (standard, secure) so 'self', fetch and
 * Vite's `<script type="module" crossorigin>` work; never bypassCSP.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer (dist/) on app://sotto/. Only files inside that folder; the CSP
 * header is set here too, because webRequest does not see every custom-protocol response.
 */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      // A symlink inside dist/ must not lead outside it either.
      const [real, realRoot] = await Promise.all([realpath(file), realpath(rendererDir)]);
      if (!real.startsWith(realRoot + sep)) return new Response('Not found', { status: 404 });
      const body = await readFile(real);
      return new Response(body, {
        headers: {
          'Content-Type': mimeTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
