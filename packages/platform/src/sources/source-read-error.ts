import { SpineError } from "../errors/spine-error.js";

const reasons: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file",
  EISDIR: "it is a directory",
  ELOOP: "too many symbolic links",
  EIO: "input/output error",
};

function systemErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The tool's SOURCE error for a file system failure while reading a source file, naming the path
 * and the reason (a raw `EACCES: permission denied, open ...` would read as a bug). Errors that
 * are already SpineErrors, or not system errors, pass through unchanged.
 */
export function sourceReadError(path: string, error: unknown): unknown {
  const code = systemErrorCode(error);
  if (code === undefined || !/^E[A-Z]+$/.test(code)) return error;
  const reason = reasons[code] ?? (error as Error).message;
  return new SpineError("SOURCE", `Cannot read source file ${path}: ${reason} (${code}).`, {
    cause: error,
    details: { path, systemCode: code },
  });
}

/** Runs `read` and rethrows a file system failure as {@link sourceReadError}. */
export async function readingSource<T>(path: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw sourceReadError(path, error);
  }
}
