import type { z } from "zod";
import type { Result } from "../errors/result.js";
import { fail, ok } from "../errors/result.js";
import { SpineError } from "../errors/spine-error.js";
import { closestNames } from "../registry/closest-names.js";
import { baseTypeOf, describeParameters, objectShapeOf, unwrapSchema } from "./inspect-schema.js";

/** One invalid parameter: which, what was expected, and what was given. */
export interface ParameterIssue {
  readonly parameter: string;
  readonly message: string;
  readonly expected: string;
  readonly received?: unknown;
  readonly allowedValues?: readonly string[];
  /** True when `message` is a domain's own and already says what it expects (a tier's spellings). */
  readonly messageSaysExpected?: boolean;
}

const plainInteger = /^-?\d+$/;
const plainDecimal = /^-?\d+(\.\d+)?$/;

/** What a CLI integer must look like: digits only, so `0x6`, `1e1` and `" 6"` are not read as numbers. */
export const plainIntegerExpectation = "a plain decimal integer (digits only, e.g. 6)";

const trueWords = new Set(["true", "1", "yes", "y", "on"]);
const falseWords = new Set(["false", "0", "no", "n", "off"]);

// CLI values arrive as strings; turn them into what the schema's base type wants, and leave
// anything unrecognised alone so zod reports it with its own message.
function coerceValue(schema: z.ZodType, value: unknown): unknown {
  if (typeof value !== "string") return value;
  const { type } = baseTypeOf(unwrapSchema(schema).base);
  // Only plain decimal digits: Number() would also read hex, exponents and padded text.
  if (type === "integer") return plainInteger.test(value) ? Number(value) : value;
  if (type === "number") return plainDecimal.test(value) ? Number(value) : value;
  if (type === "boolean") {
    const lower = value.trim().toLowerCase();
    if (trueWords.has(lower)) return true;
    if (falseWords.has(lower)) return false;
    return value;
  }
  if (type.startsWith("array of")) {
    const element = (unwrapSchema(schema).base as unknown as { _zod: { def: { element: z.ZodType } } })._zod
      .def.element;
    return value.split(",").map((part) => coerceValue(element, part.trim()));
  }
  return value;
}

function isIntegerParameter(schema: z.ZodType | undefined): boolean {
  return schema !== undefined && baseTypeOf(unwrapSchema(schema).base).type === "integer";
}

function expectedOf(
  schema: z.ZodType,
  name: string,
): { expected: string; allowedValues?: readonly string[] } {
  const description = describeParameters(schema).find((parameter) => parameter.name === name);
  if (!description) return { expected: "no such parameter" };
  const expected = description.allowedValues
    ? `one of ${description.allowedValues.join(", ")}`
    : `${description.type}${description.description ? ` (${description.description})` : ""}`;
  return description.allowedValues ? { expected, allowedValues: description.allowedValues } : { expected };
}

function unknownParameterIssues(schema: z.ZodType, raw: Readonly<Record<string, unknown>>): ParameterIssue[] {
  const known = Object.keys(objectShapeOf(schema));
  return Object.keys(raw)
    .filter((name) => !known.includes(name))
    .map((name) => {
      const suggestions = closestNames(name, known);
      const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(" or ")}?` : "";
      return {
        parameter: name,
        message: `unknown parameter${hint}`,
        expected: `one of the parameters ${known.join(", ")}`,
        received: raw[name],
      };
    });
}

// Our wording where we know better than the library (missing, not digits, not in the list); a
// domain's own message is kept, and marked when it already names what it expects.
function issueMessage(
  issue: z.ZodError["issues"][number],
  received: unknown,
  integerParameter: boolean,
): Pick<ParameterIssue, "message" | "messageSaysExpected"> {
  if (received === undefined && issue.path.length === 1) return { message: "is required" };
  if (typeof received === "string" && !plainInteger.test(received) && integerParameter)
    return { message: `must be ${plainIntegerExpectation}` };
  if (issue.code === "invalid_value") return { message: "is not an allowed value" };
  if (issue.code === "custom" && /\bexpected\b/.test(issue.message))
    return { message: issue.message, messageSaysExpected: true };
  return { message: issue.message };
}

/**
 * Validates raw parameters (strings from the CLI or values from code) against a pipeline's zod
 * schema, coercing "true", "6" and comma lists. Every problem is reported at once.
 */
export function validateParams<Schema extends z.ZodType>(
  schema: Schema,
  raw: Readonly<Record<string, unknown>>,
): Result<z.output<Schema>, ParameterIssue> {
  const shape = objectShapeOf(schema);
  const coerced = Object.fromEntries(
    Object.entries(raw).map(([name, value]) => [name, shape[name] ? coerceValue(shape[name], value) : value]),
  );
  const unknown = unknownParameterIssues(schema, raw);
  const parsed = schema.safeParse(coerced);
  if (parsed.success && unknown.length === 0) return ok(parsed.data);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((issue): ParameterIssue => {
        const name = issue.path.map(String).join(".") || "(parameters)";
        const top = String(issue.path[0] ?? "");
        const received = raw[top];
        return {
          parameter: name,
          ...issueMessage(issue, received, isIntegerParameter(shape[top])),
          ...expectedOf(schema, top),
          ...(received === undefined ? {} : { received }),
        };
      });
  return fail(...unknown, ...issues);
}

/** Renders issues as the indented lines of a validation error message. */
export function formatParameterIssues(issues: readonly ParameterIssue[]): string {
  return issues
    .map((issue) => {
      const got = issue.received === undefined ? [] : [`got ${JSON.stringify(issue.received)}`];
      // Said once: a domain's message naming what it expects is not followed by ours.
      const expected = issue.messageSaysExpected === true ? [] : [`expected ${issue.expected}`];
      const context = [...expected, ...got];
      return `  - ${issue.parameter}: ${issue.message}${context.length > 0 ? ` (${context.join("; ")})` : ""}`;
    })
    .join("\n");
}

/**
 * Validates raw (string) parameters of `subject` (a pipeline or query name) or throws one VALIDATION
 * SpineError listing every issue: the one message the CLI and the HTTP API both give.
 */
export function parseParamsOrThrow<Schema extends z.ZodType>(
  subject: string,
  schema: Schema,
  raw: Readonly<Record<string, unknown>>,
): z.output<Schema> {
  const validated = validateParams(schema, raw);
  if (validated.ok) return validated.value;
  throw new SpineError(
    "VALIDATION",
    `Invalid parameters for ${subject}:\n${formatParameterIssues(validated.issues)}`,
    { details: { name: subject, issues: validated.issues } },
  );
}
