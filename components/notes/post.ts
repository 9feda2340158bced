// fetch for the enhanced forms: JSON in, JSON out, the API's { error } as the message.

export type Posted<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: string };

export async function postJson<T>(url: string, body: unknown, method = "POST"): Promise<Posted<T>> {
  try {
    const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
    const data = (await response.json().catch(() => ({}))) as T & { error?: string };
    if (!response.ok) return { ok: false, status: response.status, error: data.error ?? `the server answered ${response.status}` };
    return { ok: true, status: response.status, data };
  } catch {
    return { ok: false, status: 0, error: "the server could not be reached; check the connection and try again" };
  }
}

/** A form's fields as a plain object (the submit button's name/value included). */
export function fieldsOf(form: HTMLFormElement, submitter?: HTMLElement | null): Record<string, string> {
  const data = new FormData(form, submitter as HTMLButtonElement | undefined);
  const out: Record<string, string> = {};
  data.forEach((value, key) => {
    if (typeof value === "string") out[key] = value;
  });
  return out;
}
