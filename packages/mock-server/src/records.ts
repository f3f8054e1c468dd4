/** A plain JSON object (not null, not an array): what options, bodies and the spec are checked against. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
