// node:path (POSIX) and node:os for user code: pure, so the same answers in the browser worker
// and in Node. Paths follow Node 20's lib/path.js posix semantics; os reports a Linux function
// host with the memory the simulated platforms document (1024 MB, as Lambda's context says).

const CWD = "/var/task";

function normalizeParts(parts: string[], absolute: boolean): string[] {
  const out: string[] = [];
  for (const part of parts) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!absolute) out.push("..");
    } else out.push(part);
  }
  return out;
}

function normalize(path: string): string {
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const trailing = path.endsWith("/");
  let text = normalizeParts(path.split("/"), absolute).join("/");
  if (text === "" && !absolute) text = ".";
  if (text !== "" && trailing) text += "/";
  return `${absolute ? "/" : ""}${text}`;
}

function resolve(...paths: string[]): string {
  let resolved = "";
  for (let i = paths.length - 1; i >= 0 && !resolved.startsWith("/"); i--) {
    const part = paths[i];
    if (part) resolved = resolved ? `${part}/${resolved}` : part;
  }
  if (!resolved.startsWith("/")) resolved = `${CWD}/${resolved}`;
  return `/${normalizeParts(resolved.split("/"), true).join("/")}`;
}

function basename(path: string, ext?: string): string {
  const trimmed = path.replace(/\/+$/, "");
  let base = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  if (ext && base.endsWith(ext) && base !== ext) base = base.slice(0, -ext.length);
  return base;
}

function dirname(path: string): string {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const at = trimmed.lastIndexOf("/");
  if (at < 0) return ".";
  if (at === 0) return "/";
  return trimmed.slice(0, at);
}

function extname(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot);
}

function relative(from: string, to: string): string {
  const a = resolve(from).split("/").filter(Boolean);
  const b = resolve(to).split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

function parse(path: string) {
  const root = path.startsWith("/") ? "/" : "";
  const base = basename(path);
  const ext = extname(path);
  const dir = path.includes("/") ? dirname(path) : "";
  return { root, dir, base, ext, name: ext ? base.slice(0, -ext.length) : base };
}

function format(parts: { root?: string; dir?: string; base?: string; name?: string; ext?: string }): string {
  const dir = parts.dir ?? parts.root ?? "";
  const base = parts.base ?? `${parts.name ?? ""}${parts.ext ? (parts.ext.startsWith(".") ? parts.ext : `.${parts.ext}`) : ""}`;
  if (!dir) return base;
  return dir === parts.root ? `${dir}${base}` : `${dir}/${base}`;
}

export function createPath() {
  const path: Record<string, unknown> = {
    sep: "/",
    delimiter: ":",
    normalize,
    join: (...parts: string[]) => normalize(parts.filter((part) => part !== "").join("/") || "."),
    resolve,
    dirname,
    basename,
    extname,
    relative,
    isAbsolute: (p: string) => p.startsWith("/"),
    parse,
    format,
    toNamespacedPath: (p: string) => p,
  };
  path.posix = path;
  path.default = path;
  return path;
}

export function createOs(uptimeSeconds: () => number) {
  const cpu = { model: "Intel(R) Xeon(R) Processor @ 2.50GHz", speed: 2500, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } };
  const os: Record<string, unknown> = {
    EOL: "\n",
    platform: () => "linux",
    type: () => "Linux",
    arch: () => "x64",
    release: () => "5.10.0",
    version: () => "#1 SMP",
    machine: () => "x86_64",
    hostname: () => "localhost",
    homedir: () => "/tmp",
    tmpdir: () => "/tmp",
    endianness: () => "LE",
    cpus: () => [cpu, cpu],
    availableParallelism: () => 2,
    totalmem: () => 1024 * 1024 * 1024,
    freemem: () => 768 * 1024 * 1024,
    loadavg: () => [0, 0, 0],
    uptime: uptimeSeconds,
    networkInterfaces: () => ({}),
    userInfo: () => ({ uid: 993, gid: 990, username: "sbx_user1051", homedir: "/tmp", shell: null }),
    constants: { signals: {}, errno: {} },
  };
  os.default = os;
  return os;
}
