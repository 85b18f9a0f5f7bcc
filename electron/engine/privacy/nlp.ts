import nlp from 'compromise';

/**
 * compromise, once per line: people, places and (English) street addresses with their offsets. Its lexicon knows
 * first names of many languages, so it also finds "Anna Müller" or "José Luis Rodríguez" in other languages.
 */

export interface Range {
  start: number;
  end: number;
  text: string;
}

export interface Entities {
  people: Range[];
  places: Range[];
  addresses: Range[];
}

interface OffsetJson {
  offset?: { start: number; length: number };
  terms?: { tags?: string[]; offset?: { start: number } }[];
}

/** compromise's offsets include trailing punctuation and spaces ("Dubois."): trim them off. */
function ranges(text: string, json: OffsetJson[]): Range[] {
  const out: Range[] = [];
  for (const item of json) {
    if (!item.offset) continue;
    const start = item.offset.start;
    let end = start + item.offset.length;
    while (end > start && /[\s.,;:!?)"'’”]/u.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
  }
  return out;
}

/**
 * A person starts at its first first name when it has one: compromise folds titles and a noun before the name
 * into it ("Kontoinhaber Jonas Richter", "Dr. Jane Doe"), and neither belongs in the placeholder.
 */
function fromFirstName(people: OffsetJson[]): OffsetJson[] {
  return people.map((p) => {
    const first = p.terms?.find((t) => t.tags?.includes('FirstName'))?.offset?.start;
    if (!p.offset || first === undefined || first <= p.offset.start) return p;
    return { offset: { start: first, length: p.offset.start + p.offset.length - first } };
  });
}

export function entities(text: string): Entities {
  const doc = nlp(text);
  const json = (view: { json(options: object): unknown }): OffsetJson[] => view.json({ offset: true, terms: { offset: true } }) as OffsetJson[];
  return {
    people: ranges(text, fromFirstName(json(doc.people()))),
    places: ranges(text, json(doc.match('#Place+'))),
    addresses: ranges(text, json(doc.addresses())),
  };
}
