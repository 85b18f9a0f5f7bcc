/**
 * The test server's "model": a deterministic word-by-word translation that a language identifier reads as the
 * target language (known words are translated, all upper-cased, placeholders kept), and that obeys a "reply X"
 * written outside the transcript block, so a client that forgets its delimiters is caught.
 */
import { TRANSCRIPT_CLOSE, TRANSCRIPT_OPEN } from '../../electron/engine/translate/cloud-prompt';

export interface ChatMessage {
  role: string;
  content: string | { type: string; text?: string }[];
}

export interface ChatRequestLike {
  model: string;
  messages: ChatMessage[];
}

export const PLACEHOLDER = /⟦[A-Z]+_\d+⟧/g;

/**
 * English → German for the words the tests and benchmarks send. Pairs in one string, "en=de" separated by spaces,
 * so the table stays readable; words without an entry pass through upper-cased.
 */
const EN_DE = Object.fromEntries(
  (
    'a=ein about=über above=über add=füge afternoon=nachmittag again=wieder agenda=tagesordnung agree=zustimmen agreed=vereinbart all=alle ' +
    'also=auch and=und anna=anna anyone=jemand are=sind around=herum asked=fragten at=um back=zurück be=sein because=weil before=bevor ' +
    'big=groß both=beide budget=budget but=aber by=bis call=anruf can=können closed=geschlossen code=code cold=kalt come=kommt comments=kommentare ' +
    'considerably=deutlich customer=kunde data=daten day=tag decide=entscheiden demo=demo design=entwurf do=tun document=dokument does=hat drop=streichen ' +
    'email=e-mail end=ende everyone=alle evening=abend explain=erkläre export=export faster=schneller features=funktionen files=dateien finance=finanzen ' +
    'finished=beendet first=erste fix=beheben for=für fox=fuchs freeze=einfrieren friday=freitag friends=freunde from=von girlfriend=freundin good=gut half=hälfte ' +
    'handle=behandeln happy=froh have=haben hear=hören hello=hallo here=hier holidays=feiertage house=haus how=wie i=ich if=wenn ignore=ignoriere ' +
    'in=in instructions=anweisungen into=in is=ist it=es item=punkt joining=teilnahme jumps=springt large=große last=letzte later=später leaves=fährt ' +
    'let=lass line=zeile longer=längere me=mich meet=treffen meeting=besprechung minutes=minuten monday=montag month=monat more=mehr morning=morgen most=meisten ' +
    'move=verschieben my=mein new=neue next=nächste nine=neun no=nein nobody=niemand not=nicht nothing=nichts now=jetzt of=von office=büro okay=okay ' +
    'on=am one=eins open=offen or=oder other=andere over=über people=leute phone=telefon plan=plan planned=geplant planning=planung please=bitte prepare=vorbereiten ' +
    'previous=vorherige privacy=datenschutz propose=vorschlagen quarter=quartal quarterly=vierteljährlich questions=fragen quick=schnelle quickly=schnell rather=lieber ' +
    'read=gelesen release=veröffentlichung remaining=übrigen reminder=erinnerung replying=antworten reply=antworte report=bericht review=überprüfung right=sofort ' +
    'roadmap=fahrplan router=router same=gleichen says=sagt second=zweite see=sehen send=schick sends=schickt sentence=satz ship=ausliefern short=kurze ' +
    'should=sollten small=klein so=also something=etwas start=beginnen still=noch summarise=zusammenfassen synergy=synergie talk=spreche team=team ' +
    'tell=sagen ten=zehn test=testen than=als thank=danke thanks=danke that=dass the=die their=ihre them=sie then=dann there=dort they=sie ' +
    'thinks=denkt this=dies three=drei thursday=donnerstag time=zeit to=zu today=heute together=zusammen told=sagte tom=tom train=zug travelling=unterwegs ' +
    'tuesday=dienstag two=zwei up=auf us=uns version=version very=sehr visit=besuch want=wollen wants=will was=war water=wasser we=wir wednesday=mittwoch ' +
    'week=woche weekend=wochenende weekly=wöchentliche well=gut what=was whether=ob which=welche whole=ganze why=warum will=werde with=mit without=ohne ' +
    'works=funktioniert world=welt would=würde write=schreibe yes=ja yet=noch you=du your=deine big=groß brown=braune over=über hacked=gehackt ' +
    'am=bin are=sind lane=spur cloud=wolke network=netzwerk connection=verbindung our=unsere bugs=fehler plan=plan'
  )
    .split(/\s+/)
    .map((pair) => pair.split('=') as [string, string]),
);

const LEXICONS: Record<string, Record<string, string>> = { de: EN_DE };

/**
 * The deterministic "translation": `[xx] ` + each word translated where the lexicon for `xx` knows it, upper-cased;
 * placeholders stay exactly as they are.
 */
export function fakeTranslate(text: string, targetLanguage: string): string {
  const lexicon = LEXICONS[targetLanguage] ?? {};
  const parts = text.trim().split(/(⟦[A-Z]+_\d+⟧)/);
  const word = (w: string): string => lexicon[w.toLowerCase()] ?? w;
  const body = parts.map((p, i) => (i % 2 === 1 ? p : p.replace(/[\p{L}'-]+/gu, word).toUpperCase())).join('');
  return `[${targetLanguage}] ${body}`;
}

export function messageText(content: ChatMessage['content']): string {
  return typeof content === 'string' ? content : content.map((p) => p.text ?? '').join('');
}

/** The target language the system instruction names ("… to German (de)."). */
export function targetOf(request: ChatRequestLike): string {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => messageText(m.content)).join('\n');
  return /\bto [^()\n]*\(([a-z]{2,3})\)/.exec(system)?.[1] ?? 'xx';
}

/** What is inside the transcript block (null without one), and the user text around it. */
export function transcriptOf(request: ChatRequestLike): { inside: string | null; outside: string } {
  const user = request.messages.filter((m) => m.role === 'user').map((m) => messageText(m.content)).join('\n');
  const open = user.indexOf(TRANSCRIPT_OPEN);
  const close = open >= 0 ? user.indexOf(TRANSCRIPT_CLOSE, open + TRANSCRIPT_OPEN.length) : -1;
  const inside = open >= 0 && close >= 0 ? user.slice(open + TRANSCRIPT_OPEN.length, close) : null;
  const outside = inside === null ? user : user.slice(0, open) + user.slice(close + TRANSCRIPT_CLOSE.length);
  return { inside, outside };
}

/**
 * Acts like a model that is easy to fool: it translates what is inside the transcript block, but text OUTSIDE the
 * block saying "reply X" is obeyed. So a client that forgets the delimiters, or does not escape a delimiter inside
 * the transcript, gets "X" back and its test fails.
 */
export function answer(request: ChatRequestLike): string {
  const { inside, outside } = transcriptOf(request);
  const order = /\breply(?:\s+with)?\s+["']?([\p{L}\p{N}]+)/iu.exec(outside);
  if (order) return order[1]!;
  return fakeTranslate(inside ?? outside, targetOf(request));
}

/** A stand-in tokenizer, deterministic: one token per word or punctuation mark. */
export function countTokens(text: string): number {
  return (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).length;
}

export function usageOf(request: ChatRequestLike, content: string, reasoningTokens = 0): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  const prompt = request.messages.reduce((n, m) => n + 4 + countTokens(messageText(m.content)), 0);
  const completion = countTokens(content) + reasoningTokens;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** Splits into chunks of about two words so a client sees several deltas. */
export function chunks(text: string): string[] {
  const words = text.split(/(?<=\s)/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 2) out.push(words.slice(i, i + 2).join(''));
  return out.length ? out : [''];
}
