import { describe, expect, it } from 'vitest';
import { shortMessage } from './messages';

describe('shortMessage', () => {
  it('keeps a short plain message as it is, with no details', () => {
    expect(shortMessage('The microphone stopped delivering audio.')).toEqual({ short: 'The microphone stopped delivering audio.', details: null });
  });

  it('shows a URL as its host and elides hashes, keeping the whole text as details', () => {
    const message = 'Checksum mismatch for ggml-base.bin from https://huggingface.co/ggerganov/whisper.cpp/resolve/5359861c739e955e79d9a303bcbc70fb988958b1/ggml-base.bin: expected 60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe, got be07e048e1e599ad46341c8d2a135645097a538221678b7acdd1b1919c6e1b21.';
    const { short, details } = shortMessage(message);
    expect(short).toBe('Checksum mismatch for ggml-base.bin from huggingface.co: expected …, got ….');
    expect(details).toBe(message);
  });

  it('keeps only the first sentence of a long message', () => {
    const long = `The download stopped. ${'More words here. '.repeat(10)}`.trim();
    expect(shortMessage(long).short).toBe('The download stopped.');
  });
});
