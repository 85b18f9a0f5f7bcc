import type { ModelDownloadProgress, ModelEntry } from '../../contract';
import { hasDeviceTranslator } from '../../catalog';
import { languageName } from '../../languages';

export interface Readiness {
  /** A speech model is installed: captions can work. */
  speechReady: boolean;
  /** What is missing or failed, in plain words, one sentence each. */
  problems: string[];
}

const pairName = (source: string, target: string) => `${source === 'auto' ? 'the spoken language' : languageName(source)} → ${languageName(target)}`;

/** What the first run's last step can truthfully say: is a speech model there, did a download fail, is a translator missing. */
export function readiness(models: readonly ModelEntry[], progress: Record<string, ModelDownloadProgress>, source: string, target: string, allLocal: boolean): Readiness {
  const speechReady = models.some((m) => m.kind === 'whisper' && m.installed);
  const problems: string[] = [];
  if (!speechReady) problems.push('No speech model is installed: Sotto needs one to caption anything. Go back to download or import one.');
  for (const p of Object.values(progress)) {
    if (p.state !== 'error') continue;
    const name = models.find((m) => m.id === p.id)?.name ?? p.id;
    problems.push(`The download of ${name} failed. Go back to try again or import the file.`);
  }
  if (target && !hasDeviceTranslator(models, source, target)) {
    problems.push(`No on-device translator for ${pairName(source, target)} is installed: ${allLocal ? 'in all-local mode these lines stay untranslated' : 'lines go to your cloud endpoint once you set one'}.`);
  }
  return { speechReady, problems };
}
