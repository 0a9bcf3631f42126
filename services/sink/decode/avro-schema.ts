/**
 * The parts of an Avro schema (as JSON, the registry's text parsed) that value conversion
 * reads. Debezium's converters keep Kafka Connect's semantic type in `connect.name`
 * (io.debezium.time.ZonedTimestamp, …) and a decimal's scale in `scale`/`connect.parameters`.
 * Named types are declared once and referenced by name afterwards ("after": ["null", "Value"]).
 */
export type AvroSchema = string | AvroSchema[] | AvroComplexSchema;

export interface AvroField {
  name: string;
  type: AvroSchema;
}

export interface AvroComplexSchema {
  type: AvroSchema;
  name?: string;
  namespace?: string;
  fields?: AvroField[];
  items?: AvroSchema;
  values?: AvroSchema;
  logicalType?: string;
  scale?: number;
  precision?: number;
  'connect.name'?: string;
  'connect.parameters'?: Record<string, string>;
}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Named types of one schema by full name, so references can be followed. */
export class AvroNames {
  private readonly byName = new Map<string, AvroComplexSchema>();
  private readonly unions = new WeakMap<AvroSchema[], AvroSchema[]>();

  constructor(root: AvroSchema) {
    this.collect(root, undefined);
  }

  private collect(schema: AvroSchema, namespace: string | undefined): void {
    if (Array.isArray(schema)) {
      for (const branch of schema) this.collect(branch, namespace);
      return;
    }
    if (typeof schema !== 'object' || schema === null) return;
    let ns = namespace;
    if (typeof schema.name === 'string') {
      const full = fullName(schema.name, schema.namespace ?? namespace);
      this.byName.set(full, schema);
      ns = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : undefined;
    }
    if (typeof schema.type === 'object') this.collect(schema.type, ns);
    for (const field of schema.fields ?? []) this.collect(field.type, ns);
    if (schema.items !== undefined) this.collect(schema.items, ns);
    if (schema.values !== undefined) this.collect(schema.values, ns);
  }

  /** A union's branches other than null, resolved (once per union: every event of the schema passes it). */
  nonNullBranches(branches: AvroSchema[]): AvroSchema[] {
    let nonNull = this.unions.get(branches);
    if (nonNull === undefined) {
      nonNull = branches.map((b) => this.resolve(b)).filter((b) => typeNameOf(b) !== 'null');
      this.unions.set(branches, nonNull);
    }
    return nonNull;
  }

  /** Follows a reference by name; a primitive name or an inline schema is returned as is. */
  resolve(schema: AvroSchema, namespace?: string): AvroSchema {
    if (typeof schema !== 'string' || PRIMITIVES.has(schema)) return schema;
    const found = this.byName.get(schema) ?? (namespace ? this.byName.get(`${namespace}.${schema}`) : undefined);
    if (found) return found;
    const bySimpleName = [...this.byName.entries()].filter(([full]) => full.endsWith(`.${schema}`) || full === schema);
    if (bySimpleName.length === 1 && bySimpleName[0]) return bySimpleName[0][1];
    throw new RangeError(`unknown Avro type name '${schema}'`);
  }
}

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

/** The primitive/complex type name at the top of a (resolved, non-union) schema. */
export function typeNameOf(schema: AvroSchema): string {
  if (typeof schema === 'string') return schema;
  if (Array.isArray(schema)) return 'union';
  return typeof schema.type === 'string' ? schema.type : typeNameOf(schema.type);
}

/** The semantic type Kafka Connect attached (connect.name), or the Avro logicalType. */
export function semanticTypeOf(schema: AvroSchema): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  return schema['connect.name'] ?? schema.logicalType;
}

/** A decimal's scale: Avro's `scale`, or Connect's parameter when only that is present. */
export function decimalScaleOf(schema: AvroSchema): number | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  if (typeof schema.scale === 'number') return schema.scale;
  const fromParameters = schema['connect.parameters']?.scale;
  return fromParameters === undefined ? undefined : Number(fromParameters);
}

/** The fields of the record that a field of `record` holds (through a nullable union). */
export function recordFieldsOf(names: AvroNames, schema: AvroSchema): AvroField[] | undefined {
  let resolved = names.resolve(schema);
  if (Array.isArray(resolved)) {
    const records = resolved.map((b) => names.resolve(b)).filter((b) => typeNameOf(b) === 'record');
    if (records.length !== 1 || !records[0]) return undefined;
    resolved = records[0];
  }
  if (typeof resolved !== 'object' || Array.isArray(resolved)) return undefined;
  return resolved.fields;
}
