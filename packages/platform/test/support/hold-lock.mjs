// Runs in a separate process: takes a partition lock and holds it until told to stop, so tests
// can prove that locks exclude other processes, not just other connections.
// `location` is a SQLite path or a PostgreSQL URL; each backend brings its own lock manager.
// `holdMs` is a number of milliseconds, or "until-told": hold until a line arrives on stdin, so a
// slow machine can never let the lock go before the test has looked at it.
import { createTableLockManager, loadSettings, openDatabase } from "../../dist/index.js";

const [location, key, executionId, holdMs] = process.argv.slice(2);
const target = /^postgres/.test(location) ? { databaseUrl: location } : { databasePath: location };
const database = await openDatabase(loadSettings({ ...target, busyTimeoutMs: 5_000 }, {}));
const locks = database.locks ?? createTableLockManager(database.db);
const lock = await locks.acquire(key, executionId, 5_000);
process.stdout.write("acquired\n");
if (holdMs === "until-told") {
  await new Promise((resolve) => process.stdin.once("data", resolve));
  // An open stdin keeps the process alive after its work is done.
  process.stdin.destroy();
} else await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
await lock.release();
process.stdout.write("released\n");
await database.close();
