// `npm run demo:offline`: the headless demo on a machine that cannot download real models (like CI).
// It generates a random-weight Whisper model in the real "tiny" shape and a small word-by-word en→de
// translator, then runs the real engine on the bundled recording. The pipeline, timings and the ledger are
// real; the transcript is gibberish because the weights are random.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureTestTranslator } from '../../test-support/models/translator/make-test-translator';
import { ensureTestWhisperModel, repoRoot, testCacheDir } from '../../test-support/models/test-assets';

const model = await ensureTestWhisperModel('tiny');
const translators = path.join(testCacheDir, 'test-translators');
await ensureTestTranslator(translators, 'en-de');
console.log('Offline demo: random-weight Whisper (tiny shape) — the words will be gibberish; the pipeline is real.');
console.log('For real captions: npm run models -- download ggml-base-q5_1 --yes, then npm run demo -- --to de\n');
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', path.join(repoRoot, 'electron/engine/demo/cli.ts'), '--model', model, '--translators', translators, '--to', 'de', '--from', 'en', '--local-only', '--user-data', path.join(testCacheDir, 'demo-user-data'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: repoRoot },
);
process.exitCode = result.status ?? 1;
