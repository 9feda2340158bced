export const handler = async (event: any) => {
  const x: number = 1
  return { x: x + };
};
