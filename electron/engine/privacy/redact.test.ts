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

  it('leaves short numbers, years and prices alone, and IBANs that are no IBAN', () => {
    const r = redact('It costs 1999 euros in 2024, room 12.');
    expect(r.text).toBe('It costs 1999 euros in 2024, room 12.');
    expect(redact('We met in 2024 at 10.30 for 45 minutes.').text).toBe('We met in 2024 at 10.30 for 45 minutes.');
    // Too short for any IBAN, and no digit after the country code's check digits.
    expect(redact('Room DE12 is on floor 3, ask ES34 at the desk.').text).toBe('Room DE12 is on floor 3, ask ES34 at the desk.');
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

// What running the product found (issue 9, "Redaction that holds"): each was sent verbatim before.
describe('findings: values that reached the cloud', () => {
  it('an IBAN followed by a word: the span stops at the IBAN, which is redacted', () => {
    expect(redact('Pay DE89 3704 0044 0532 0130 00 today.').text).toBe('Pay ⟦IBAN_1⟧ today.');
    expect(redact('Transfer it to GB82 WEST 1234 5698 7654 32 and send me the receipt.').text).toBe('Transfer it to ⟦IBAN_1⟧ and send me the receipt.');
    expect(redact('iban DE89370400440532013000 bitte').text).toBe('iban ⟦IBAN_1⟧ bitte');
  });

  it('an IBAN with a misheard check digit is still redacted, up to the next word', () => {
    const r = redact('IBAN DE89 3704 0044 0532 0130 01 is wrong');
    expect(r.text).toBe('IBAN ⟦IBAN_1⟧ is wrong');
    expect(r.map.get('⟦IBAN_1⟧')).toBe('DE89 3704 0044 0532 0130 01');
  });

  it('a spoken email address', () => {
    expect(redact('write to john dot smith at gmail dot com please').text).toBe('write to ⟦EMAIL_1⟧ please');
    expect(redact('Meine Mail ist anna punkt berg at gmx punkt de.').text).toBe('Meine Mail ist ⟦EMAIL_1⟧.');
    expect(redact('Mon adresse est jean point dupont arobase orange point fr.').text).toBe('Mon adresse est ⟦EMAIL_1⟧.');
    // Said twice, once written: one value, one placeholder.
    const r = redact('john dot smith at gmail dot com, yes john.smith@gmail.com');
    expect(r.text).toBe('⟦EMAIL_1⟧, yes ⟦EMAIL_1⟧');
  });

  it('a phone number in words', () => {
    expect(redact('call me on five five five one two three four').text).toBe('call me on ⟦PHONE_1⟧');
    expect(redact('Text me at oh seven seven zero zero nine double zero one two three.').text).toBe('Text me at ⟦PHONE_1⟧.');
    expect(redact('Mi número es seis uno dos, treinta y cuatro, cincuenta y seis, setenta y ocho.').text).toBe('Mi número es ⟦PHONE_1⟧.');
  });

  it('a 16-digit card number that fails Luhn, in digits or in words', () => {
    const r = redact('Order 4111 1111 1111 1112 costs 1999 euros in 2024, room 12.');
    expect(r.text).toBe('Order ⟦CARD_1⟧ costs 1999 euros in 2024, room 12.');
    expect(redact('card 4111111111111112 please').text).toBe('card ⟦CARD_1⟧ please');
    expect(redact('The card four one one one one one one one one one one one one one one two was declined.').text).toBe('The card ⟦CARD_1⟧ was declined.');
  });

  it('card expiry and security code', () => {
    const r = redact('The card number is 4111 1111 1111 1112, expiry 08/27, CVV 123.');
    expect(r.text).toBe('The card number is ⟦CARD_1⟧, expiry ⟦EXPIRY_1⟧, CVV ⟦CVV_1⟧.');
    expect(redact('Die Karte ist gültig bis 09/28, die Prüfnummer ist 456.').text).toBe('Die Karte ist gültig bis ⟦EXPIRY_1⟧, die Prüfnummer ist ⟦CVV_1⟧.');
    expect(redact('the CVV is one two three').text).toBe('the CVV is ⟦CVV_1⟧');
  });

  it('street addresses and postcodes: US, UK, DE, FR, ES', () => {
    expect(redact('Ship it to 1600 Pennsylvania Avenue, Washington, DC 20500.').text).toBe('Ship it to ⟦ADDRESS_1⟧, Washington, DC ⟦POSTCODE_1⟧.');
    expect(redact('I live at 221B Baker Street, London NW1 6XE.').text).toBe('I live at ⟦ADDRESS_1⟧, London ⟦POSTCODE_1⟧.');
    expect(redact('Ich wohne in der Hauptstraße 5, 10115 Berlin.').text).toBe('Ich wohne in der ⟦ADDRESS_1⟧, ⟦POSTCODE_1⟧ Berlin.');
    expect(redact("J'habite au 12 rue de la Paix, 75002 Paris.").text).toBe("J'habite au ⟦ADDRESS_1⟧, ⟦POSTCODE_1⟧ Paris.");
    expect(redact('Vivo en la Calle Mayor 5, 28013 Madrid.').text).toBe('Vivo en la ⟦ADDRESS_1⟧, ⟦POSTCODE_1⟧ Madrid.');
  });

  it('person names outside the glossary, without their titles', () => {
    expect(redact('Please ask Michael Brown to sign.').text).toBe('Please ask ⟦NAME_1⟧ to sign.');
    expect(redact('Rufen Sie Herrn Schmidt an.').text).toBe('Rufen Sie Herrn ⟦NAME_1⟧ an.');
    expect(redact('Me llamo Lucía Fernández.').text).toBe('Me llamo ⟦NAME_1⟧.');
  });

  it('IPv4 and IPv6 addresses, but not times or versions', () => {
    expect(redact('server 192.168.1.20 and 2001:db8::ff00:42:8329 at 10:30:00').text).toBe('server ⟦IP_1⟧ and ⟦IP_2⟧ at 10:30:00');
    expect(redact('Install version 2.4.1 by 10:45.').text).toBe('Install version 2.4.1 by 10:45.');
  });

  it('passport and ID-card numbers', () => {
    expect(redact('Passport number C01X00T47, DNI 12345678Z.').text).toBe('Passport number ⟦IDNUM_1⟧, DNI ⟦IDNUM_2⟧.');
    expect(redact('Mi NIE es X1234567L.').text).toBe('Mi NIE es ⟦IDNUM_1⟧.');
    // A DNI's letter is its checksum: with a wrong letter it is no DNI.
    expect(redact('Code 12345678A.').report.counts.id).toBeUndefined();
  });

  it('dates of birth, written and numeric; other dates and years stay', () => {
    expect(redact('My name is John Smith, born March 14, 1985.').text).toBe('My name is ⟦NAME_1⟧, born ⟦DOB_1⟧.');
    expect(redact('Geburtsdatum 07.11.1990.').text).toBe('Geburtsdatum ⟦DOB_1⟧.');
    expect(redact('Nací el 14 de marzo de 1985.').text).toBe('Nací el ⟦DOB_1⟧.');
    expect(redact('The deadline is March 3, 2026, and we started in 1998.').text).toBe('The deadline is March 3, 2026, and we started in 1998.');
  });
});

describe('ordinary numbers stay', () => {
  it.each([
    'I bought 3 apples at 5 pm in room 4.',
    'The ticket costs $49.99, or 45 euros at the door.',
    'We need 1,500 chairs and 250 tables.',
    'Nous avons vendu 1 250 000 exemplaires en 2022.',
    'Unser Umsatz lag 2023 bei 1.250.000 Euro.',
    'From 2019-2024 we grew every year.',
    'La reunión empieza a las 10 en la sala 3.',
    'Der Zug fährt um 8.45 Uhr von Gleis 12.',
    'one, two, three, go!',
  ])('%s', (line) => {
    expect(redact(line).text).toBe(line);
  });
});

describe('new placeholders and the restore path', () => {
  const line = 'Herr Schmidt, geboren 14. März 1985, wohnt in der Hauptstraße 5, 10115 Berlin, Pass C01X00T47, IP 10.0.0.1.';
  const r = redact(line);

  it('every placeholder has the shape restore and the partial view expect', () => {
    expect(r.text).toBe('Herr ⟦NAME_1⟧, geboren ⟦DOB_1⟧, wohnt in der ⟦ADDRESS_1⟧, ⟦POSTCODE_1⟧ Berlin, Pass ⟦IDNUM_1⟧, IP ⟦IP_1⟧.');
    for (const p of r.map.keys()) expect(p).toMatch(/^⟦[A-Z]+_\d+⟧$/);
  });

  it('round-trips through a translation, and a lost one is an error', () => {
    const translated = r.text.replace('wohnt in der', 'lives at').replace('geboren', 'born');
    expect(restore(translated, r)).toBe(line.replace('wohnt in der', 'lives at').replace('geboren', 'born'));
    expect(() => restore(translated.replace('⟦POSTCODE_1⟧', ''), r)).toThrow(PlaceholderError);
    expect(() => restore(translated.replace('⟦DOB_1⟧', 'DOB 1'), r)).toThrow(PlaceholderError);
  });

  it('the report holds kinds and counts, never a value', () => {
    expect(r.report).toEqual({ counts: { name: 1, dob: 1, address: 1, postcode: 1, id: 1, ip: 1 } });
    expect(JSON.stringify(r.report)).not.toMatch(/Schmidt|1985|Hauptstra|10115|C01X|10\.0/);
  });
});
