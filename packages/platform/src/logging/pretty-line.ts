const levelNames: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

// ANSI colours per level: red for errors, yellow for warnings, dim for the chatty levels.
const levelColours: Record<number, string> = { 10: "2", 20: "2", 30: "36", 40: "33", 50: "31", 60: "31" };

const alwaysHidden = new Set(["level", "time", "msg", "pid", "hostname"]);

// Lineage and payloads a person at a terminal does not read line by line: they stay in the JSON
// logs and in `spine executions show`, and come back with `verbose`.
const hiddenWhenBrief = new Set([
  "execution_id",
  "batch_id",
  "correlation_id",
  "parent_execution_id",
  "params",
  "metrics",
  "stack",
  "trigger",
  "lane",
]);

/** How {@link formatPrettyLine} renders a record. */
export interface PrettyLineOptions {
  /** Every field, stacks included (default true, as for a log file read later). */
  readonly verbose?: boolean;
  /** ANSI colour for the level (for a terminal that has not asked for NO_COLOR). */
  readonly colour?: boolean;
}

function fieldText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Turns one pino JSON line into one short human line; terminals get this, pipes get JSON. Brief
 * lines (verbose false) keep the level, the message and the fields that say what happened; a
 * stack never spans lines there.
 */
export function formatPrettyLine(jsonLine: string, options: PrettyLineOptions = {}): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const verbose = options.verbose ?? true;
  const levelNumber = Number(record.level);
  const name = (levelNames[levelNumber] ?? String(record.level)).padEnd(5);
  const level = options.colour ? `\u001b[${levelColours[levelNumber] ?? "0"}m${name}\u001b[0m` : name;
  const time = typeof record.time === "number" ? new Date(record.time).toISOString().slice(11, 23) : "";
  const fields = Object.entries(record)
    .filter(([key]) => !alwaysHidden.has(key) && (verbose || !hiddenWhenBrief.has(key)))
    .map(([key, value]) => `${key}=${fieldText(value)}`)
    .join(" ");
  const message = `${level} ${String(record.msg ?? "")}${fields ? `  ${fields}` : ""}`;
  return `${verbose ? `${time} ` : ""}${message}\n`;
}
