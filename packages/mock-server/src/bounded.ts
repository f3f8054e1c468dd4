/** Bounds for state that grows with requests: the newest entries are kept. */

/** Sets a map entry, dropping the oldest entries (insertion order) beyond `max`. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}

/** Appends to a list kept in place (callers hold the same array), dropping the oldest entries beyond `max`. */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  if (max <= 0) return;
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}
