export async function slowQuery(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return 3;
}
