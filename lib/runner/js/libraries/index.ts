// The SDK packages real handlers import, as simulated modules (one factory per package, called by
// modules.ts when user code requires it). Each one sends its HTTP calls through the simulated
// network with the SDK's own defaults; SOURCES.md says where every figure comes from.

import type { RunContext } from "../run-context";
import { aiSdk } from "./ai-sdk";
import { anthropicModule } from "./anthropic";
import { documentModule, utilDynamodbModule } from "./aws/dynamodb-document";
import { presignerModule } from "./aws/presigner";
import { awsV2Module } from "./aws/v2";
import { createHandlerModule, createRetryModule } from "./aws/v3-client";
import { bedrockRuntimeModule, dynamodbModule, lambdaModule, s3Module, snsModule, sesModule, sesv2Module, sqsModule } from "./aws/v3-services";
import { openaiModule } from "./openai";
import { requestModule } from "./request";
import { undiciModule } from "./undici";
import { mongodbModule } from "./mongodb";
import { mysql2Modules } from "./mysql2";
import { pgModule } from "./pg";
import { redisModules } from "./redis";
import { supabaseModule } from "./supabase";
import { slackApiModule, slackSdkModule } from "./slack";

export type LibraryDeps = { ctx: RunContext; process: unknown };

export const clientS3 = (deps: LibraryDeps) => s3Module(deps);
export const clientSqs = (deps: LibraryDeps) => sqsModule(deps);
export const clientDynamodb = (deps: LibraryDeps) => dynamodbModule(deps);
/** lib-dynamodb's commands carry their own operations, so they work with any DynamoDBClient */
export const libDynamodb = (deps: LibraryDeps) => documentModule(dynamodbModule(deps));
export const utilDynamodb = () => utilDynamodbModule();
export const clientLambda = (deps: LibraryDeps) => lambdaModule(deps);
export const clientBedrockRuntime = (deps: LibraryDeps) => bedrockRuntimeModule(deps);
export const clientSns = (deps: LibraryDeps) => snsModule(deps);
export const clientSes = (deps: LibraryDeps) => sesModule(deps);
export const clientSesv2 = (deps: LibraryDeps) => sesv2Module(deps);
export const s3RequestPresigner = (deps: LibraryDeps) => presignerModule(deps);
export const nodeHttpHandler = () => createHandlerModule();
export const utilRetry = () => createRetryModule();
export const awsSdkV2 = (deps: LibraryDeps) => awsV2Module(deps);
export const openai = (deps: LibraryDeps) => openaiModule(deps);
export const anthropic = (deps: LibraryDeps) => anthropicModule(deps);
export const pg = (deps: LibraryDeps) => pgModule(deps);
export const ai = (deps: LibraryDeps) => aiSdk(deps).ai;
export const aiSdkOpenai = (deps: LibraryDeps) => aiSdk(deps).openai;
export const aiSdkAnthropic = (deps: LibraryDeps) => aiSdk(deps).anthropic;
/** supabase-js sends everything through fetch, so it takes the simulated fetch itself */
export const supabase = (deps: LibraryDeps & { fetch: (input: unknown, init?: RequestInit) => Promise<Response> }) => supabaseModule(deps);
export const ioredis = (deps: LibraryDeps) => redisModules(deps).ioredis;
export const redis = (deps: LibraryDeps) => redisModules(deps).redis;
export const mysql2 = (deps: LibraryDeps) => mysql2Modules(deps).mysql2;
export const mysql2Promise = (deps: LibraryDeps) => mysql2Modules(deps).promise;
export const mongodb = (deps: LibraryDeps) => mongodbModule(deps);
export const slackSdk = (deps: LibraryDeps) => slackSdkModule(deps.ctx);
export const slackApi = (deps: LibraryDeps) => slackApiModule(deps.ctx);

/** the deprecated request package: ETIMEDOUT (connect: true) until connected, ESOCKETTIMEDOUT (connect: false) after */
export const request = (deps: LibraryDeps) => requestModule(deps.ctx);
/** undici's Agent and setGlobalDispatcher: the connect, headers and body timeouts of every fetch */
export const undici = (deps: LibraryDeps & { fetch: unknown }) => undiciModule(deps.ctx, deps.fetch);
