/**
 * `*` wildcards (any run of characters) without regular expressions: backtracking only to the last
 * star, so a client-supplied pattern like `*a*a*a*a*b` costs at most pattern × text steps, never
 * the exponential time a `.*`-built RegExp takes.
 */
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < t.length) {
    if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (i < p.length && p[i] === t[j]) {
      i++;
      j++;
    } else if (star !== -1) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (p[i] === '*') i++;
  return i === p.length;
}
