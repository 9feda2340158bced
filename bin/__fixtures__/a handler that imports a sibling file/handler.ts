import { slowQuery } from "./db";
import sharp from "sharp";

export async function main() {
  const rows = await slowQuery();
  const image = await sharp("in.png").resize(64).toBuffer();
  return { rows, image: String(image) };
}

export const unused = async () => "not this one";
