import { describe, expect, it } from 'vitest';
import { languageName } from './language-names';

describe('languageName', () => {
  it('names a known code in English', () => {
    expect(languageName('de')).toBe('German');
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese');
  });

  it('gives null for a code ICU cannot name, and for a malformed tag', () => {
    expect(languageName('qq')).toBeNull();
    expect(languageName('not a tag!')).toBeNull();
  });
});
