// Types for layers.mjs (plain JS so eslint.config.js can load it without a TypeScript loader).
export interface LayerRule {
  imports: string[];
  node: boolean;
  job: string;
}
export const LAYERS: Record<string, LayerRule>;
export const TOOLING: string[];
export const PACKAGES: Record<string, string[]>;
export function layerOf(relPath: string): string | null;
export function packageName(specifier: string): string;
