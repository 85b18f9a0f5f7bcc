import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelError } from './errors';

/**
 * All files of one model come from one repository commit. Catalog URLs on a branch (resolve/main) move when the
 * publisher pushes; the first file's X-Repo-Commit pins the rest of the download to that commit, and the pin is kept in
 * the staging folder (so a resumed download stays on it) and in the installed marker (so a re-download does too).
 */

const COMMIT = /^[0-9a-f]{40}$/;
/** Hugging Face file URLs: /<org>/<repo>/resolve/<revision>/<path>, also for datasets/ and spaces/. */
const RESOLVE = /^(\/(?:datasets\/|spaces\/)?[^/]+\/[^/]+\/resolve\/)([^/]+)(\/.+)$/;

/** The revision a resolve URL names ("main", a tag, or a commit), or null for other URLs. */
export function revisionOf(url: string): string | null {
  const match = RESOLVE.exec(new URL(url).pathname);
  return match ? decodeURIComponent(match[2]!) : null;
}

/** The URL with its revision replaced by the commit; other URLs, and a null commit, leave it as it is. */
export function pinnedUrl(url: string, commit: string | null): string {
  if (commit === null) return url;
  const parsed = new URL(url);
  const match = RESOLVE.exec(parsed.pathname);
  if (!match) return url;
  parsed.pathname = `${match[1]}${commit}${match[3]}`;
  return parsed.href;
}

const PIN_FILE = '.pin.json';
export const pinFileIn = (staging: string): string => join(staging, PIN_FILE);

export async function readStagedPin(staging: string): Promise<string | null> {
  try {
    const { commit } = JSON.parse(await readFile(pinFileIn(staging), 'utf8')) as { commit?: unknown };
    return typeof commit === 'string' && COMMIT.test(commit) ? commit : null;
  } catch {
    return null;
  }
}

/** The commit one download is bound to: known from the start (a re-download) or learned from the first file. */
export class CommitPin {
  constructor(
    private pinned: string | null,
    private readonly staging: string,
    private readonly modelName: string,
  ) {}

  get commit(): string | null {
    return this.pinned;
  }

  /**
   * What the server said for one file. The first commit seen pins the model; a file from any other commit (or a URL
   * that names one commit and a server that answers from another) is refused: its files would not belong together.
   */
  async learn(url: string, served: string | null, path: string): Promise<void> {
    if (served === null) return;
    const named = revisionOf(url);
    const expected = this.pinned ?? (named !== null && COMMIT.test(named) ? named : null);
    if (expected !== null && served !== expected) {
      throw new ModelError(
        'models.mixed_commits',
        `${path} of ${this.modelName} came from commit ${served.slice(0, 12)}, but the model is pinned to commit ${expected.slice(0, 12)}: its files would not belong together.`,
        'Clear the model mirror in Settings (it may serve another version), or delete the model and download it again.',
      );
    }
    if (this.pinned === null) {
      this.pinned = served;
      await writeFile(pinFileIn(this.staging), JSON.stringify({ commit: served }));
    }
  }
}
