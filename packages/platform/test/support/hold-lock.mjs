// Runs in a separate process: takes a partition lock and holds it until told to stop, so tests
// can prove that locks exclude other processes, not just other connections.
import { createTableLockManager, openSqliteDatabase } from "../../dist/index.js";

const [path, key, executionId, holdMs] = process.argv.slice(2);
const database = openSqliteDatabase({ path, busyTimeoutMs: 5_000 });
const lock = await createTableLockManager(database.db).acquire(key, executionId, 5_000);
process.stdout.write("acquired\n");
await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
await lock.release();
await database.close();
process.stdout.write("released\n");
