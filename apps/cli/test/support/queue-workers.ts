import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { spineBinary } from "./spawn-spine.js";

/** A `spine worker` process the test started. */
export interface WorkerProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly stderr: () => string;
  /** Resolves with the exit code (or signal) once it ended. */
  readonly exited: Promise<number | string | null>;
}

/** Short leases and polls, so a killed worker's job comes back within seconds. */
export const fastQueueSettings = {
  SPINE_QUEUE_EXPIRE_SECONDS: "4",
  SPINE_QUEUE_MAINTENANCE_SECONDS: "1",
  SPINE_QUEUE_POLLING_SECONDS: "0.5",
  SPINE_QUEUE_RETRY_DELAY_SECONDS: "1",
  SPINE_QUEUE_RETRY_LIMIT: "5",
  SPINE_LEASE_MS: "5000",
};

/**
 * Starts `spine worker --name <name>` (inside a network namespace when `namespace` is given),
 * resolving once it takes jobs.
 */
export async function startWorkerProcess(
  name: string,
  databaseUrl: string,
  options: {
    readonly namespace?: string;
    readonly cwd: string;
    /** Settings of this worker only (SPINE_* variables), over the fast queue's. */
    readonly environment?: Record<string, string>;
  },
): Promise<WorkerProcess> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("SPINE_")),
  );
  const argv = [process.execPath, spineBinary, "worker", "--name", name];
  const [command, ...rest] = options.namespace ? ["ip", "netns", "exec", options.namespace, ...argv] : argv;
  const child = spawn(command ?? "", rest, {
    cwd: options.cwd,
    env: {
      ...inherited,
      ...fastQueueSettings,
      SPINE_DATABASE_URL: databaseUrl,
      SPINE_LOG_LEVEL: "warn",
      ...options.environment,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  const exited = new Promise<number | string | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      chunks.push(chunk.toString());
      if (chunks.join("").includes("taking")) resolve();
    });
    void exited.then((code) =>
      reject(new Error(`worker ${name} exited (${code}) before taking jobs:\n${chunks.join("")}`)),
    );
  });
  return { name, child, stderr: () => chunks.join(""), exited };
}

/** Stops workers with SIGTERM (graceful) and waits for them; kills what did not stop in time. */
export async function stopWorkerProcesses(workers: readonly WorkerProcess[]): Promise<void> {
  for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill("SIGTERM");
  await Promise.all(
    workers.map((worker) =>
      Promise.race([worker.exited, new Promise((resolve) => setTimeout(resolve, 20_000))]).then(() => {
        if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGKILL");
      }),
    ),
  );
}
