// Security policy of the shell as plain data and pure functions (no 'electron' import), so it is unit-tested.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The app's own pages are served from this privileged custom scheme (not file://: no access to the disk beyond dist/). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sotto';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent as a header on every app page (the renderer's <meta> CSP repeats it for the dev server). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** True only for the app's own origin; everything else (http, https, file, ws, other app hosts) is blocked. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Requests the shell lets through: the app's pages, plus devtools:// internals the DevTools window uses. */
export function isAllowedRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('devtools://');
}

/**
 * Maps an app:// URL to a file under `root` (the built renderer), or null when the URL is
 * not ours or escapes the folder ("..", encoded separators, absolute paths). "/" is index.html.
 */
export function resolveAppFile(url: string, root: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0')) return null;
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const absoluteRoot = resolve(root);
  const file = resolve(absoluteRoot, wanted);
  const rel = relative(absoluteRoot, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
  wasm: 'application/wasm',
  map: 'application/json',
};

export function mimeTypeOf(file: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

/** Where the shell finds its parts, in a checkout and in a packaged app (native .node files must sit outside app.asar). */
export function appPaths(input: { isPackaged: boolean; appPath: string; resourcesPath: string }): { rendererDir: string; nativeDir: string; resourcesDir: string } {
  const unpacked = input.isPackaged ? resolve(input.resourcesPath, 'app.asar.unpacked') : input.appPath;
  return {
    rendererDir: resolve(input.appPath, 'dist'),
    nativeDir: resolve(unpacked, 'native', 'build', 'Release'),
    resourcesDir: resolve(input.appPath, 'resources'),
  };
}
