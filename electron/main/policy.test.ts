import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, appPaths, isAllowedRequest, isAppUrl, mimeTypeOf, resolveAppFile } from './policy';

const root = resolve('/opt/sotto/dist');

describe('shell policy', () => {
  it('the CSP allows only the app itself', () => {
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|\*|https?:/);
  });

  it('recognizes only the app origin', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://sotto/assets/a.js?x=1')).toBe(true);
    for (const other of ['app://evil/index.html', 'https://sotto/index.html', 'file:///etc/passwd', 'http://127.0.0.1:5173/', 'ws://127.0.0.1/x', 'javascript:alert(1)', 'not a url', '']) {
      expect(isAppUrl(other), other).toBe(false);
      expect(isAllowedRequest(other), other).toBe(false);
    }
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html')).toBe(true);
  });

  it('maps app URLs to files inside the renderer folder only', () => {
    expect(resolveAppFile('app://sotto/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://sotto/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://sotto/assets/main-1a2b.js?v=2#x', root)).toBe(join(root, 'assets', 'main-1a2b.js'));
    expect(resolveAppFile('app://sotto/a%20b.css', root)).toBe(join(root, 'a b.css'));
    for (const escape of ['app://sotto/../secret', 'app://sotto/%2e%2e/secret', 'app://sotto/assets/%2e%2e%2f%2e%2e%2fsecret', 'app://sotto/%2e%2e%5csecret', 'app://sotto/a%00.js', 'app://sotto/%E0%A4%A', 'app://other/index.html', 'file:///etc/passwd']) {
      const file = resolveAppFile(escape, root);
      if (file !== null) expect(file.startsWith(root + '/'), `${escape} → ${file}`).toBe(true);
    }
    // The URL parser already folds a literal or %2e%2e segment; an encoded separator is caught here.
    expect(resolveAppFile('app://sotto/%2e%2e/secret', root)).toBe(join(root, 'secret'));
    expect(resolveAppFile('app://sotto/assets/%2e%2e%2f%2e%2e%2fsecret', root)).toBeNull();
    expect(resolveAppFile('app://sotto/a%00.js', root)).toBeNull();
    expect(resolveAppFile('app://sotto/%E0%A4%A', root)).toBeNull();
  });

  it('knows the MIME types of the built renderer', () => {
    expect(mimeTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('/x/model.bin')).toBe('application/octet-stream');
  });

  it('finds native addons outside app.asar when packaged', () => {
    expect(appPaths({ isPackaged: true, appPath: '/r/app.asar', resourcesPath: '/r' })).toEqual({
      rendererDir: '/r/app.asar/dist',
      nativeDir: '/r/app.asar.unpacked/native/build/Release',
      resourcesDir: '/r/app.asar/resources',
    });
    expect(appPaths({ isPackaged: false, appPath: '/src/sotto', resourcesPath: '/x' }).nativeDir).toBe('/src/sotto/native/build/Release');
  });
});
