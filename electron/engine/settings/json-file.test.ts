import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFile } from './json-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sotto-json-file-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const Counts = z.object({ n: z.number() });

describe('JsonFile', () => {
  it('reads back what it wrote, in order', async () => {
    const file = new JsonFile(join(dir, 'counts.json'), Counts);
    expect(file.read()).toBeNull();
    file.write({ n: 1 });
    file.write({ n: 2 });
    await file.flush();
    expect(new JsonFile(join(dir, 'counts.json'), Counts).read()).toEqual({ n: 2 });
  });

  it('reads a file that is not its shape as null, and reports a failed write without throwing', async () => {
    await writeFile(join(dir, 'counts.json'), '{"n":"many"}');
    expect(new JsonFile(join(dir, 'counts.json'), Counts).read()).toBeNull();
    const errors: Error[] = [];
    const lost = new JsonFile(join(dir, 'no-such-folder', 'counts.json'), Counts, (e) => errors.push(e));
    lost.write({ n: 1 });
    await lost.flush();
    expect(errors).toHaveLength(1);
  });
});
