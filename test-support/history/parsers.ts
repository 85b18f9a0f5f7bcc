// TEST-ONLY: the two independent subtitle parsers the export tests read files back with. They share no code with
// the exporter (the `subtitle` package): the W3C's webvtt-parser (a validator) and srt-parser-2.
import { createRequire } from 'node:module';
import SrtParser from 'srt-parser-2';
import type * as WebVtt from 'webvtt-parser';

// webvtt-parser is CommonJS that Node's ESM loader cannot see named exports in (Playwright loads specs that way).
const { WebVTTParser } = createRequire(import.meta.url)('webvtt-parser') as typeof WebVtt;

// webvtt-parser 2.2's default entity table lacks the ';' ("&amp"), so "&amp;" would decode to "&;": full names.
const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>' } as const;

export const parseVtt = (text: string) => new WebVTTParser(ENTITIES).parse(text, 'subtitles');
export const parseSrt = (text: string) => new SrtParser().fromSrt(text);
