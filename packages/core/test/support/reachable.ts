/** Finds secret values anywhere reachable from a value: every own property (hidden and symbol-keyed too), Map/Set contents and byte buffers. */

export interface SecretSighting {
  secret: string;
  /** Where it was found, e.g. `.cause.request[Symbol(kHeaders)].authorization`. */
  path: string;
}

export interface ReachableScan {
  sightings: SecretSighting[];
  /** How many objects were visited. */
  objects: number;
  /** True when the walk stopped at `maxObjects` before seeing everything. */
  truncated: boolean;
}

/**
 * Walks the object graph from `root` through own property descriptors (getters are not called:
 * util.inspect does not call them either), Map and Set entries, and reads byte buffers as latin1.
 * Prototypes are not followed: they hold the classes' methods, not the instance's data.
 */
export function scanReachable(root: unknown, secrets: readonly string[], maxObjects = 200_000): ReachableScan {
  const sightings: SecretSighting[] = [];
  const seen = new Set<object>();
  const queue: Array<[unknown, string]> = [[root, '']];
  const check = (text: string, path: string) => {
    for (const secret of secrets) if (text.includes(secret)) sightings.push({ secret, path });
  };
  let truncated = false;
  while (queue.length > 0) {
    const [value, path] = queue.shift()!;
    if (typeof value === 'string') {
      check(value, path);
      continue;
    }
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    if (seen.has(value)) continue;
    if (seen.size >= maxObjects) {
      truncated = true;
      break;
    }
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      check(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1'), path);
      continue;
    }
    if (value instanceof ArrayBuffer) {
      check(Buffer.from(value).toString('latin1'), path);
      continue;
    }
    if (value instanceof Map) {
      for (const [k, v] of value) queue.push([k, `${path}<key>`], [v, `${path}<value>`]);
    }
    if (value instanceof Set) {
      for (const v of value) queue.push([v, `${path}<item>`]);
    }
    for (const key of Reflect.ownKeys(value)) {
      const name = typeof key === 'symbol' ? `[${key.toString()}]` : `.${key}`;
      if (typeof key === 'string') check(key, `${path}${name}<name>`);
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) queue.push([descriptor.value, `${path}${name}`]);
    }
  }
  return { sightings, objects: seen.size, truncated };
}
