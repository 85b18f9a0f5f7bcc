import { describe, expect, it } from 'vitest';
import { checkReplyLanguage } from './cloud-language';

describe('checkReplyLanguage', () => {
  it('refuses a reply reliably in another language than the target, when the transcript reads as its own', async () => {
    const transcript = 'We will meet the customers on Friday afternoon to present the new design of the office.';
    const reply = 'Nous rencontrerons les clients vendredi après-midi pour présenter le nouveau design du bureau.';
    expect(await checkReplyLanguage(reply, 'de', { text: transcript, language: 'en' })).toEqual({ ok: false, detected: 'fr', reason: 'the reply is in French, not German' });
  });

  // Seen in e2e/app.spec (a random-weight Whisper decodes garbage): the transcript is long but reads as no language
  // reliably, the endpoint echoed it, and the identifier called the echo Filipino: the line fell back to the device.
  it('gives no verdict when a long transcript reads reliably as no language at all (garbled speech)', async () => {
    const transcript = `isanno isanno isanno isanno isanno isanno isanno isanno isanno isanno${'homato'.repeat(40)}`;
    expect(await checkReplyLanguage(`[de] ${transcript}`, 'de', { text: transcript, language: 'en' })).toEqual({ ok: true, detected: 'tl', reason: null });
  });

  it('judges a reply to a short transcript on the reply alone, and never a short reply', async () => {
    const reply = 'Nous rencontrerons les clients vendredi après-midi pour présenter le nouveau design du bureau.';
    expect((await checkReplyLanguage(reply, 'de', { text: 'See you Friday.', language: 'en' })).ok).toBe(false);
    expect((await checkReplyLanguage('Merci.', 'de', { text: 'Thanks.', language: 'en' })).ok).toBe(true);
  });
});
