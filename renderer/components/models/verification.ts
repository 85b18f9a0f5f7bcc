import type { ModelEntry, ModelVerification } from '../../contract';

/**
 * The line under an installed model that says how its files were checked (issue 9: which files matched a published
 * checksum and which only the server's own), or that a file changed on disk and the model is not used.
 */

const SAID: Record<ModelVerification, string> = {
  published: "checked against the publisher's checksum",
  server: "checked against the server's checksum (no published checksum)",
  'size-only': 'size only (no checksum from the publisher or the server)',
};
const ORDER: ModelVerification[] = ['published', 'server', 'size-only'];

export function verificationLine(model: ModelEntry): { text: string; damaged: boolean } | null {
  if (!model.installed) return null;
  if (model.damaged) return { text: 'Damaged: a file changed on disk after install, so it is not used. Download it again.', damaged: true };
  const checks = model.fileChecks ?? [];
  const levels = ORDER.filter((level) => checks.some((c) => c.verification === level));
  if (levels.length === 0) return model.verification ? { text: capitalised(SAID[model.verification]), damaged: false } : null;
  if (levels.length === 1) return { text: capitalised(SAID[levels[0]!]), damaged: false };
  const count = (level: ModelVerification) => checks.filter((c) => c.verification === level).length;
  return { text: capitalised(levels.map((level) => `${count(level)} ${count(level) === 1 ? 'file' : 'files'} ${SAID[level]}`).join('; ')), damaged: false };
}

/** Which file was checked how, for a tooltip. */
export const verificationDetail = (model: ModelEntry): string | undefined =>
  model.fileChecks?.map((c) => `${c.path}: ${SAID[c.verification]}`).join('\n');

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
