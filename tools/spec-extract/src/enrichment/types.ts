/**
 * `spec/enrichment.json`: facts the reference SDK package drops (enums, integer and date kinds,
 * property descriptions, required permissions), read from Genesys's own SDK repositories and
 * merged into the swagger by name. Empty fields are omitted.
 */

export interface EnrichmentSource {
  repository: string;
  commit: string;
  release: string;
  license: string;
  /** Which files were read, and for what. */
  what: string;
}

export type PermissionType = 'ANY' | 'ALL';

export interface OperationEnrichment {
  /** Absent where the source says `Requires NO permissions`. */
  permissions?: { type: PermissionType; list: string[] };
  /** By the parameter's JavaScript name (the reference SDK's `jsParameterName` of the wire name). */
  params?: Record<string, ParameterEnrichment>;
}

export interface ParameterEnrichment {
  enum: string[];
  /** The source documents an array (`[String]`): the enum belongs to its items. */
  array?: true;
}

/** The scalar kind the source gives a property (or its items or map values, per `container`). */
export type PropertyKind = 'integer' | 'number' | 'date' | 'date-time';

export interface PropertyEnrichment {
  kind?: PropertyKind;
  /** `array` (Python `list[X]`) or `map` (`dict(str, X)`): `kind` and `enum` describe X. */
  container?: 'array' | 'map';
  description?: string;
  enum?: string[];
}

export interface ModelEnrichment {
  description?: string;
  /** By wire name. */
  properties: Record<string, PropertyEnrichment>;
}

export interface EnrichmentDocument {
  sources: EnrichmentSource[];
  operations: Record<string, OperationEnrichment>;
  models: Record<string, ModelEnrichment>;
}
