import { SpineError } from "@spine/platform";
import { z } from "zod";

/** FINRA's Query API, where `SPINE_FINRA_API_URL` does not point elsewhere. */
export const FINRA_API_URL = "https://api.finra.org";

/** FINRA's OAuth2 token endpoint for client credentials. */
export const FINRA_TOKEN_URL =
  "https://ews.fip.finra.org/fip/rest/ews/oauth2/access_token?grant_type=client_credentials";

const settingsSchema = z.object({
  baseUrl: z.url().default(FINRA_API_URL),
  tokenUrl: z.url().default(FINRA_TOKEN_URL),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  timeoutMs: z.coerce.number().int().min(100).default(60_000),
  maxAttempts: z.coerce.number().int().min(1).max(20).default(6),
  retryBaseMs: z.coerce.number().int().min(0).default(1_000),
  retryMaxMs: z.coerce.number().int().min(0).default(60_000),
  requestsPerSecond: z.coerce.number().min(0.1).max(20).default(20),
});

/** Validated connector settings. */
export type FinraApiSettings = z.output<typeof settingsSchema>;

const variables: Record<keyof FinraApiSettings, string> = {
  baseUrl: "SPINE_FINRA_API_URL",
  tokenUrl: "SPINE_FINRA_TOKEN_URL",
  clientId: "SPINE_FINRA_CLIENT_ID",
  clientSecret: "SPINE_FINRA_CLIENT_SECRET",
  timeoutMs: "SPINE_FINRA_TIMEOUT_MS",
  maxAttempts: "SPINE_FINRA_MAX_ATTEMPTS",
  retryBaseMs: "SPINE_FINRA_RETRY_BASE_MS",
  retryMaxMs: "SPINE_FINRA_RETRY_MAX_MS",
  requestsPerSecond: "SPINE_FINRA_REQUESTS_PER_SECOND",
};

/**
 * The connector's settings from `SPINE_FINRA_*` variables only: credentials never come from a
 * flag or a parameter, so they never reach an execution's recorded parameters. An id without a
 * secret (or the reverse) is a CONFIG error that names the variables, never their values.
 */
export function readFinraApiSettings(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): FinraApiSettings {
  const raw = Object.fromEntries(
    Object.entries(variables)
      .map(([key, variable]) => [key, environment[variable]])
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${variables[String(issue.path[0]) as keyof FinraApiSettings]}: ${issue.message}`,
    );
    throw new SpineError("CONFIG", `Invalid FINRA API settings:\n  ${problems.join("\n  ")}`);
  }
  if ((parsed.data.clientId === undefined) !== (parsed.data.clientSecret === undefined))
    throw new SpineError(
      "CONFIG",
      "Set both SPINE_FINRA_CLIENT_ID and SPINE_FINRA_CLIENT_SECRET, or neither.",
    );
  return parsed.data;
}
