/** What the article claims a file of its pair does, in the words the page and the twins use. */
export function expectationText(expect: "timeout" | "error" | "ok", platformName: string, timeout: number): string {
  if (expect === "ok") return `finishes within ${timeout} s on ${platformName}`;
  if (expect === "timeout") return `times out at ${timeout} s on ${platformName}`;
  return `fails on ${platformName}`;
}
