// @aws-sdk/lib-dynamodb (3.1169.0) and @aws-sdk/util-dynamodb: the document client that turns
// plain JavaScript values into DynamoDB's attribute values and back. Requests go through the
// DynamoDB client it wraps, so its retries (4 attempts, 25 ms base) and timeouts apply.
// A response rule may give items either way: as DynamoDB sends them ({"id": {"S": "1"}}) or as
// plain values ({"id": "1"}); plain values pass through unchanged.

import { isRecord } from "../transport";
import { OPERATION, type CommandLike, type Operation } from "./v3-client";

const ATTRIBUTE_KEYS = new Set(["S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"]);

function isAttributeValue(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && ATTRIBUTE_KEYS.has(keys[0]!);
}

/** convertToNative of util-dynamodb (numbers as JavaScript numbers, as with wrapNumbers: false). */
export function toNative(value: unknown): unknown {
  if (!isAttributeValue(value)) return value;
  const [type, inner] = Object.entries(value)[0]!;
  switch (type) {
    case "S":
    case "B":
      return inner;
    case "N":
      return Number(inner);
    case "BOOL":
      return Boolean(inner);
    case "NULL":
      return null;
    case "M":
      return unmarshall(inner);
    case "L":
      return Array.isArray(inner) ? inner.map(toNative) : inner;
    case "SS":
    case "BS":
      return new Set(Array.isArray(inner) ? inner : []);
    case "NS":
      return new Set(Array.isArray(inner) ? inner.map(Number) : []);
    default:
      return inner;
  }
}

export function unmarshall(item: unknown): unknown {
  if (!isRecord(item)) return item;
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, toNative(value)]));
}

/** convertToAttr of util-dynamodb, for marshall() users call themselves. */
export function toAttribute(value: unknown, options: { removeUndefinedValues?: boolean } = {}): unknown {
  if (value === null) return { NULL: true };
  if (typeof value === "string") return { S: value };
  if (typeof value === "number" || typeof value === "bigint") return { N: String(value) };
  if (typeof value === "boolean") return { BOOL: value };
  if (value instanceof Uint8Array) return { B: value };
  if (Array.isArray(value)) return { L: value.map((entry) => toAttribute(entry, options)) };
  if (value instanceof Set) {
    const items = [...value];
    if (items.every((item) => typeof item === "number")) return { NS: items.map(String) };
    return { SS: items.map(String) };
  }
  if (typeof value === "object") return { M: marshall(value, options) };
  throw new Error(`Unsupported type passed: ${String(value)}. Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.`);
}

export function marshall(item: unknown, options: { removeUndefinedValues?: boolean } = {}): Record<string, unknown> {
  if (!isRecord(item)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value === undefined) {
      if (options.removeUndefinedValues) continue;
      throw new Error(`Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.`);
    }
    out[key] = toAttribute(value, options);
  }
  return out;
}

function unmarshallOutput(output: Record<string, unknown>): Record<string, unknown> {
  const out = { ...output };
  for (const key of ["Item", "Attributes", "LastEvaluatedKey"]) if (key in out) out[key] = unmarshall(out[key]);
  if (Array.isArray(out.Items)) out.Items = out.Items.map(unmarshall);
  if (isRecord(out.Responses)) {
    out.Responses = Object.fromEntries(Object.entries(out.Responses).map(([table, items]) => [table, Array.isArray(items) ? items.map(unmarshall) : items]));
  } else if (Array.isArray(out.Responses)) {
    out.Responses = out.Responses.map((entry) => (isRecord(entry) && "Item" in entry ? { ...entry, Item: unmarshall(entry.Item) } : entry));
  }
  return out;
}

/** lib-dynamodb's command names over the client's operations. */
const DOCUMENT_COMMANDS: Record<string, string> = {
  GetCommand: "GetItem",
  PutCommand: "PutItem",
  UpdateCommand: "UpdateItem",
  DeleteCommand: "DeleteItem",
  QueryCommand: "Query",
  ScanCommand: "Scan",
  BatchGetCommand: "BatchGetItem",
  BatchWriteCommand: "BatchWriteItem",
  TransactGetCommand: "TransactGetItems",
  TransactWriteCommand: "TransactWriteItems",
};

type DynamoClient = { send: (command: CommandLike, ...rest: unknown[]) => Promise<Record<string, unknown>> | undefined; destroy?: () => void; config?: unknown };

export function documentModule(dynamodb: Record<string, unknown>) {
  const commands: Record<string, new (input?: Record<string, unknown>) => CommandLike> = {};
  for (const [documentName, operationName] of Object.entries(DOCUMENT_COMMANDS)) {
    const Base = dynamodb[`${operationName}Command`] as new (input?: Record<string, unknown>) => CommandLike;
    const operation = new Base({})[OPERATION] as Operation;
    // The same request as the client's command; the answer's items come back as plain values.
    const documentOperation: Operation = { ...operation, output: (answer, input, ctx) => unmarshallOutput(operation.output(answer, input, ctx)) };
    const Command = class {
      readonly input: Record<string, unknown>;
      readonly [OPERATION] = documentOperation;
      readonly middlewareStack = { add() {}, use() {} };
      constructor(input: Record<string, unknown> = {}) {
        this.input = input;
      }
    };
    Object.defineProperty(Command, "name", { value: documentName });
    commands[documentName] = Command;
  }

  class DynamoDBDocumentClient {
    readonly config: unknown;
    readonly middlewareStack = { add() {}, use() {} };
    protected constructor(
      readonly client: DynamoClient,
      readonly translateConfig: unknown,
    ) {
      this.config = client.config;
    }
    static from(client: DynamoClient, translateConfig?: unknown) {
      if (!client || typeof client.send !== "function") {
        throw new TypeError("DynamoDBDocumentClient.from(client) takes a DynamoDBClient: new DynamoDBClient({})");
      }
      return new this(client, translateConfig);
    }
    send(command: CommandLike, ...rest: unknown[]) {
      return this.client.send(command, ...rest);
    }
    destroy() {
      this.client.destroy?.();
    }
  }
  class DynamoDBDocument extends DynamoDBDocumentClient {}
  for (const documentName of Object.keys(DOCUMENT_COMMANDS)) {
    const method = documentName.replace(/Command$/, "");
    Object.defineProperty(DynamoDBDocument.prototype, method.charAt(0).toLowerCase() + method.slice(1), {
      value(this: DynamoDBDocumentClient, input: Record<string, unknown>, ...rest: unknown[]) {
        return this.send(new commands[documentName]!(input), ...rest);
      },
    });
  }
  return { DynamoDBDocumentClient, DynamoDBDocument, ...commands };
}

export function utilDynamodbModule() {
  return { marshall, unmarshall, convertToAttr: toAttribute, convertToNative: toNative };
}
