/**
 * Names shared by the extractor and the generator: API class <-> swagger tag, and the
 * JavaScript name the reference SDK gives a parameter from its wire name.
 */

/** Words the reference spells in mixed case that an acronym-aware splitter would cut. */
const MIXED_CASE_WORDS = ['OAuth'];

/**
 * `UsersApi` -> `Users`, `TelephonyProvidersEdgeApi` -> `Telephony Providers Edge`,
 * `SCIMApi` -> `SCIM`, `AIStudioApi` -> `AI Studio`, `OAuthApi` -> `OAuth`.
 */
export function tagFromClassName(className: string): string {
  const base = className.replace(/Api$/, '');
  const words: string[] = [];
  let rest = base;
  while (rest.length > 0) {
    const keep = MIXED_CASE_WORDS.find((word) => rest.startsWith(word));
    const match = keep ?? /^([A-Z]+(?=[A-Z][a-z0-9])|[A-Z]?[a-z0-9]+|[A-Z]+)/.exec(rest)?.[0];
    if (!match) throw new Error(`cannot split the class name "${className}" into words`);
    words.push(match);
    rest = rest.slice(match.length);
  }
  return words.join(' ');
}

/** `Telephony Providers Edge` -> `TelephonyProvidersEdgeApi`; `Speech & Text Analytics` -> `SpeechTextAnalyticsApi`. */
export function classNameFromTag(tag: string): string {
  return `${tag.replace(/[^A-Za-z0-9]+/g, '')}Api`;
}

/** `Telephony Providers Edge` -> `telephony-providers-edge` (the package folder is `api-<this>`). */
export function kebabFromTag(tag: string): string {
  return tag
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase())
    .join('-');
}

/**
 * Words swagger-codegen's JavaScript generator escapes with a leading `_` (compared without case).
 * Its list, less `name`, which the reference leaves as it is; checked against every parameter of
 * the reference SDK by the extractor.
 */
const RESERVED_WORDS = new Set(
  (
    'abstract arguments boolean break byte case catch char class const continue debugger default delete do ' +
    'double else enum eval export extends false final finally float for function goto if implements import in ' +
    'instanceof int interface let long native new null package private protected public return short static ' +
    'super switch synchronized this throw throws transient true try typeof var void volatile while with yield ' +
    'array date hasownproperty infinity isfinite isnan isprototypeof length math nan number object prototype ' +
    'string tostring undefined valueof'
  ).split(' '),
);

/**
 * The JavaScript name swagger-codegen gives a parameter: characters other than letters and
 * digits split words, later words are capitalised, the first letter is lower-cased, and a
 * reserved word gets a leading `_`.
 * `X-Journey-Session-Id` -> `xJourneySessionId`, `phone_hardwareId` -> `phoneHardwareId`,
 * `delete` -> `_delete`.
 */
export function jsParameterName(wireName: string): string {
  const words = wireName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
  const name = joined.charAt(0).toLowerCase() + joined.slice(1);
  return RESERVED_WORDS.has(name.toLowerCase()) ? `_${name}` : name;
}
