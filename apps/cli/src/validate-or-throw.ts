import { formatParameterIssues, SpineError, validateParams } from "@spine/platform";
import type { z } from "zod";

/**
 * Validates raw `-p` parameters before any database is opened, so a mistyped value is reported
 * (all at once) even where `spine db init` has not run yet.
 */
export function validateOrThrow<Schema extends z.ZodType>(
  subject: string,
  schema: Schema,
  raw: Readonly<Record<string, unknown>>,
): z.output<Schema> {
  const validated = validateParams(schema, raw);
  if (validated.ok) return validated.value;
  throw new SpineError(
    "VALIDATION",
    `Invalid parameters for ${subject}:\n${formatParameterIssues(validated.issues)}`,
    {
      details: { name: subject, issues: validated.issues },
    },
  );
}
