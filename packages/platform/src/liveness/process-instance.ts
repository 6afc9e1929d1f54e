import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/**
 * This process's identity as a lock or execution owner: `host:pid:instance`, the instance a random
 * id drawn at start-up. A process restarted with the same PID (PID 1 again in a restarted
 * container) has a new instance id, so it can never pass for the dead owner of a lock.
 */
export const processOwner = `${hostname()}:${process.pid}:${randomUUID()}`;

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True when `owner` (`host:pid:instance`, or the older `host:pid`) is certainly gone: it ran on
 * this host and its PID is either free or this very process under another identity. Anything
 * else may be alive and is judged by its heartbeat.
 */
export function isOwnerCertainlyDead(owner: string | null): boolean {
  if (owner === null || owner === processOwner) return false;
  const [host, pidText] = owner.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  return pid === process.pid || !isProcessAlive(pid);
}
