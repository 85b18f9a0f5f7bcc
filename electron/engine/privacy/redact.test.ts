import { describe, expect, it } from 'vitest';
import { RedactionReport } from '../../contract';
import { ibanValid, luhnValid, PlaceholderError, redact, restore } from './redact';

describe('checksums', () => {
  it('Luhn accepts test card numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
  it('IBAN mod-97 accepts real-format IBANs and rejects a changed digit', () => {
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
  });
});

describe('redact', () => {
  it('replaces each kind with a placeholder and reports kinds and counts only', () => {
    const input = 'Mail anna.berg@example.org or call +49 30 1234567, see https://intra.example.com/x?id=7. Card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00.';
    const r = redact(input);
    expect(r.text).toBe('Mail ⟦EMAIL_1⟧ or call ⟦PHONE_1⟧, see ⟦URL_1⟧. Card ⟦CARD_1⟧, IBAN ⟦IBAN_1⟧.');
    expect(r.report).toEqual({ counts: { email: 1, phone: 1, url: 1, card: 1, iban: 1 } });
    expect(RedactionReport.parse(r.report)).toEqual(r.report);
    expect(JSON.stringify(r.report)).not.toMatch(/anna|4111|DE89|intra|1234567/);
  });

  it('leaves numbers alone that fail the checksums, and short numbers', () => {
    const r = redact('Order 4111 1111 1111 1112 costs 1999 euros in 2024, room 12.');
    expect(r.text).not.toContain('⟦CARD');
    expect(r.report.counts.card).toBeUndefined();
    expect(redact('We met in 2024 at 10.30 for 45 minutes.').text).toBe('We met in 2024 at 10.30 for 45 minutes.');
    expect(redact('IBAN DE89 3704 0044 0532 0130 01 is wrong').text).not.toContain('⟦IBAN');
  });

  it('gives the same value the same placeholder within a line', () => {
    const r = redact('Write to a@b.de, yes A@B.de, not c@d.de');
    expect(r.text).toBe('Write to ⟦EMAIL_1⟧, yes ⟦EMAIL_1⟧, not ⟦EMAIL_2⟧');
    expect(r.occurrences.get('⟦EMAIL_1⟧')).toBe(2);
    expect(r.report.counts.email).toBe(3);
  });

  it('replaces glossary terms case-insensitively as whole words only', () => {
    const r = redact('Project Nightjar meets nightjar-team; nightjars and Sotto AG. sotto ag!', ['Nightjar', 'Sotto AG']);
    expect(r.text).toBe('Project ⟦TERM_1⟧ meets ⟦TERM_1⟧-team; nightjars and ⟦TERM_2⟧. ⟦TERM_2⟧!');
    expect(r.report.counts.glossary).toBe(4);
    // Regex characters in a term are literal.
    expect(redact('use C++ daily', ['C++']).text).toBe('use ⟦TERM_1⟧ daily');
  });

  it('neutralises placeholder lookalikes typed by the user', () => {
    const r = redact('literal ⟦EMAIL_1⟧ text');
    expect(r.text).toBe('literal [EMAIL_1] text');
    expect(r.map.size).toBe(0);
  });
});

describe('restore', () => {
  const r = redact('Call +1 415 555 2671 or mail ops@example.com about Nightjar', ['Nightjar']);

  it('round-trips through a translation that kept the placeholders', () => {
    const translated = r.text.replace('Call', 'Ruf').replace('or mail', 'an oder schreib an').replace('about', 'wegen');
    expect(restore(translated, r)).toBe('Ruf +1 415 555 2671 an oder schreib an ops@example.com wegen Nightjar');
  });

  it('a translation with placeholders in another order still restores', () => {
    expect(restore('⟦TERM_1⟧: ⟦EMAIL_1⟧, ⟦PHONE_1⟧', r)).toBe('Nightjar: ops@example.com, +1 415 555 2671');
  });

  it.each([
    ['dropped', 'Ruf ⟦PHONE_1⟧ an wegen ⟦TERM_1⟧'],
    ['duplicated', 'Ruf ⟦PHONE_1⟧ ⟦PHONE_1⟧ an, ⟦EMAIL_1⟧ wegen ⟦TERM_1⟧'],
    ['mangled', 'Ruf ⟦PHONE_1⟧ an, EMAIL_1 wegen ⟦TERM_1⟧'],
    ['mangled', 'Ruf ⟦PHONE_1⟧ an, [EMAIL_1] wegen ⟦TERM_1⟧'],
    ['mangled', 'Ruf ⟦PHONE_1⟧ an, ⟦EMAIL_7⟧ wegen ⟦TERM_1⟧'],
    ['mangled', 'Ruf ⟦PHONE_1⟧ an, ⟦EMAIL_1 wegen ⟦TERM_1⟧'],
  ] as const)('detects a %s placeholder', (problem, translation) => {
    let error: unknown;
    try {
      restore(translation, r);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlaceholderError);
    expect((error as PlaceholderError).problem).toBe(problem);
  });

  it('accepts any text when nothing was redacted', () => {
    expect(restore('Hallo Welt', redact('hello world'))).toBe('Hallo Welt');
  });
});
