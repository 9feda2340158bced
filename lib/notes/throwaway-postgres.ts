import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

// A PostgreSQL cluster of our own for tests and benches: initdb into a temp folder, pg_ctl on a
// free loopback port, removed afterwards. Uses Debian's binaries (postgresql package): on PATH
// or in /usr/lib/postgresql/<version>/bin. PostgreSQL refuses to run as root, so as root it runs
// as the `postgres` user the Debian package creates (through runuser); nothing else on the
// machine is touched: no service, no system cluster, no listening beyond 127.0.0.1.

export type Throwaway = { url: string; stop: () => void };

function binDir(): string | null {
  const onPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (onPath && existsSync(path.join(path.dirname(onPath), "initdb"))) return path.dirname(onPath);
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

export function postgresAvailable(): string | null {
  return binDir();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function userIds(name: string): { uid: number; gid: number } | null {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startThrowawayPostgres({ durable = false }: { durable?: boolean } = {}): Promise<Throwaway> {
  const bin = binDir();
  if (!bin) throw new Error("PostgreSQL's binaries (initdb, pg_ctl) are not installed: apt-get install postgresql, or set DATABASE_URL");
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "deadline-pg-"));
  let runAs: string[] = [];
  if (asRoot) {
    const ids = userIds("postgres");
    if (!ids) throw new Error("running as root, and there is no `postgres` user to run PostgreSQL as (Debian's postgresql package creates it)");
    chownSync(dir, ids.uid, ids.gid);
    runAs = ["runuser", "-u", "postgres", "--"];
  }
  const run = (cmd: string, args: string[]) => {
    const [file, ...rest] = [...runAs, path.join(bin, cmd), ...args];
    execFileSync(file!, rest, { stdio: ["ignore", "pipe", "pipe"], cwd: dir });
  };
  const data = path.join(dir, "data");
  const port = await freePort();
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
    // fsync off for tests, whose subject is not durability; the load bench asks for the
    // defaults (durable), since it counts what survives a kill -9.
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "log"), "-w", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200${durable ? "" : " -c fsync=off"}`, "start"]);
  } catch (error) {
    const log = existsSync(path.join(dir, "log")) ? readFileSync(path.join(dir, "log"), "utf8").slice(-2000) : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a throwaway PostgreSQL: ${(error as Error).message}\n${log}`);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
