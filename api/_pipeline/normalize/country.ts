import { boundedMemo } from '../bounded-memo.js';
import { builtOnFirstUse } from './built-on-first-use.js';
import { COUNTRY_NAMES_BY_CODE } from './country-names.js';
import { asAlreadyHashed, foldToAsciiLower, prepareInput } from './text.js';

// Names, older names and abbreviations CLDR does not list, folded like the table.
// `korea` alone means the South in everyday (and form) use.
/** Hand-made aliases, code → names (exported for the table's consistency test). */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  us: 'america unitedstatesofamerica usofa estadosunidosdeamerica etatsunisdamerique',
  gb: 'greatbritain britain england scotland wales northernireland grossbritannien grandebretagne granbretana grabretanha granbretagna unitedkingdomofgreatbritainandnorthernireland',
  ae: 'uae emirates',
  sa: 'ksa',
  cd: 'democraticrepublicofthecongo democraticrepublicofcongo drcongo drc rdc rdcongo republiquedemocratiqueducongo',
  cg: 'republicofthecongo republicofcongo',
  ci: 'ivorycoast',
  cz: 'czechrepublic ceskarepublika',
  kr: 'korea republicofkorea',
  kp: 'democraticpeoplesrepublicofkorea dprk',
  ru: 'russianfederation',
  ir: 'islamicrepublicofiran',
  sy: 'syrianarabrepublic',
  la: 'laopdr laopeoplesdemocraticrepublic',
  vn: 'vietnam',
  tz: 'unitedrepublicoftanzania',
  bo: 'plurinationalstateofbolivia',
  ve: 'bolivarianrepublicofvenezuela',
  md: 'republicofmoldova',
  mk: 'macedonia fyrom',
  sz: 'swaziland',
  mm: 'burma',
  tl: 'easttimor',
  va: 'vatican vaticancity holysee',
  nl: 'holland thenetherlands',
  ps: 'palestinianterritories stateofpalestine',
  fm: 'federatedstatesofmicronesia',
  ba: 'bosnia',
  tr: 'turkey turkei turquie turquia',
  gm: 'thegambia',
  bs: 'thebahamas',
  sj: 'svalbard svalbardandjanmayen',
  hm: 'heardislandandmcdonaldislands',
  kn: 'saintkittsandnevis',
  vc: 'saintvincentandthegrenadines stvincentandthegrenadines',
  pm: 'saintpierreandmiquelon',
  gs: 'southgeorgiaandthesouthsandwichislands southgeorgia',
  kg: 'kyrgyzrepublic',
  sk: 'slovakrepublic',
  ie: 'eire',
  gr: 'hellas',
  lu: 'letzebuerg',
  in: 'bharat',
  jp: 'nippon nihon',
  cn: 'prc peoplesrepublicofchina zhongguo',
  nz: 'aotearoa',
};

// ISO alpha-3 codes of the markets most sites serve (`USA` is in the CLDR table).
/** code → alpha-3 (exported for the table's consistency test). */
export const COUNTRY_ALPHA3: Readonly<Record<string, string>> = {
  gb: 'gbr', de: 'deu', fr: 'fra', es: 'esp', it: 'ita', ca: 'can', au: 'aus', mx: 'mex', br: 'bra',
  in: 'ind', jp: 'jpn', nz: 'nzl', ie: 'irl', za: 'zaf', ch: 'che', at: 'aut', se: 'swe', no: 'nor',
  dk: 'dnk', fi: 'fin', pl: 'pol', pt: 'prt', ar: 'arg', cl: 'chl', co: 'col', pe: 'per', sg: 'sgp',
  il: 'isr', tr: 'tur', ph: 'phl', ng: 'nga', ke: 'ken',
};

const ISO_CODES: ReadonlySet<string> = new Set(Object.keys(COUNTRY_NAMES_BY_CODE));
// Built on the first country given as a name, not on import: most events carry a code (or only the
// edge's country header), and the index of ~1,500 names was part of every cold start (issue 13).
let codeByName: ReadonlyMap<string, string> | undefined;
const notALetter = builtOnFirstUse(() => /[^\p{L}]+/gu);
const NOT_A_TO_Z = /[^a-z]+/g;
const NON_ASCII = /[^\x00-\x7f]/;
const ISO2_SHAPE = /^[a-z]{2}$/;

// A site's form offers a few countries, spelled the same way on lead after lead: the answer for
// each spelling is remembered (bounded: 512 spellings of at most 60 characters, the longest names
// run to ~52; a country identifies nobody).
const rememberedCountry = boundedMemo(countryFromText, { maxEntries: 512, maxKeyChars: 60 });

/**
 * `country`: ISO 3166-1 alpha-2, lowercase (docs/meta-capi.md §3 `country`).
 * Codes must be real ISO codes (`uk` → `gb`); names and aliases in several
 * languages map to their code (`Deutschland` → `de`); unknown → absent.
 */
export function normalizeCountry(raw: unknown): string | undefined {
  return typeof raw === 'string' ? rememberedCountry(raw) : undefined;
}

function countryFromText(raw: string): string | undefined {
  const value = prepareInput(raw);
  if (value === '') return undefined;
  const hashed = asAlreadyHashed(value);
  if (hashed) return hashed;
  const key = countryNameKey(value);
  if (ISO2_SHAPE.test(key)) return key === 'uk' ? 'gb' : ISO_CODES.has(key) ? key : undefined;
  return (codeByName ??= buildNameIndex()).get(key);
}

/** Whether a country name has needed the name index in this process yet (tests). */
export function nameIndexBuilt(): boolean {
  return codeByName !== undefined;
}

/** The lookup key of a country name: lowercase, accents folded, letters only. */
export function countryNameKey(value: string): string {
  const folded = foldToAsciiLower(value);
  return NON_ASCII.test(folded) ? folded.replace(notALetter(), '') : folded.replace(NOT_A_TO_Z, '');
}

function buildNameIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const table of [COUNTRY_NAMES_BY_CODE, COUNTRY_ALIASES, COUNTRY_ALPHA3]) {
    for (const [code, names] of Object.entries(table)) {
      for (const name of names.split(' ')) index.set(name, code);
    }
  }
  return index;
}
