import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// History never leaves the device: no file of this folder may reach for the network (the egress module, the
// translators, Node's sockets, fetch). A new import of any of them fails here, before review.
const here = new URL('.', import.meta.url).pathname;
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const NETWORK = [/from '\.\.\/egress/, /from '\.\.\/translate/, /from 'node:(net|http|https|http2|tls|dgram)'/, /\bfetch\(/, /from 'openai'/, /from 'ws'/];

describe('history stays on the device', () => {
  it.each(sources)('%s opens no connection', (file) => {
    const text = readFileSync(join(here, file), 'utf8');
    for (const pattern of NETWORK) expect(text, `${file} matches ${pattern}`).not.toMatch(pattern);
  });
});
