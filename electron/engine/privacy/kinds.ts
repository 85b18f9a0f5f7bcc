/**
 * What redaction knows how to find. The order is the priority when spans overlap: the earlier kind names the
 * merged span (a URL containing an email is one URL; an IBAN's digits are not a phone; a number after "passport" is an ID even if it looks like a card).
 */
export const KINDS = ['url', 'email', 'ip', 'iban', 'id', 'card', 'expiry', 'cvv', 'dob', 'postcode', 'phone', 'address', 'glossary', 'name'] as const;

export type RedactionKind = (typeof KINDS)[number];

/** Placeholder tags: capitals only, since restore's ⟦TAG_n⟧ pattern is [A-Z]+. */
export const TAG: Record<RedactionKind, string> = {
  url: 'URL',
  email: 'EMAIL',
  ip: 'IP',
  iban: 'IBAN',
  card: 'CARD',
  expiry: 'EXPIRY',
  cvv: 'CVV',
  dob: 'DOB',
  id: 'IDNUM',
  postcode: 'POSTCODE',
  phone: 'PHONE',
  address: 'ADDRESS',
  glossary: 'TERM',
  name: 'NAME',
};

/** The kinds the README promises without exception (recall 1.0 on the corpus); the rest are best effort. */
export const PROMISED_KINDS: readonly RedactionKind[] = ['email', 'phone', 'url', 'card', 'iban', 'glossary'];

export const priority = (kind: RedactionKind): number => KINDS.indexOf(kind);
