import { SpineError, settingsSchema } from "@spine/platform";

// The global flags that are settings, with their spelling on the command line.
const settingFlags = { logLevel: "--log-level", logFormat: "--log-format", logFile: "--log-file" } as const;

/**
 * Checks setting flags before the platform reads them: its errors name the environment variable
 * (SPINE_LOG_LEVEL), which would send a user who typed `--log-level` to the wrong place.
 */
export function assertFlagValues(
  options: Readonly<Partial<Record<keyof typeof settingFlags, unknown>>>,
): void {
  const problems: string[] = [];
  for (const [key, flag] of Object.entries(settingFlags) as Array<[keyof typeof settingFlags, string]>) {
    const value = options[key];
    if (value === undefined) continue;
    const checked = settingsSchema.shape[key].safeParse(value);
    if (!checked.success)
      problems.push(`${flag} ${JSON.stringify(value)}: ${checked.error.issues[0]?.message ?? "invalid"}`);
  }
  if (problems.length > 0) {
    throw new SpineError("CONFIG", `Invalid option value:\n  ${problems.join("\n  ")}`, {
      details: { problems },
    });
  }
}
