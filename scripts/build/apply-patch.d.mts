// Types for apply-patch.mjs (plain JS so the native build runs without a TypeScript loader).
export interface Hunk {
  oldStart: number;
  old: string[];
  new: string[];
}
export interface PatchedFile {
  path: string;
  hunks: Hunk[];
}
export function parsePatch(text: string): PatchedFile[];
export function applyHunks(text: string, hunks: Hunk[], name: string): string;
export function applyPatchFile(patchFile: string, root: string): void;
