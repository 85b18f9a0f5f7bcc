/** Word-by-word dictionaries of the generated test translators; enough for tests to write real sentences. */

export const DICTIONARIES: Record<string, Record<string, string>> = {
  'en-de': {
    hello: 'hallo', world: 'welt', good: 'gut', morning: 'morgen', evening: 'abend', the: 'die', house: 'haus',
    is: 'ist', big: 'groß', small: 'klein', thank: 'danke', you: 'du', i: 'ich', am: 'bin', here: 'hier',
    we: 'wir', are: 'sind', friends: 'freunde', water: 'wasser', cold: 'kalt', today: 'heute', yes: 'ja', no: 'nein',
  },
  'en-fr': {
    hello: 'bonjour', world: 'monde', good: 'bon', morning: 'matin', the: 'la', house: 'maison', is: 'est',
    big: 'grande', small: 'petite', thank: 'merci', you: 'vous', i: 'je', am: 'suis', here: 'ici', yes: 'oui', no: 'non',
  },
  'en-es': {
    hello: 'hola', world: 'mundo', good: 'buenos', morning: 'días', the: 'la', house: 'casa', is: 'es',
    big: 'grande', small: 'pequeña', thank: 'gracias', you: 'tú', yes: 'sí', no: 'no',
  },
};
/** Sentence punctuation maps to itself. */
export const PUNCTUATION = ['.', ',', '?', '!'];


/** Logit of a dictionary word's translation (p ≈ 0.996 with these vocabularies). */
export const HIGH = 10;
/** Logit of <unk> for a word the dictionary does not know (p ≈ 0.05): a "hard" line for the router's cascade. */
export const LOW = 1.5;
/** SentencePiece's word-start marker (Metaspace). */
export const WORD = '\u2581';
