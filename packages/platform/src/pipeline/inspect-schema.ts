import type { z } from "zod";

/** What `describe` and `--help` show for one parameter. */
export interface ParameterDescription {
  readonly name: string;
  /** string, number, integer, boolean, enum, array, date-like custom types report their base. */
  readonly type: string;
  readonly required: boolean;
  readonly default?: unknown;
  readonly description?: string;
  readonly allowedValues?: readonly string[];
}

interface ZodDefinition {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
  checks?: ReadonlyArray<{ _zod?: { def?: { check?: string; format?: string } } }>;
  format?: string;
}

function definitionOf(schema: z.ZodType): ZodDefinition {
  return (schema as unknown as { _zod: { def: ZodDefinition } })._zod.def;
}

/** Peels optional/default/nullable/pipe wrappers, collecting what they say about the parameter. */
export function unwrapSchema(schema: z.ZodType): {
  base: z.ZodType;
  required: boolean;
  defaultValue?: unknown;
} {
  let current = schema;
  let required = true;
  let defaultValue: unknown;
  for (let depth = 0; depth < 20; depth += 1) {
    const definition = definitionOf(current);
    if (definition.type === "optional" || definition.type === "nullable") required = false;
    else if (definition.type === "default" || definition.type === "prefault") {
      required = false;
      defaultValue = definition.defaultValue;
    } else if (definition.type !== "pipe") break;
    const next = definition.type === "pipe" ? definition.in : definition.innerType;
    if (!next) break;
    current = next;
  }
  return defaultValue === undefined ? { base: current, required } : { base: current, required, defaultValue };
}

/** The base type name of a schema, as a user would say it. */
export function baseTypeOf(schema: z.ZodType): { type: string; allowedValues?: readonly string[] } {
  const definition = definitionOf(schema);
  if (definition.type === "enum" && definition.entries)
    return { type: "enum", allowedValues: Object.values(definition.entries).map(String) };
  if (definition.type === "literal" && definition.values)
    return { type: "enum", allowedValues: definition.values.map(String) };
  if (definition.type === "array" && definition.element)
    return { type: `array of ${baseTypeOf(unwrapSchema(definition.element).base).type}` };
  if (definition.type === "number") {
    const integer =
      definition.format === "safeint" ||
      definition.checks?.some((check) => check._zod?.def?.format === "safeint");
    return { type: integer ? "integer" : "number" };
  }
  return { type: definition.type };
}

/** The fields of an object schema; empty for any other schema. */
export function objectShapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const definition = definitionOf(schema) as ZodDefinition & { shape?: Record<string, z.ZodType> };
  return definition.type === "object" && definition.shape ? definition.shape : {};
}

/**
 * What a custom schema (a transform or refinement) can declare with zod's `.meta()` so users see
 * a meaningful type and the allowed values instead of "string".
 */
export interface ParameterMeta {
  readonly parameterType?: string;
  readonly allowedValues?: readonly string[];
}

function metaOf(schema: z.ZodType): ParameterMeta {
  const meta = (schema as unknown as { meta?: () => ParameterMeta | undefined }).meta?.();
  return meta ?? {};
}

function declaredMeta(field: z.ZodType, base: z.ZodType): ParameterMeta {
  let current: z.ZodType | undefined = field;
  for (let depth = 0; current && depth < 20; depth += 1) {
    const meta = metaOf(current);
    if (meta.parameterType || meta.allowedValues) return meta;
    const definition = definitionOf(current);
    current = definition.type === "pipe" ? definition.in : definition.innerType;
  }
  return metaOf(base);
}

/** Describes every parameter of a pipeline's schema for `list`, `describe` and error messages. */
export function describeParameters(schema: z.ZodType): ParameterDescription[] {
  return Object.entries(objectShapeOf(schema)).map(([name, field]) => {
    const { base, required, defaultValue } = unwrapSchema(field);
    const meta = declaredMeta(field, base);
    const inferred = baseTypeOf(base);
    const type = meta.parameterType ?? inferred.type;
    const allowedValues = meta.allowedValues ?? inferred.allowedValues;
    const description = field.description ?? base.description;
    return {
      name,
      type,
      required,
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
      ...(description === undefined ? {} : { description }),
      ...(allowedValues === undefined ? {} : { allowedValues }),
    };
  });
}
