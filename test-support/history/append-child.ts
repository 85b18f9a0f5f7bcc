// TEST-ONLY child process for the kill -9 test (electron/engine/history/crash.test.ts). Writes history through the
// real History and reports on stdout every caption it knows is on disk, so the parent can kill it at any moment.
//   tsx append-child.ts <dir> torn    3 captions, then half of a 4th line written raw (a write cut off), then waits
//   tsx append-child.ts <dir> flood   large captions as fast as it can, until killed
import { openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { History } from '../../electron/engine/history';
import { finalCaption } from './captions';

export const CHILD_SESSION_ID = '20250301-120000-kill';

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'torn' && mode !== 'flood')) throw new Error('usage: append-child.ts <dir> torn|flood');

const history = new History({ dir, retention: () => 'forever', report: (e) => process.stderr.write(`${JSON.stringify(e)}\n`), sessionId: () => CHILD_SESSION_ID });
const say = (n: number, text: string) => history.record(finalCaption(text, { id: `line-${n}`, translation: `übersetzt ${n}` }));

if (mode === 'torn') {
  for (let n = 1; n <= 3; n++) await say(n, `caption number ${n}`);
  process.stdout.write('flushed 3\n');
  const fd = openSync(join(dir, `${CHILD_SESSION_ID}.jsonl`), 'a');
  writeSync(fd, '{"type":"line","id":"line-4","at":17409');
  process.stdout.write('torn\n');
  setInterval(() => undefined, 60_000);
} else {
  const filler = 'word '.repeat(4000);
  for (let n = 1; ; n++) {
    await say(n, `caption ${n} ${filler}`);
    process.stdout.write(`flushed ${n}\n`);
  }
}
