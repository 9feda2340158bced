// Runs on the virtual clock like the handler: this fetch is a network span.
export async function query(sql: string): Promise<string[]> {
  const response = await fetch(`https://db.example.com/query?sql=${encodeURIComponent(sql)}`);
  const body = (await response.json()) as { ok: boolean };
  return body.ok ? ["row 1"] : [];
}
