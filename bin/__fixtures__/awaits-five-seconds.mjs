export const handler = async () => {
  await new Promise((r) => setTimeout(r, 5000));
  return { ok: true };
};
