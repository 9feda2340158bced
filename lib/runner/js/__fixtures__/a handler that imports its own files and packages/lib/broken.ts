export const ready = true;
export function half(value: number) {
  return value / ;
}
