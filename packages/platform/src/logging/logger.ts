/** The small logging surface that domain code sees; pino stays inside the platform. */
export interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
  /** A logger whose every line also carries `fields` (execution_id, pipeline, ...). */
  child(fields: Readonly<Record<string, unknown>>): Logger;
}
