import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultDevUserDataDir } from './dev-user-data';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const home = join(sep, 'home', 'ada');
const inside = (dir: string, parent: string) => !relative(parent, dir).startsWith('..');

describe('default user data of npm run dev:web', () => {
  it("is the OS's per-user cache folder, never inside the checkout (the dev server must not reach it)", () => {
    expect(defaultDevUserDataDir('linux', {}, home)).toBe(join(home, '.cache', 'sotto-dev-user-data'));
    expect(defaultDevUserDataDir('darwin', {}, home)).toBe(join(home, 'Library', 'Caches', 'sotto-dev-user-data'));
    expect(defaultDevUserDataDir('win32', { LOCALAPPDATA: join(home, 'Local') }, home)).toBe(join(home, 'Local', 'sotto-dev-user-data'));
    expect(defaultDevUserDataDir('win32', {}, home)).toBe(join(home, 'AppData', 'Local', 'sotto-dev-user-data'));
    expect(inside(defaultDevUserDataDir(), repoRoot)).toBe(false);
  });

  it('follows XDG_CACHE_HOME on Linux', () => {
    expect(defaultDevUserDataDir('linux', { XDG_CACHE_HOME: '/var/cache/ada' }, home)).toBe(join('/var/cache/ada', 'sotto-dev-user-data'));
  });
});
