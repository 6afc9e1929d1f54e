const redacted = "[redacted]";

// Credentials leak in the shapes HTTP gives them: the secret itself, a Basic header's base64 of
// `id:secret`, a Bearer token, and a token endpoint's JSON answer.
const credentialPatterns: readonly RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /(Basic\s+)[A-Za-z0-9+/=]+/gi,
  /("?(?:access_token|client_secret|refresh_token)"?\s*[:=]\s*"?)[^"&,\s}]+/gi,
];

/** Replaces secrets in text; `add` teaches it values learned later (an access token). */
export interface SecretRedactor {
  (text: string): string;
  add(secret: string | undefined): void;
}

/**
 * Redacts every known secret and every credential-shaped value (Bearer and Basic headers, token
 * fields) from text bound for logs, errors or the database. Secrets shorter than four characters
 * are ignored: replacing them would garble ordinary text without protecting anything.
 */
export function createSecretRedactor(secrets: readonly (string | undefined)[] = []): SecretRedactor {
  const known = new Set<string>();
  const redact = ((text: string) => {
    let result = text;
    for (const secret of known) result = result.split(secret).join(redacted);
    for (const pattern of credentialPatterns) result = result.replace(pattern, `$1${redacted}`);
    return result;
  }) as SecretRedactor;
  redact.add = (secret) => {
    if (secret !== undefined && secret.length >= 4) known.add(secret);
  };
  for (const secret of secrets) redact.add(secret);
  return redact;
}

/** Redacts `secrets` and credential-shaped values from one text (see createSecretRedactor). */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  return createSecretRedactor(secrets)(text);
}
