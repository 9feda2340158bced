// Types for bundle.mjs (plain JavaScript so bin/deadline.mjs can run it before any loader).
export type Fingerprint = [size: number, mtimeMs: number, sha256: string];
export type Manifest = { version: number; id: string; node: string; builtAt: string; inputs: Record<string, Fingerprint> };
export type BundleState = { state: "fresh"; manifest: Manifest } | { state: "missing" | "stale"; reason: string };
export const ROOT: string;
export const DIST: string;
export const MANIFEST: string;
export const MANIFEST_VERSION: number;
export function sha256(bytes: string | Uint8Array): string;
export function fingerprint(relative: string, root?: string): Fingerprint;
export function bundleState(options?: { root?: string; manifestFile?: string }): BundleState;
