/**
 * Language codes of the multilingual on-device models. Sotto speaks ISO 639-1 ("de", Whisper's codes);
 * NLLB-200 wants FLORES-200 codes ("deu_Latn"), M2M100 wants plain codes wrapped as "__de__" (the tokenizer wraps them).
 */

/** ISO 639-1 (or 639-3 when there is no two-letter code) → FLORES-200, for the languages Whisper recognises. */
const NLLB_CODES: Readonly<Record<string, string>> = {
  af: 'afr_Latn', am: 'amh_Ethi', ar: 'arb_Arab', as: 'asm_Beng', az: 'azj_Latn', ba: 'bak_Cyrl', be: 'bel_Cyrl',
  bg: 'bul_Cyrl', bn: 'ben_Beng', bo: 'bod_Tibt', bs: 'bos_Latn', ca: 'cat_Latn', cs: 'ces_Latn', cy: 'cym_Latn',
  da: 'dan_Latn', de: 'deu_Latn', el: 'ell_Grek', en: 'eng_Latn', es: 'spa_Latn', et: 'est_Latn', eu: 'eus_Latn',
  fa: 'pes_Arab', fi: 'fin_Latn', fo: 'fao_Latn', fr: 'fra_Latn', gl: 'glg_Latn', gu: 'guj_Gujr', ha: 'hau_Latn',
  he: 'heb_Hebr', hi: 'hin_Deva', hr: 'hrv_Latn', ht: 'hat_Latn', hu: 'hun_Latn', hy: 'hye_Armn', id: 'ind_Latn',
  is: 'isl_Latn', it: 'ita_Latn', ja: 'jpn_Jpan', jw: 'jav_Latn', jv: 'jav_Latn', ka: 'kat_Geor', kk: 'kaz_Cyrl',
  km: 'khm_Khmr', kn: 'kan_Knda', ko: 'kor_Hang', lb: 'ltz_Latn', ln: 'lin_Latn', lo: 'lao_Laoo', lt: 'lit_Latn',
  lv: 'lvs_Latn', mg: 'plt_Latn', mi: 'mri_Latn', mk: 'mkd_Cyrl', ml: 'mal_Mlym', mn: 'khk_Cyrl', mr: 'mar_Deva',
  ms: 'zsm_Latn', mt: 'mlt_Latn', my: 'mya_Mymr', ne: 'npi_Deva', nl: 'nld_Latn', nn: 'nno_Latn', no: 'nob_Latn',
  oc: 'oci_Latn', pa: 'pan_Guru', pl: 'pol_Latn', ps: 'pbt_Arab', pt: 'por_Latn', ro: 'ron_Latn', ru: 'rus_Cyrl',
  sa: 'san_Deva', sd: 'snd_Arab', si: 'sin_Sinh', sk: 'slk_Latn', sl: 'slv_Latn', sn: 'sna_Latn', so: 'som_Latn',
  sq: 'als_Latn', sr: 'srp_Cyrl', su: 'sun_Latn', sv: 'swe_Latn', sw: 'swh_Latn', ta: 'tam_Taml', te: 'tel_Telu',
  tg: 'tgk_Cyrl', th: 'tha_Thai', tk: 'tuk_Latn', tl: 'tgl_Latn', tr: 'tur_Latn', tt: 'tat_Cyrl', uk: 'ukr_Cyrl',
  ur: 'urd_Arab', uz: 'uzn_Latn', vi: 'vie_Latn', yi: 'ydd_Hebr', yo: 'yor_Latn', zh: 'zho_Hans', yue: 'yue_Hant',
};

/** The 100 languages of M2M100 (facebook/m2m100_418M model card). */
const M2M100_CODES: ReadonlySet<string> = new Set(
  ('af am ar ast az ba be bg bn br bs ca ceb cs cy da de el en es et fa ff fi fr fy ga gd gl gu ha he hi hr ht hu hy id ' +
    'ig ilo is it ja jv ka kk km kn ko lb lg ln lo lt lv mg mk ml mn mr ms my ne nl no ns oc or pa pl ps pt ro ru sd si ' +
    'sk sl so sq sr ss su sv sw ta th tl tn tr uk ur uz vi wo xh yi yo zh zu').split(' '),
);

export const toNllbCode = (iso: string): string | null => NLLB_CODES[iso] ?? null;

/** M2M100's tokenizer takes the plain code ("de") and adds the underscores itself. */
export const toM2m100Code = (iso: string): string | null => (M2M100_CODES.has(iso) ? iso : null);

/** Scripts written without spaces between words: translated sentences are joined without a space. */
const UNSPACED = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my', 'yue', 'bo']);
export const sentenceJoiner = (iso: string): string => (UNSPACED.has(iso) ? '' : ' ');
