import type { DomainDefinition } from "@spine/platform";
import { canonicalJson, closestNames, SpineError } from "@spine/platform";
import type { ApiContext } from "./api-context.js";

/** The domain a path names, or NOT_FOUND naming the domains there are. */
export function domainOf(context: ApiContext, name: string | undefined): DomainDefinition {
  const domain = context.domains.find((candidate) => candidate.name === name);
  if (domain) return domain;
  const names = context.domains.map((candidate) => candidate.name);
  const close = closestNames(name ?? "", names);
  throw new SpineError(
    "NOT_FOUND",
    `No domain ${name}.${close.length > 0 ? ` Did you mean ${close.join(", ")}?` : ""} Domains: ${names.join(", ")}.`,
  );
}

/**
 * The stored partition key a request names by the domain's partition fields (`tier=OTC&week_ending=...`),
 * or null when it names none; a partial key is a VALIDATION error naming the fields expected.
 */
export function partitionKeyOf(
  domain: DomainDefinition,
  query: Readonly<Record<string, unknown>>,
): string | null {
  const fields = domain.graph?.partition.fields ?? [];
  const given = fields.filter((field) => typeof query[field] === "string" && query[field] !== "");
  if (given.length === 0) return null;
  if (given.length < fields.length)
    throw new SpineError(
      "VALIDATION",
      `A ${domain.name} partition needs every one of ${fields.join(", ")} (missing: ${fields.filter((field) => !given.includes(field)).join(", ")}).`,
    );
  return canonicalJson(Object.fromEntries(fields.map((field) => [field, String(query[field])])));
}
