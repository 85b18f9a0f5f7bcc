import { describe, expect, it } from 'vitest';
import { pickedImportPath } from './picked-path';

describe('pickedImportPath', () => {
  it('is the file itself for a one-file model', () => {
    expect(pickedImportPath('/home/me/Downloads/ggml-base.bin', '', false)).toBe('/home/me/Downloads/ggml-base.bin');
  });

  it('is the chosen folder for a folder model, on POSIX and Windows paths', () => {
    expect(pickedImportPath('/home/me/models/opus-mt-en-de/onnx/encoder_model.onnx', 'opus-mt-en-de/onnx/encoder_model.onnx', true)).toBe('/home/me/models/opus-mt-en-de');
    expect(pickedImportPath('C:\\Users\\me\\opus-mt-en-de\\config.json', 'opus-mt-en-de/config.json', true)).toBe('C:\\Users\\me\\opus-mt-en-de');
  });

  it('gives nothing when the app could not tell a path, or the pieces do not fit', () => {
    expect(pickedImportPath(null, 'x/y', true)).toBeNull();
    expect(pickedImportPath('/elsewhere/file.json', 'opus-mt-en-de/config.json', true)).toBeNull();
    expect(pickedImportPath('/home/me/config.json', 'config.json', true)).toBeNull();
  });
});
