// The engine in a worker for the test-runner tests, one per file, as the other engine tests do.
export { test } from "../engine-fixture";

/** A test file's code: the leading newline of a template literal dropped, so line 1 is the first line. */
export const file = (code: string) => code.replace(/^\n/, "");
