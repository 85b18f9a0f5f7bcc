import { describe, expect, it } from 'vitest';
import { applyHunks, parsePatch } from './apply-patch.mjs';

const PATCH = `A description line, and then the diff.

--- a/src/f.c
+++ b/src/f.c
@@ -2,3 +2,4 @@
 b
-c
+C
+c2
 d
`;

describe('apply-patch', () => {
  it('parses a unified diff and applies it with exact context', () => {
    const [file] = parsePatch(PATCH);
    expect(file).toMatchObject({ path: 'src/f.c', hunks: [{ oldStart: 2, old: ['b', 'c', 'd'], new: ['b', 'C', 'c2', 'd'] }] });
    expect(applyHunks('a\nb\nc\nd\ne', file!.hunks, 'f.c')).toBe('a\nb\nC\nc2\nd\ne');
  });

  it('picks the match nearest to the named line when the context repeats, and refuses a hunk that does not apply', () => {
    const [file] = parsePatch(PATCH);
    expect(applyHunks('b\nc\nd\nx\nb\nc\nd', [{ ...file!.hunks[0]!, oldStart: 5 }], 'f.c')).toBe('b\nc\nd\nx\nb\nC\nc2\nd');
    expect(() => applyHunks('a\nb\nX\nd', file!.hunks, 'f.c')).toThrow(/hunk at line 2 not found/);
  });
});
