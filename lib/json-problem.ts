// Browsers word JSON.parse errors differently and Chromium no longer says where the problem is,
// so the event editor finds the spot itself: a strict JSON scanner that stops at the first fault.

export type JsonProblem = { message: string; line: number; column: number };

class Fault extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

export function jsonProblem(text: string): JsonProblem | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const describe = () => (i >= text.length ? "the text ends" : `unexpected ${JSON.stringify(text[i])}`);
  const expect = (what: string) => {
    throw new Fault(`${describe()}; expected ${what}`, i);
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text[i]!;
      if (c === "\\") {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Fault("bad \\u escape in a string", i);
          i += 6;
          continue;
        }
        if (!next || !'"\\/bfnrt'.includes(next)) throw new Fault("bad escape in a string", i);
        i += 2;
        continue;
      }
      if (c < " ") throw new Fault(c === "\n" ? "a string must end on the line it starts" : "control character in a string", i);
      i++;
    }
    if (i >= text.length) throw new Fault("a string is not closed", i);
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') expect('a "quoted" key');
        string();
        ws();
        if (text[i] !== ":") expect('":"');
        i++;
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") return void i++;
        expect('"," or "}"');
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") return void i++;
        expect('"," or "]"');
      }
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (literal) return void (i += literal[0].length);
    expect("a value");
  };
  try {
    value();
    ws();
    if (i < text.length) expect("the end of the JSON");
    return null;
  } catch (error) {
    if (!(error instanceof Fault)) throw error;
    const before = text.slice(0, error.at);
    const line = before.split("\n").length;
    return { message: error.message, line, column: error.at - before.lastIndexOf("\n") };
  }
}
