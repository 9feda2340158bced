// YAML as deploy configs write it. CloudFormation and SAM templates use short-form intrinsic
// functions (`!Ref TimeoutParam`, `!Sub ...`), which plain YAML does not know: each becomes the
// long form ({ Ref: ... }, { "Fn::Sub": ... }) so a reader can say what it found instead of
// failing on the tag.
import { readFileSync } from "node:fs";
import { parseDocument, type ScalarTag, type CollectionTag, YAMLMap, YAMLSeq } from "yaml";
import { DeployConfigError } from "./types";

// docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
const INTRINSICS = ["Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or"];

function longForm(name: string): string {
  return name === "Ref" || name === "Condition" ? name : `Fn::${name}`;
}

const TAGS: (ScalarTag | CollectionTag)[] = ["Ref", "Condition", ...INTRINSICS].flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [longForm(name)]: value }) } satisfies ScalarTag,
  { tag: `!${name}`, collection: "seq", nodeClass: YAMLSeq, resolve: (seq: YAMLSeq) => ({ [longForm(name)]: seq.toJSON() }) } as unknown as CollectionTag,
  { tag: `!${name}`, collection: "map", nodeClass: YAMLMap, resolve: (map: YAMLMap) => ({ [longForm(name)]: map.toJSON() }) } as unknown as CollectionTag,
]);

export function readYaml(file: string, shownAs: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new DeployConfigError(shownAs, "", "cannot be read");
  }
  const doc = parseDocument(text, { customTags: TAGS, prettyErrors: false, logLevel: "silent" });
  const error = doc.errors[0];
  if (error) throw new DeployConfigError(shownAs, "", `is not valid YAML${error.linePos?.[0] ? ` (line ${error.linePos[0].line})` : ""}: ${error.message.split("\n")[0]}`);
  return doc.toJS();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
