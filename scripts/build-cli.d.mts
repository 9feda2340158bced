// Types for build-cli.mjs (plain JavaScript so npm's prepare needs no loader).
export function buildCli(): Promise<{ id: string; files: number; sources: number; articles: number; ms: number }>;
