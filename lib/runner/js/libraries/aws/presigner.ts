// @aws-sdk/s3-request-presigner (3.1169.0): getSignedUrl builds a SigV4 query-signed URL locally,
// without any network call, so it costs no simulated time. The signature is the simulator's own
// random hex: nothing here can be checked by S3, and nothing needs to be.

import type { RunContext } from "../../run-context";
import { envOf, randomHex } from "../transport";
import { ENDPOINT_PREFIX } from "./shared";
import { RESOLVE, type CommandLike } from "./v3-client";

/** presigner.js: expiresIn defaults to 900 s (SignatureV4's own default of 3600 s is overridden) */
export const PRESIGN_DEFAULT_EXPIRES_S = 900;
/** @smithy/signature-v4 constants.ts MAX_PRESIGNED_TTL: one week */
export const MAX_PRESIGNED_TTL_S = 60 * 60 * 24 * 7;
const TTL_ERROR = "Signature version 4 presigned URLs must have an expiration date less than one week in the future";

type Resolving = { [RESOLVE]?: (command: CommandLike) => Promise<{ method: string; url: string; region: string; service: keyof typeof ENDPOINT_PREFIX }> };

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function presignerModule(deps: { ctx: RunContext; process: unknown }) {
  const { ctx } = deps;
  const getSignedUrl = async (client: Resolving, command: CommandLike, options: { expiresIn?: number; signingDate?: Date } = {}) => {
    const resolve = client?.[RESOLVE];
    if (typeof resolve !== "function") throw new TypeError("getSignedUrl(client, command) takes an S3Client (or another v3 client) and one of its commands");
    const expiresIn = options.expiresIn ?? PRESIGN_DEFAULT_EXPIRES_S;
    // SignatureV4.presign rejects with a bare string, not an Error
    if (expiresIn > MAX_PRESIGNED_TTL_S) return Promise.reject(TTL_ERROR);
    const { url, region, service } = await resolve.call(client, command);
    const date = amzDate(options.signingDate?.getTime() ?? ctx.epoch + ctx.loop.now());
    const env = envOf(deps.process);
    const accessKey = env.AWS_ACCESS_KEY_ID || "ASIASIMULATEDKEY0000";
    const scope = `${date.slice(0, 8)}/${region}/${ENDPOINT_PREFIX[service]}/aws4_request`;
    const signed = new URL(url);
    const query = signed.searchParams;
    query.set("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    query.set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD");
    query.set("X-Amz-Credential", `${accessKey}/${scope}`);
    query.set("X-Amz-Date", date);
    query.set("X-Amz-Expires", String(expiresIn));
    if (env.AWS_SESSION_TOKEN) query.set("X-Amz-Security-Token", env.AWS_SESSION_TOKEN);
    query.set("X-Amz-Signature", randomHex(ctx, 32));
    query.set("X-Amz-SignedHeaders", "host");
    const name = (command as { constructor?: { name?: string } }).constructor?.name?.replace(/Command$/, "");
    if (name) query.set("x-id", name);
    return signed.href;
  };
  return { getSignedUrl, S3RequestPresigner: class {} };
}
