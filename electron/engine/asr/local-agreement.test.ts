import { describe, expect, it } from 'vitest';
import { LocalAgreement, toWords } from './local-agreement';

describe('LocalAgreement-2', () => {
  it('commits nothing after a single pass', () => {
    const la = new LocalAgreement();
    expect(la.update('hello there')).toEqual({ committed: '', tentative: 'hello there' });
  });

  it('commits the prefix two consecutive passes agree on', () => {
    const la = new LocalAgreement();
    la.update('hello there');
    expect(la.update('hello there general')).toEqual({ committed: 'hello there', tentative: 'general' });
    expect(la.update('hello there general kenobi')).toEqual({ committed: 'hello there general', tentative: 'kenobi' });
  });

  it('stops at the first disagreement', () => {
    const la = new LocalAgreement();
    la.update('the cat sat');
    expect(la.update('the hat sat on')).toEqual({ committed: 'the', tentative: 'hat sat on' });
  });

  it('ignores case and punctuation when comparing, and keeps the latest spelling', () => {
    const la = new LocalAgreement();
    la.update('Hello world');
    expect(la.update('hello, world. How')).toEqual({ committed: 'hello, world.', tentative: 'How' });
  });

  it('never retracts committed words when a later pass rewrites them', () => {
    const la = new LocalAgreement();
    la.update('one two three');
    la.update('one two three four');
    const rewritten = la.update('won too three four five');
    expect(rewritten.committed).toBe('one two three');
    expect(rewritten.tentative).toBe('');
    // Once passes agree with the committed prefix again, commitment resumes.
    la.update('one two three four five');
    expect(la.update('one two three four five six').committed).toBe('one two three four five');
  });

  it('resets between utterances', () => {
    const la = new LocalAgreement();
    la.update('a b');
    la.update('a b c');
    la.reset();
    expect(la.update('x y')).toEqual({ committed: '', tentative: 'x y' });
  });

  it('splits on any whitespace', () => {
    expect(toWords('  a\tb\n c ')).toEqual(['a', 'b', 'c']);
  });
});
