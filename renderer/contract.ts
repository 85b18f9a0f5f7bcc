// The renderer's one door to the engine↔UI contract: every renderer file imports the contract from here.
// eslint.config.js restricts the pattern 'electron', which (gitignore-style) also matches the
// `electron/` folder in this path, so the allowed import is flagged; the line below is exactly that allowed import.
// eslint-disable-next-line no-restricted-imports -- renderer → electron/contract is the layer rule's one permitted arrow
export * from '../electron/contract';
